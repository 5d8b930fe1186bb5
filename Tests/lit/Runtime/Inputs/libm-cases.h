// The libm functions of the rule table, their hand-derived derivatives and the points of their domain
// where the libm runtime tests (forward and reverse, double and float) check them.
//
// The includer defines, before including:
//   REAL       double or float: the type the functions are differentiated in
//   LIBM(fn)   the libm function for REAL: fn, or fn##f
//   TOLERANCE  the relative tolerance of the checks
// and, after including, for each function `name` of the tables, the derivatives by AD
//   double ad_name(double x), adx_name(double x, double y), ady_name(double x, double y)
// of f_name (LIBM_UNARY and LIBM_COMPOSITE: ad_name; LIBM_BINARY: adx_name, ady_name), the points
// rounded to REAL first. Derivatives are evaluated in double at the REAL points.
#ifndef SWAD_LIBM_CASES_H
#define SWAD_LIBM_CASES_H

#include "check.h"

static const double ln2 = 0.693147180559945309417232121458;
static const double ln10 = 2.302585092994045684017991454684;
static const double two_over_sqrt_pi = 1.128379167095512573896158903121;

// The digamma function ψ = Γ'/Γ (libm has none), in long double: reflected below 1/2, moved up to
// [30, ∞) by ψ(x) = ψ(x + 1) − 1/x, then ψ(x) ≈ ln x − 1/(2x) − Σₙ B₂ₙ / (2n x²ⁿ), n = 1…5.
static double ref_digamma(double x) {
  long double z = x, sum = 0;
  if (z < 0.5L) {
    sum = -3.14159265358979323846264338327950288L / tanl(3.14159265358979323846264338327950288L * z);
    z = 1 - z;
  }
  for (; z < 30; z += 1) sum -= 1 / z;
  long double t = 1 / (z * z);
  return (double)(sum + logl(z) - 0.5L / z - t * (1.0L / 12 - t * (1.0L / 120 - t * (1.0L / 252 - t * (1.0L / 240 - t / 132)))));
}

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
  X(erfc, -two_over_sqrt_pi * exp(-x * x), -1.5, 0.0, 0.4, 2.0)                                      \
  X(tgamma, tgamma(x) * ref_digamma(x), -2.5, 0.3, 1.0, 3.7, 10.5, 25.0)                              \
  X(lgamma, ref_digamma(x), -2.5, 0.3, 1.0, 2.0, 7.5, 150.0)                                        \
  X(j0, -j1(x), -2.0, 0.0, 0.5, 3.0, 12.0)                                                            \
  X(j1, x == 0 ? 0.5 : j0(x) - j1(x) / x, -2.0, 0.0, 0.5, 3.0, 12.0)                                  \
  X(y0, -y1(x), 0.25, 1.0, 3.0, 12.0)                                                                 \
  X(y1, y0(x) - y1(x) / x, 0.25, 1.0, 3.0, 12.0)                                                      \
  X(logb, 0.0, -2.5, 0.3, 5.0)                                                                        \
  X(significand, ldexp(1.0, -(int)logb(x)), -6.5, 0.3, 1.0, 1e5)

