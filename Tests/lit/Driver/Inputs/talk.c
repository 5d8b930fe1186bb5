// The talk's example, f(x, y) = x*y + sin(x)*y, differentiated in both modes and checked against the
// hand-derived gradient (y + cos(x)*y, x + sin(x)). Prints "ok" lines; exits non-zero on a mismatch.
// Shared by the driver tests, which care how it is built rather than what it computes.
#include <math.h>
#include <stdio.h>

extern int enzyme_dup, enzyme_const, enzyme_out;
extern double __enzyme_fwddiff(void *, ...);
typedef struct { double dx, dy; } Gradient;
extern Gradient __enzyme_autodiff(void *, ...);

static double f(double x, double y) { return x * y + sin(x) * y; }

static int failures = 0;
static void check(const char *what, double got, double want) {
  int ok = got == want || fabs(got - want) <= 1e-12 * fabs(want);
  printf("%s %s: %.17g (by hand %.17g)\n", ok ? "ok" : "FAIL", what, got, want);
  failures += !ok;
}

int main(void) {
  double x = 2.0, y = 3.0;
  check("forward df/dx", __enzyme_fwddiff((void *)f, enzyme_dup, x, 1.0, enzyme_const, y), y + cos(x) * y);
  check("forward df/dy", __enzyme_fwddiff((void *)f, enzyme_const, x, enzyme_dup, y, 1.0), x + sin(x));
  Gradient g = __enzyme_autodiff((void *)f, enzyme_out, x, enzyme_out, y);
  check("reverse df/dx", g.dx, y + cos(x) * y);
  check("reverse df/dy", g.dy, x + sin(x));
  return failures != 0;
}
