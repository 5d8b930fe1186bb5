// The forces on a chain of springs are minus the gradient of its energy (in libsprings.a): swad's
// reverse mode gives them, checked against Hooke's law by hand, and forward mode gives the work along a
// displacement. Gradient descent then finds the equilibrium: equal spacing. Exits 0 when all agree.
#include <math.h>
#include <stdio.h>

#include "springs.h"

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

enum { n = 4 };
static const double length = 10, k = 3, r = 1.5;

static int close_to(double a, double b) { return fabs(a - b) <= 1e-12 + 1e-12 * fabs(b); }

int main(void) {
  double x[n] = {1, 3.5, 4, 8}, gradient[n] = {0};
  __enzyme_autodiff((void *)chain_energy, enzyme_dup, x, gradient, enzyme_const, n, enzyme_const, length,
                    enzyme_const, k, enzyme_const, r);
  int failures = 0;
  double work = 0, v[n] = {0.5, -1, 0.25, 2};
  for (int i = 0; i < n; i++) {
    // dE/dx_i = k (x_i - x_{i-1} - r) - k (x_{i+1} - x_i - r), with the walls at both ends.
    double left = i == 0 ? 0 : x[i - 1], right = i == n - 1 ? length : x[i + 1];
    double expected = k * (x[i] - left - r) - k * (right - x[i] - r);
    if (!close_to(gradient[i], expected)) {
      printf("FAIL dE/dx%d = %.17g, by hand %.17g\n", i, gradient[i], expected);
      failures++;
    }
    work += expected * v[i];
  }
  double directional = __enzyme_fwddiff((void *)chain_energy, enzyme_dup, x, v, enzyme_const, n,
                                        enzyme_const, length, enzyme_const, k, enzyme_const, r);
  if (!close_to(directional, work)) {
    printf("FAIL forward dE.v = %.17g, by hand %.17g\n", directional, work);
    failures++;
  }
  for (int step = 0; step < 2000; step++) {
    double g[n] = {0};
    __enzyme_autodiff((void *)chain_energy, enzyme_dup, x, g, enzyme_const, n, enzyme_const, length,
                      enzyme_const, k, enzyme_const, r);
    for (int i = 0; i < n; i++) x[i] -= 0.1 * g[i];
  }
  for (int i = 0; i < n; i++) {
    if (fabs(x[i] - length * (i + 1) / (n + 1)) > 1e-9) {
      printf("FAIL equilibrium x%d = %.17g, expected %.17g\n", i, x[i], length * (i + 1) / (n + 1));
      failures++;
    }
  }
  printf("equilibrium: %.6f %.6f %.6f %.6f %s\n", x[0], x[1], x[2], x[3], failures ? "FAIL" : "ok");
  return failures != 0;
}
