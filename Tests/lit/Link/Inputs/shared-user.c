// A native program calling a derivative that lives in a shared library built by swad-ld.
#include <math.h>
#include <stdio.h>
double dmix_dy(double a, double b);
int main(void) {
  double got = dmix_dy(1.5, 0.25), want = 1.5 * 1.5 + exp(0.25);
  printf("dmix/dy = %.17g (by hand %.17g)\n", got, want);
  return fabs(got - want) > 1e-12 * want;
}
