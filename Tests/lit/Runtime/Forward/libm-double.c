// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// Every libm function of the rule table, in double, against hand-derived derivatives at a few points
// of its domain (relative tolerance 1e-12). Binary functions are checked in each argument.
#include "../Inputs/check.h"

extern double __enzyme_fwddiff(void *, ...);

static const double ln2 = 0.693147180559945309417232121458;
static const double ln10 = 2.302585092994045684017991454684;
static const double two_over_sqrt_pi = 1.128379167095512573896158903121;

#define UNARY(name, call, deriv)                                                                      \
  double f_##name(double x) { return call; }                                                          \
  static double want_##name(double x) { return deriv; }                                               \
  static double ad_##name(double x) { return __enzyme_fwddiff((void *)f_##name, x, 1.0); }

#define BINARY(name, call, dx, dy)                                                                    \
  double f_##name(double x, double y) { return call; }                                                \
  static double wantx_##name(double x, double y) { return dx; }                                       \
  static double wanty_##name(double x, double y) { return dy; }                                       \
  static double adx_##name(double x, double y) { return __enzyme_fwddiff((void *)f_##name, x, 1.0, y, 0.0); } \
  static double ady_##name(double x, double y) { return __enzyme_fwddiff((void *)f_##name, x, 0.0, y, 1.0); }

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
UNARY(fabs, fabs(x), x > 0 ? 1.0 : -1.0)
UNARY(floor, floor(x), 0.0)
UNARY(ceil, ceil(x), 0.0)
UNARY(trunc, trunc(x), 0.0)
UNARY(round, round(x), 0.0)
UNARY(cbrt, cbrt(x), pow(fabs(x), -2.0 / 3.0) / 3)
UNARY(erf, erf(x), two_over_sqrt_pi * exp(-x * x))
UNARY(erfc, erfc(x), -two_over_sqrt_pi * exp(-x * x))

BINARY(pow, pow(x, y), y * pow(x, y - 1), pow(x, y) * log(x))
BINARY(atan2, atan2(x, y), y / (x * x + y * y), -x / (x * x + y * y))
BINARY(copysign, copysign(x, y), (x > 0) == (y > 0) ? 1.0 : -1.0, 0.0)
BINARY(fmin, fmin(x, y), x < y ? 1.0 : 0.0, x < y ? 0.0 : 1.0)
BINARY(fmax, fmax(x, y), x > y ? 1.0 : 0.0, x > y ? 0.0 : 1.0)
BINARY(hypot, hypot(x, y), x / hypot(x, y), y / hypot(x, y))

double f_fma(double x, double y, double z) { return fma(x, y, z); }

static void unary(const char *name, double (*ad)(double), double (*want)(double), int n, const double *xs) {
  for (int i = 0; i < n; i++) {
    char what[80];
    snprintf(what, sizeof what, "%s'(%g)", name, xs[i]);
    check_rel(what, ad(xs[i]), want(xs[i]), 1e-12);
  }
}

static void binary(const char *name, double (*adx)(double, double), double (*ady)(double, double),
                   double (*wantx)(double, double), double (*wanty)(double, double), int n, const double (*xy)[2]) {
  for (int i = 0; i < n; i++) {
    char what[80];
    double x = xy[i][0], y = xy[i][1];
    snprintf(what, sizeof what, "d%s/dx(%g, %g)", name, x, y);
    check_rel(what, adx(x, y), wantx(x, y), 1e-12);
    snprintf(what, sizeof what, "d%s/dy(%g, %g)", name, x, y);
    check_rel(what, ady(x, y), wanty(x, y), 1e-12);
  }
}

#define U(name, ...)                                                                                  \
  unary(#name, ad_##name, want_##name, sizeof((double[]){__VA_ARGS__}) / sizeof(double), (double[]){__VA_ARGS__})
#define B(name, ...)                                                                                  \
  binary(#name, adx_##name, ady_##name, wantx_##name, wanty_##name,                                   \
         sizeof((double[][2]){__VA_ARGS__}) / sizeof(double[2]), (double[][2]){__VA_ARGS__})

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

  // fma(x, y, z) = x*y + z: the partials are y, x and 1.
  const double xyz[][3] = {{2.0, 3.0, 4.0}, {-0.5, 0.25, 1e3}};
  for (int i = 0; i < 2; i++) {
    double x = xyz[i][0], y = xyz[i][1], z = xyz[i][2];
    check_rel("dfma/dx", __enzyme_fwddiff((void *)f_fma, x, 1.0, y, 0.0, z, 0.0), y, 1e-12);
    check_rel("dfma/dy", __enzyme_fwddiff((void *)f_fma, x, 0.0, y, 1.0, z, 0.0), x, 1e-12);
    check_rel("dfma/dz", __enzyme_fwddiff((void *)f_fma, x, 0.0, y, 0.0, z, 1.0), 1.0, 1e-12);
  }
  return finish();
}
