// Derivatives of functions defined in other files and in a static library, in both modes, checked
// against hand-derived values. Prints "ok"/"FAIL" lines; exits non-zero on a mismatch.
#include <math.h>
#include <stdio.h>

#include "model.h"

extern int enzyme_dup, enzyme_const, enzyme_out;
extern double __enzyme_fwddiff(void *, ...);
extern void __enzyme_autodiff(void *, ...);
typedef struct { double dx, dy; } Gradient;
extern Gradient __enzyme_autodiff_mix(void *, ...);

static int failures = 0;
static void check(const char *what, double got, double want) {
  int ok = got == want || fabs(got - want) <= 1e-12 * fabs(want);
  printf("%s %s: %.17g (by hand %.17g)\n", ok ? "ok" : "FAIL", what, got, want);
  failures += !ok;
}

int main(void) {
  double x[3] = {0.5, -1.25, 2.0}, gradient[3] = {0, 0, 0}, k = 1.5;
  // d energy/dx_i = k*(9x_i^2 - 2) + cos(x_i) + 2x_i
  __enzyme_autodiff((void *)energy, enzyme_dup, x, gradient, enzyme_const, 3, enzyme_const, k);
  for (int i = 0; i < 3; i++) {
    char what[32];
    snprintf(what, sizeof what, "reverse denergy/dx%d", i);
    check(what, gradient[i], k * (9 * x[i] * x[i] - 2) + cos(x[i]) + 2 * x[i]);
  }
  double direction[3] = {1, 0, -1};
  check("forward denergy.v", __enzyme_fwddiff((void *)energy, enzyme_dup, x, direction, enzyme_const, 3, enzyme_const, k),
        (k * (9 * x[0] * x[0] - 2) + cos(x[0]) + 2 * x[0]) - (k * (9 * x[2] * x[2] - 2) + cos(x[2]) + 2 * x[2]));
  // mix(x, y) = x^2 y + e^y: d/dx = 2xy, d/dy = x^2 + e^y
  double a = 1.5, b = 0.25;
  Gradient g = __enzyme_autodiff_mix((void *)mix, enzyme_out, a, enzyme_out, b);
  check("reverse dmix/dx", g.dx, 2 * a * b);
  check("reverse dmix/dy", g.dy, a * a + exp(b));
  check("forward dmix/dy", __enzyme_fwddiff((void *)mix, enzyme_const, a, enzyme_dup, b, 1.0), a * a + exp(b));
  return failures != 0;
}
