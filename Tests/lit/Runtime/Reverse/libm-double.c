// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Every libm function of the rule table, in double, in reverse mode, against hand-derived
// derivatives at a few points of its domain (relative tolerance 1e-12). A binary function returns
// both partials at once (a struct of two doubles); fma returns three (a struct C returns via sret).
// Each function is also composed with a nonlinear inner function, so the reverse sweep has to pass
// the right seed into the rule and use the right primal values: d/dx name(x * x) = name'(x²) · 2x.
#define REAL double
#define LIBM(fn) fn
#define TOLERANCE 1e-12
#include "../Inputs/libm-cases.h"

typedef struct { double dx, dy; } Grad2;
typedef struct { double dx, dy, dz; } Grad3;
extern double __enzyme_autodiff(void *, ...);
extern Grad2 __enzyme_autodiff2(void *, ...);
extern Grad3 __enzyme_autodiff3(void *, ...);

#define AD_UNARY(name, ...)                                                                           \
  static double ad_##name(double x) { return __enzyme_autodiff((void *)f_##name, x); }
#define AD_BINARY(name, ...)                                                                          \
  static double adx_##name(double x, double y) { return __enzyme_autodiff2((void *)f_##name, x, y).dx; } \
  static double ady_##name(double x, double y) { return __enzyme_autodiff2((void *)f_##name, x, y).dy; }
LIBM_UNARY(AD_UNARY)
LIBM_BINARY(AD_BINARY)
LIBM_COMPOSITE(AD_UNARY)

// g_name(t) = name(t²), checked at t = sqrt(x) for the points x >= 0 of name's domain.
#define COMPOSED(name, derivative, ...)                                                               \
  double g_##name(double t) { double x = t * t; return name(x); }                                     \
  static void check_composed_##name(void) {                                                           \
    const double xs[] = {__VA_ARGS__};                                                                \
    for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) {                                         \
      if (xs[i] < 0) continue;                                                                        \
      char what[80];                                                                                  \
      double t = sqrt(xs[i]);                                                                         \
      snprintf(what, sizeof what, "d/dt " #name "(t*t) at t = %g", t);                                \
      check_rel(what, __enzyme_autodiff((void *)g_##name, t), want_##name(t * t) * 2 * t, 1e-12);     \
    }                                                                                                 \
  }
LIBM_UNARY(COMPOSED)
#define CHECK_COMPOSED(name, ...) check_composed_##name();

double f_fma(double x, double y, double z) { return fma(x, y, z); }

int main(void) {
  LIBM_CHECK_ALL();
  LIBM_UNARY(CHECK_COMPOSED)

  // fma(x, y, z) = x*y + z: the partials are y, x and 1, returned through sret.
  const double xyz[][3] = {{2.0, 3.0, 4.0}, {-0.5, 0.25, 1e3}};
  for (int i = 0; i < 2; i++) {
    double x = xyz[i][0], y = xyz[i][1], z = xyz[i][2];
    Grad3 g = __enzyme_autodiff3((void *)f_fma, x, y, z);
    check_rel("dfma/dx", g.dx, y, 1e-12);
    check_rel("dfma/dy", g.dy, x, 1e-12);
    check_rel("dfma/dz", g.dz, 1.0, 1e-12);
  }
  return finish();
}
