// libraries.test's program: differentiates exp(sin(x)) and compares with expected_derivative,
// which only the library given by -L/-l defines.
#include <math.h>
#include <stdio.h>

extern int enzyme_out;
extern double __enzyme_autodiff(void *, ...);
double expected_derivative(double x);

static double f(double x) { return exp(sin(x)); }

int main(void) {
  double x = 0.75, d = __enzyme_autodiff((void *)f, enzyme_out, x);
  printf("swad %.15g, library %.15g\n", d, expected_derivative(x));
  return fabs(d - expected_derivative(x)) > 1e-12;
}
