// The libm functions of the rule table, their hand-derived derivatives and the points of their domain
// where the libm runtime tests (forward and reverse, double and float) check them.
//
// The includer defines, before including:
//   REAL       double or float: the type the functions are differentiated in
//   LIBM(fn)   the libm function for REAL: fn, or fn##f
//   TOLERANCE  the relative tolerance of the checks
// and, after including, for each function `name` of the tables, the derivatives by AD
//   double ad_name(double x), adx_name(double x, double y), ady_name(double x, double y)
// (the points are rounded to REAL first). Derivatives are evaluated in double at the REAL points.
#ifndef SWAD_LIBM_CASES_H
#define SWAD_LIBM_CASES_H

#include "check.h"

static const double ln2 = 0.693147180559945309417232121458;
static const double ln10 = 2.302585092994045684017991454684;
static const double two_over_sqrt_pi = 1.128379167095512573896158903121;

// X(name, derivative in x, points...)
#define LIBM_UNARY(X)                                                                                 \
  X(sqrt, 0.5 / sqrt(x), 0.25, 2.0, 9.0, 1e6)                                                         \
  X(exp, exp(x), -3.0, 0.0, 0.5, 4.0)                                                                 \
  X(exp2, exp2(x) * ln2, -3.0, 0.0, 0.5, 4.0)                                                         \
  X(expm1, exp(x), -3.0, 1e-8, 0.5, 4.0)                                                              \
  X(log, 1 / x, 0.125, 1.0, 2.5, 1e5)                                                                 \
  X(log2, 1 / (x * ln2), 0.125, 1.0, 2.5, 1e5)                                                        \
  X(log10, 1 / (x * ln10), 0.125, 1.0, 2.5, 1e5)                                                      \
  X(log1p, 1 / (1 + x), -0.5, 1e-9, 0.5, 7.0)                                                         \
  X(sin, cos(x), -2.0, 0.0, 0.5, 3.0)                                                                 \
  X(cos, -sin(x), -2.0, 0.0, 0.5, 3.0)                                                                \
  X(tan, 1 / (cos(x) * cos(x)), -1.2, 0.0, 0.5, 1.0)                                                  \
  X(asin, 1 / sqrt(1 - x * x), -0.9, 0.0, 0.3, 0.75)                                                  \
  X(acos, -1 / sqrt(1 - x * x), -0.9, 0.0, 0.3, 0.75)                                                 \
  X(atan, 1 / (1 + x * x), -5.0, 0.0, 0.3, 2.0)                                                       \
  X(sinh, cosh(x), -2.0, 0.0, 0.5, 3.0)                                                               \
  X(cosh, sinh(x), -2.0, 0.0, 0.5, 3.0)                                                               \
  X(tanh, 1 / (cosh(x) * cosh(x)), -2.0, 0.0, 0.5, 3.0)                                               \
  X(fabs, copysign(1.0, x), -2.5, -1e-30, -0.0, 0.0, 1e-30, 3.0)                                      \
  X(floor, 0.0, -2.5, 0.5, 3.0)                                                                       \
  X(ceil, 0.0, -2.5, 0.5, 3.0)                                                                        \
  X(trunc, 0.0, -2.5, 0.5, 3.0)                                                                       \
  X(round, 0.0, -2.5, 0.5, 3.0)                                                                       \
  X(cbrt, pow(fabs(x), -2.0 / 3.0) / 3, -8.0, 0.3, 2.0, 27.0)                                         \
  X(erf, two_over_sqrt_pi * exp(-x * x), -1.5, 0.0, 0.4, 2.0)                                         \
  X(erfc, -two_over_sqrt_pi * exp(-x * x), -1.5, 0.0, 0.4, 2.0)

