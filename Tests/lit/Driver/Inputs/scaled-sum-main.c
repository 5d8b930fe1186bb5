// Differentiates scaled_sum, which another input defines: the driver links all modules before AD,
// so the derivative is synthesized across translation units.
#include <math.h>
#include <stdio.h>

extern int enzyme_dup, enzyme_const, enzyme_out;
extern double __enzyme_autodiff(void *, ...);
double scaled_sum(const double *x, int n, double s);

int main(void) {
  double x[4] = {0.5, -1.0, 2.0, 0.0}, dx[4] = {0};
  double s = 1.5;
  double ds = __enzyme_autodiff((void *)scaled_sum, enzyme_dup, x, dx, enzyme_const, 4, enzyme_out, s);
  int failures = 0;
  double sum = 0;
  for (int i = 0; i < 4; i++) {
    sum += exp(x[i]);
    failures += fabs(dx[i] - s * exp(x[i])) > 1e-12 * s * exp(x[i]);
  }
  failures += fabs(ds - sum) > 1e-12 * sum;
  printf("d/ds = %.15g, d/dx = %.15g %.15g %.15g %.15g, %d failure(s)\n", ds, dx[0], dx[1], dx[2], dx[3],
         failures);
  return failures != 0;
}