// X(name, derivative in x, derivative in y, points {x, y}...)
#define LIBM_BINARY(X)                                                                                \
  X(pow, y * pow(x, y - 1), pow(x, y) * log(x), {2.0, 3.0}, {0.5, -1.5}, {3.7, 0.5}, {1.0, 2.0})      \
  X(atan2, y / (x * x + y * y), -x / (x * x + y * y), {1.0, 2.0}, {-0.5, 0.25}, {3.0, -4.0}, {-1.0, -1.0}) \
  X(copysign, (x > 0) == (y > 0) ? 1.0 : -1.0, 0.0, {2.0, 3.0}, {-2.0, 3.0}, {2.0, -3.0}, {-2.0, -3.0}) \
  X(fmin, x < y ? 1.0 : 0.0, x < y ? 0.0 : 1.0, {1.0, 2.0}, {2.0, 1.0}, {-3.0, 0.5})                  \
  X(fmax, x > y ? 1.0 : 0.0, x > y ? 0.0 : 1.0, {1.0, 2.0}, {2.0, 1.0}, {-3.0, 0.5})                  \
  X(hypot, x / hypot(x, y), y / hypot(x, y), {3.0, 4.0}, {-1.0, 0.5}, {1e-3, 2.0})                  \
  X(fmod, 1.0, -trunc(x / y), {5.5, 2.0}, {-7.25, 1.5}, {3.0, -0.75})                                 \
  X(remainder, 1.0, -rint(x / y), {5.5, 2.0}, {-7.25, 1.5}, {5.0, 2.0}, {7.0, 2.0})                   \
  X(fdim, x > y ? 1.0 : 0.0, x > y ? -1.0 : 0.0, {3.0, 1.0}, {1.0, 3.0}, {-0.5, -2.0})                \
  X(nextafter, 1.0, 0.0, {1.0, 2.0}, {-0.5, -3.0}, {4.0, 0.0})                                        \
  /* ldexp(x, (int)y): the exponent is an integer (its derivative 0). */                              \
  X(ldexp, ldexp(1.0, (int)y), 0.0, {1.5, 3.0}, {-0.375, -4.0}, {7.0, 0.0})

// Functions that also write through a pointer, inside a small expression:
// X(name, derivative in x, the body of f_name(REAL x), points...)
#define LIBM_COMPOSITE(X)                                                                             \
  /* frexp(x, &e) · e: the exponent is piecewise constant, so the derivative is e · 2^-e. */          \
  X(frexp, ({ int e; frexp(x, &e); ldexp((double)e, -e); }),                                          \
    { int e; REAL m = LIBM(frexp)(x, &e); return m * e; }, -6.5, 0.0, 0.3, 1.0, 1e5)                  \
  /* modf(x, &i) + 2i: the fraction has derivative 1, the integral part 0. */                         \
  X(modf, 1.0, { REAL i; REAL f = LIBM(modf)(x, &i); return f + 2 * i; }, -2.75, 0.5, 3.25)          \
  /* remquo(x, 0.75, &q) + q: the quotient is an integer. */                                          \
  X(remquo, 1.0, { int q; return LIBM(remquo)(x, (REAL)0.75, &q) + q; }, -2.5, 0.3, 4.0)          \
  /* Bessel functions of integer order n: (Jₙ₋₁ − Jₙ₊₁)/2, the same for Yₙ. */                         \
  X(jn, 0.5 * (jn(2, x) - jn(4, x)), { return LIBM(jn)(3, x); }, -2.0, 0.0, 0.5, 3.0, 12.0)          \
  X(yn, 0.5 * (yn(1, x) - yn(3, x)), { return LIBM(yn)(2, x); }, 0.25, 1.0, 3.0, 12.0)

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
#define LIBM_DEFINE_COMPOSITE(name, derivative, body, ...)                                            \
  REAL f_##name(REAL x) body                                                                          \
  static double want_##name(double x) { return derivative; }
LIBM_UNARY(LIBM_DEFINE_UNARY)
LIBM_BINARY(LIBM_DEFINE_BINARY)
LIBM_COMPOSITE(LIBM_DEFINE_COMPOSITE)

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

#define LIBM_CHECK_COMPOSITE(name, derivative, body, ...) LIBM_CHECK_UNARY(name, derivative, __VA_ARGS__)

// Checks every function of the tables at each of its points.
#define LIBM_CHECK_ALL()                                                                              \
  do {                                                                                                \
    LIBM_UNARY(LIBM_CHECK_UNARY)                                                                      \
    LIBM_BINARY(LIBM_CHECK_BINARY)                                                                    \
    LIBM_COMPOSITE(LIBM_CHECK_COMPOSITE)                                                              \
  } while (0)

#endif
