// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %llvm-dis %t.opt.bc -o - | not grep -E 'enzyme_|__enzyme'
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// The talk's example f(x, y) = x*y + sin(x)*y in reverse mode: one call returns both partials,
// df/dx = y + cos(x)*y and df/dy = x + sin(x), as a struct of two doubles (in argument order).
// Also: enzyme_const on either argument, and agreement with central finite differences; no
// marker global or entry-point declaration is left in the differentiated module.
#include "../Inputs/check.h"

typedef struct { double dx, dy; } Grad2;
extern Grad2 __enzyme_autodiff(void *, ...);
extern double __enzyme_autodiff_1(void *, ...);
extern int enzyme_const, enzyme_out;

double f(double x, double y) { return x * y + sin(x) * y; }

int main(void) {
  const double points[][2] = {{0.0, 0.0}, {1.0, 2.0}, {-0.7, 3.25}, {2.5, -1.5}, {10.0, 0.125}, {1e-3, 1e3}};
  for (unsigned i = 0; i < sizeof points / sizeof points[0]; i++) {
    double x = points[i][0], y = points[i][1];
    char what[96];
    Grad2 g = __enzyme_autodiff((void *)f, x, y);
    snprintf(what, sizeof what, "df/dx(%g, %g)", x, y);
    check_rel(what, g.dx, y + cos(x) * y, 1e-12);
    snprintf(what, sizeof what, "df/dy(%g, %g)", x, y);
    check_rel(what, g.dy, x + sin(x), 1e-12);

    // Explicit markers give the same.
    Grad2 m = __enzyme_autodiff((void *)f, enzyme_out, x, enzyme_out, y);
    snprintf(what, sizeof what, "marked df/dx(%g, %g)", x, y);
    check_rel(what, m.dx, g.dx, 0);
    snprintf(what, sizeof what, "marked df/dy(%g, %g)", x, y);
    check_rel(what, m.dy, g.dy, 0);

    // One argument constant: a single adjoint is returned.
    double only_x = __enzyme_autodiff_1((void *)f, enzyme_out, x, enzyme_const, y);
    double only_y = __enzyme_autodiff_1((void *)f, enzyme_const, x, enzyme_out, y);
    snprintf(what, sizeof what, "df/dx(%g, const %g)", x, y);
    check_rel(what, only_x, y + cos(x) * y, 1e-12);
    snprintf(what, sizeof what, "df/dy(const %g, %g)", x, y);
    check_rel(what, only_y, x + sin(x), 1e-12);

    // Central finite differences.
    double h = 1e-6 * fmax(1.0, fabs(x));
    double fdx = (f(x + h, y) - f(x - h, y)) / (2 * h);
    h = 1e-6 * fmax(1.0, fabs(y));
    double fdy = (f(x, y + h) - f(x, y - h)) / (2 * h);
    snprintf(what, sizeof what, "fd df/dx(%g, %g)", x, y);
    check_fd(what, g.dx, fdx, 1e-6);
    snprintf(what, sizeof what, "fd df/dy(%g, %g)", x, y);
    check_fd(what, g.dy, fdy, 1e-6);
  }
  return finish();
}
