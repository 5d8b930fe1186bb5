// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// Every libm function of the rule table, in double, in reverse mode, against hand-derived
// derivatives at a few points of its domain (relative tolerance 1e-12). A binary function returns
// both partials at once (a struct of two doubles); fma returns three (a struct C returns via sret).
// Each function is also composed with a nonlinear inner function, so the reverse sweep has to pass
// the right seed into the rule and use the right primal values: d/dx name(x * x) = name'(x²) · 2x.
#include "../Inputs/check.h"

typedef struct { double dx, dy; } Grad2;
typedef struct { double dx, dy, dz; } Grad3;
extern double __enzyme_autodiff(void *, ...);
extern Grad2 __enzyme_autodiff2(void *, ...);
extern Grad3 __enzyme_autodiff3(void *, ...);

static const double ln2 = 0.693147180559945309417232121458;
static const double ln10 = 2.302585092994045684017991454684;
static const double two_over_sqrt_pi = 1.128379167095512573896158903121;

#define UNARY(name, call, deriv)                                                                      \
  double f_##name(double x) { return call; }                                                          \
  double g_##name(double t) { double x = t * t; return call; }                                        \
  static double want_##name(double x) { return deriv; }

#define BINARY(name, call, dx, dy)                                                                    \
  double f_##name(double x, double y) { return call; }                                                \
  static double wantx_##name(double x, double y) { return dx; }                                       \
  static double wanty_##name(double x, double y) { return dy; }

UNARY(sqrt, sqrt(x), 0.5 / sqrt(x))
UNARY(exp, exp(x), exp(x))
UNARY(exp2, exp2(x), exp2(x) * ln2)
UNARY(expm1, expm1(x), exp(x))
UNARY(log, log(x), 1 / x)
UNARY(log2, log2(x), 1 / (x * ln2))
UNARY(log10, log10(x), 1 / (x * ln10))
UNARY(log1p, log1p(x), 1 / (1 + x))
UNARY(sin, sin(x), cos(x))
UNARY(cos, cos(x), -sin(x))
UNARY(tan, tan(x), 1 / (cos(x) * cos(x)))
UNARY(asin, asin(x), 1 / sqrt(1 - x * x))
UNARY(acos, acos(x), -1 / sqrt(1 - x * x))
UNARY(atan, atan(x), 1 / (1 + x * x))
UNARY(sinh, sinh(x), cosh(x))
UNARY(cosh, cosh(x), sinh(x))
UNARY(tanh, tanh(x), 1 / (cosh(x) * cosh(x)))
UNARY(fabs, fabs(x), x >= 0 ? 1.0 : -1.0)
UNARY(floor, floor(x), 0.0)
UNARY(ceil, ceil(x), 0.0)
UNARY(trunc, trunc(x), 0.0)
UNARY(round, round(x), 0.0)
UNARY(cbrt, cbrt(x), 1 / (3 * cbrt(x) * cbrt(x)))
UNARY(erf, erf(x), two_over_sqrt_pi * exp(-x * x))
UNARY(erfc, erfc(x), -two_over_sqrt_pi * exp(-x * x))

BINARY(pow, pow(x, y), y * pow(x, y - 1), pow(x, y) * log(x))
BINARY(atan2, atan2(x, y), y / (x * x + y * y), -x / (x * x + y * y))
BINARY(copysign, copysign(x, y), (x > 0) == (y > 0) ? 1.0 : -1.0, 0.0)
BINARY(fmin, fmin(x, y), x < y ? 1.0 : 0.0, x < y ? 0.0 : 1.0)
BINARY(fmax, fmax(x, y), x > y ? 1.0 : 0.0, x > y ? 0.0 : 1.0)
BINARY(hypot, hypot(x, y), x / hypot(x, y), y / hypot(x, y))

double f_fma(double x, double y, double z) { return fma(x, y, z); }

