// The talk's example, differentiated by swad: f(x, y) = x*y + sin(x)*y.
//
//   df/dx = y + cos(x)*y        df/dy = x + sin(x)
//
// Forward mode (__enzyme_fwddiff) gives one directional derivative per call: seeding the tangent
// (dx, dy) = (1, 0) gives df/dx, (0, 1) gives df/dy. Reverse mode (__enzyme_autodiff) gives both in
// one call: the adjoints of the enzyme_out arguments, in order.
//
// Build and run (from the repository root; scripts/demo does this and also shows the derivatives):
//   swad ir-samples/demo.c -o demo && ./demo
// ir-samples/demo.swift is the same program in Swift.
#include <math.h>
#include <stdio.h>

// Enzyme's activity markers: declared, never defined; swad recognizes them by name.
extern int enzyme_dup, enzyme_const, enzyme_out;

// Enzyme's entry points: declared with whatever prototype suits the caller; swad replaces each call
// with a call of the synthesized derivative.
extern double __enzyme_fwddiff(void *f, ...);
typedef struct { double dx, dy; } Gradient;
extern Gradient __enzyme_autodiff(void *f, ...);

static double f(double x, double y) { return x * y + sin(x) * y; }

static int failures = 0;

// Prints one derivative next to its hand-derived value and counts disagreements.
static void report(const char *what, double ad, double expected) {
  int ok = fabs(ad - expected) <= 1e-12 * fmax(1.0, fabs(expected));
  printf("  %-28s swad %+.15f   by hand %+.15f   %s\n", what, ad, expected, ok ? "ok" : "MISMATCH");
  failures += !ok;
}

int main(void) {
  double x = 2.0, y = 3.0;
  printf("f(x, y) = x*y + sin(x)*y at x = %g, y = %g: f = %.15f\n", x, y, f(x, y));

  printf("forward mode (__enzyme_fwddiff):\n");
  double dfdx = __enzyme_fwddiff((void *)f, enzyme_dup, x, 1.0, enzyme_dup, y, 0.0);
  double dfdy = __enzyme_fwddiff((void *)f, enzyme_dup, x, 0.0, enzyme_dup, y, 1.0);
  report("df/dx, tangent (1, 0)", dfdx, y + cos(x) * y);
  report("df/dy, tangent (0, 1)", dfdy, x + sin(x));

  printf("reverse mode (__enzyme_autodiff):\n");
  Gradient g = __enzyme_autodiff((void *)f, enzyme_out, x, enzyme_out, y);
  report("df/dx, adjoint", g.dx, y + cos(x) * y);
  report("df/dy, adjoint", g.dy, x + sin(x));

  printf(failures ? "%d derivative(s) disagree\n" : "all derivatives agree\n", failures);
  return failures != 0;
}