// X(name, derivative in x, derivative in y, points {x, y}...)
#define LIBM_BINARY(X)                                                                                \
  X(pow, y * pow(x, y - 1), pow(x, y) * log(x), {2.0, 3.0}, {0.5, -1.5}, {3.7, 0.5}, {1.0, 2.0})      \
  X(atan2, y / (x * x + y * y), -x / (x * x + y * y), {1.0, 2.0}, {-0.5, 0.25}, {3.0, -4.0}, {-1.0, -1.0}) \
  X(copysign, (x > 0) == (y > 0) ? 1.0 : -1.0, 0.0, {2.0, 3.0}, {-2.0, 3.0}, {2.0, -3.0}, {-2.0, -3.0}) \
  X(fmin, x < y ? 1.0 : 0.0, x < y ? 0.0 : 1.0, {1.0, 2.0}, {2.0, 1.0}, {-3.0, 0.5})                  \
  X(fmax, x > y ? 1.0 : 0.0, x > y ? 0.0 : 1.0, {1.0, 2.0}, {2.0, 1.0}, {-3.0, 0.5})                  \
  X(hypot, x / hypot(x, y), y / hypot(x, y), {3.0, 4.0}, {-1.0, 0.5}, {1e-3, 2.0})

#define LIBM_STRING(name) LIBM_STRING_(name)
#define LIBM_STRING_(name) #name

// The functions to differentiate, f_name, and the derivatives to expect, want_name (wantx_, wanty_).
#define LIBM_DEFINE_UNARY(name, derivative, ...)                                                      \
  REAL f_##name(REAL x) { return LIBM(name)(x); }                                                     \
  static double want_##name(double x) { return derivative; }
#define LIBM_DEFINE_BINARY(name, dx, dy, ...)                                                         \
  REAL f_##name(REAL x, REAL y) { return LIBM(name)(x, y); }                                          \
  static double wantx_##name(double x, double y) { return dx; }                                       \
  static double wanty_##name(double x, double y) { return dy; }
LIBM_UNARY(LIBM_DEFINE_UNARY)
LIBM_BINARY(LIBM_DEFINE_BINARY)

static void libm_check_unary(const char *name, double (*ad)(double), double (*want)(double), int n,
                             const double *xs) {
  for (int i = 0; i < n; i++) {
    char what[80];
    double x = (REAL)xs[i];
    snprintf(what, sizeof what, "%s'(%g)", name, x);
    check_rel(what, ad(x), want(x), TOLERANCE);
  }
}

static void libm_check_binary(const char *name, double (*adx)(double, double), double (*ady)(double, double),
                              double (*wantx)(double, double), double (*wanty)(double, double), int n,
                              const double (*xy)[2]) {
  for (int i = 0; i < n; i++) {
    char what[80];
    double x = (REAL)xy[i][0], y = (REAL)xy[i][1];
    snprintf(what, sizeof what, "d%s/dx(%g, %g)", name, x, y);
    check_rel(what, adx(x, y), wantx(x, y), TOLERANCE);
    snprintf(what, sizeof what, "d%s/dy(%g, %g)", name, x, y);
    check_rel(what, ady(x, y), wanty(x, y), TOLERANCE);
  }
}

#define LIBM_CHECK_UNARY(name, derivative, ...)                                                       \
  libm_check_unary(LIBM_STRING(LIBM(name)), ad_##name, want_##name,                                   \
                   sizeof((double[]){__VA_ARGS__}) / sizeof(double), (double[]){__VA_ARGS__});
#define LIBM_CHECK_BINARY(name, dx, dy, ...)                                                          \
  libm_check_binary(LIBM_STRING(LIBM(name)), adx_##name, ady_##name, wantx_##name, wanty_##name,      \
                    sizeof((double[][2]){__VA_ARGS__}) / sizeof(double[2]), (double[][2]){__VA_ARGS__});

// Checks every function of the tables at each of its points.
#define LIBM_CHECK_ALL()                                                                              \
  do {                                                                                                \
    LIBM_UNARY(LIBM_CHECK_UNARY)                                                                      \
    LIBM_BINARY(LIBM_CHECK_BINARY)                                                                    \
  } while (0)

#endif
