// A sum of x^2 e^x and its gradient (Driver/remarks.test): the loop keeps e^x on the tape.
#include <math.h>
extern void __enzyme_autodiff(void *, ...);
extern int enzyme_dup, enzyme_const;
double norm2(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] * x[i] * exp(x[i]);
  return s;
}
int main(void) {
  double x[3] = {1, 2, 3}, dx[3] = {0};
  __enzyme_autodiff((void *)norm2, enzyme_dup, x, dx, enzyme_const, 3);
  return fabs(dx[0] - 3 * exp(1.0)) < 1e-12 ? 0 : 1;
}