// x is a point of the domain; g_name is evaluated at t = sqrt(|x|) (so t² = |x|), skipped for x < 0.
#define U(name, ...)                                                                                  \
  do {                                                                                                \
    const double xs[] = {__VA_ARGS__};                                                                \
    for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) {                                         \
      char what[80];                                                                                  \
      double x = xs[i];                                                                               \
      snprintf(what, sizeof what, #name "'(%g)", x);                                                  \
      check_rel(what, __enzyme_autodiff((void *)f_##name, x), want_##name(x), 1e-12);                 \
      if (x >= 0) {                                                                                   \
        double t = sqrt(x);                                                                           \
        snprintf(what, sizeof what, "d/dt " #name "(t*t) at t = %g", t);                              \
        check_rel(what, __enzyme_autodiff((void *)g_##name, t), want_##name(t * t) * 2 * t, 1e-12);   \
      }                                                                                               \
    }                                                                                                 \
  } while (0)

#define B(name, ...)                                                                                  \
  do {                                                                                                \
    const double xy[][2] = {__VA_ARGS__};                                                             \
    for (unsigned i = 0; i < sizeof xy / sizeof xy[0]; i++) {                                         \
      char what[80];                                                                                  \
      double x = xy[i][0], y = xy[i][1];                                                              \
      Grad2 g = __enzyme_autodiff2((void *)f_##name, x, y);                                           \
      snprintf(what, sizeof what, "d" #name "/dx(%g, %g)", x, y);                                     \
      check_rel(what, g.dx, wantx_##name(x, y), 1e-12);                                               \
      snprintf(what, sizeof what, "d" #name "/dy(%g, %g)", x, y);                                     \
      check_rel(what, g.dy, wanty_##name(x, y), 1e-12);                                               \
    }                                                                                                 \
  } while (0)

int main(void) {
  U(sqrt, 0.25, 2.0, 9.0, 1e6);
  U(exp, -3.0, 0.0, 0.5, 4.0);
  U(exp2, -3.0, 0.0, 0.5, 4.0);
  U(expm1, -3.0, 1e-8, 0.5, 4.0);
  U(log, 0.125, 1.0, 2.5, 1e5);
  U(log2, 0.125, 1.0, 2.5, 1e5);
  U(log10, 0.125, 1.0, 2.5, 1e5);
  U(log1p, -0.5, 1e-9, 0.5, 7.0);
  U(sin, -2.0, 0.0, 0.5, 3.0);
  U(cos, -2.0, 0.0, 0.5, 3.0);
  U(tan, -1.2, 0.0, 0.5, 1.0);
  U(asin, -0.9, 0.0, 0.3, 0.75);
  U(acos, -0.9, 0.0, 0.3, 0.75);
  U(atan, -5.0, 0.0, 0.3, 2.0);
  U(sinh, -2.0, 0.0, 0.5, 3.0);
  U(cosh, -2.0, 0.0, 0.5, 3.0);
  U(tanh, -2.0, 0.0, 0.5, 3.0);
  U(fabs, -2.5, -1e-300, 1e-300, 3.0);
  U(floor, -2.5, 0.5, 3.0);
  U(ceil, -2.5, 0.5, 3.0);
  U(trunc, -2.5, 0.5, 3.0);
  U(round, -2.5, 0.5, 3.0);
  U(cbrt, -8.0, 0.3, 2.0, 27.0);
  U(erf, -1.5, 0.0, 0.4, 2.0);
  U(erfc, -1.5, 0.0, 0.4, 2.0);

  B(pow, {2.0, 3.0}, {0.5, -1.5}, {3.7, 0.5}, {1.0, 2.0});
  B(atan2, {1.0, 2.0}, {-0.5, 0.25}, {3.0, -4.0}, {-1.0, -1.0});
  B(copysign, {2.0, 3.0}, {-2.0, 3.0}, {2.0, -3.0}, {-2.0, -3.0});
  B(fmin, {1.0, 2.0}, {2.0, 1.0}, {-3.0, 0.5});
  B(fmax, {1.0, 2.0}, {2.0, 1.0}, {-3.0, 0.5});
  B(hypot, {3.0, 4.0}, {-1.0, 0.5}, {1e-3, 2.0});

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
