// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// Every libm function of the rule table, in float (sinf, powf, ...), in reverse mode, against
// hand-derived derivatives evaluated in double at the same float points (relative tolerance 1e-5).
// float functions are differentiated through non-variadic prototypes (C promotes float arguments
// of `...` to double). C returns a struct of two floats packed in one vector register (<2 x float>)
// and a struct of three floats as { <2 x float>, float }: the adjoints must be repacked to match.
#include "../Inputs/check.h"

typedef struct { float dx, dy; } Grad2f;
typedef struct { float dx, dy, dz; } Grad3f;
extern float __enzyme_autodiff_f1(float (*)(float), float);
extern Grad2f __enzyme_autodiff_f2(float (*)(float, float), float, float);
extern Grad3f __enzyme_autodiff_f3(float (*)(float, float, float), float, float, float);

static const double ln2 = 0.693147180559945309417232121458;
static const double ln10 = 2.302585092994045684017991454684;
static const double two_over_sqrt_pi = 1.128379167095512573896158903121;

#define UNARY(name, call, deriv)                                                                      \
  float f_##name(float x) { return call; }                                                            \
  static double want_##name(double x) { return deriv; }

#define BINARY(name, call, dx, dy)                                                                    \
  float f_##name(float x, float y) { return call; }                                                   \
  static double wantx_##name(double x, double y) { return dx; }                                       \
  static double wanty_##name(double x, double y) { return dy; }

UNARY(sqrt, sqrtf(x), 0.5 / sqrt(x))
UNARY(exp, expf(x), exp(x))
UNARY(exp2, exp2f(x), exp2(x) * ln2)
UNARY(expm1, expm1f(x), exp(x))
UNARY(log, logf(x), 1 / x)
UNARY(log2, log2f(x), 1 / (x * ln2))
UNARY(log10, log10f(x), 1 / (x * ln10))
UNARY(log1p, log1pf(x), 1 / (1 + x))
UNARY(sin, sinf(x), cos(x))
UNARY(cos, cosf(x), -sin(x))
UNARY(tan, tanf(x), 1 / (cos(x) * cos(x)))
UNARY(asin, asinf(x), 1 / sqrt(1 - x * x))
UNARY(acos, acosf(x), -1 / sqrt(1 - x * x))
UNARY(atan, atanf(x), 1 / (1 + x * x))
UNARY(sinh, sinhf(x), cosh(x))
UNARY(cosh, coshf(x), sinh(x))
UNARY(tanh, tanhf(x), 1 / (cosh(x) * cosh(x)))
UNARY(fabs, fabsf(x), x >= 0 ? 1.0 : -1.0)
UNARY(floor, floorf(x), 0.0)
UNARY(ceil, ceilf(x), 0.0)
UNARY(trunc, truncf(x), 0.0)
UNARY(round, roundf(x), 0.0)
UNARY(cbrt, cbrtf(x), pow(fabs(x), -2.0 / 3.0) / 3)
UNARY(erf, erff(x), two_over_sqrt_pi * exp(-x * x))
UNARY(erfc, erfcf(x), -two_over_sqrt_pi * exp(-x * x))

BINARY(pow, powf(x, y), y * pow(x, y - 1), pow(x, y) * log(x))
BINARY(atan2, atan2f(x, y), y / (x * x + y * y), -x / (x * x + y * y))
BINARY(copysign, copysignf(x, y), (x > 0) == (y > 0) ? 1.0 : -1.0, 0.0)
BINARY(fmin, fminf(x, y), x < y ? 1.0 : 0.0, x < y ? 0.0 : 1.0)
BINARY(fmax, fmaxf(x, y), x > y ? 1.0 : 0.0, x > y ? 0.0 : 1.0)
BINARY(hypot, hypotf(x, y), x / hypot(x, y), y / hypot(x, y))

float f_fma(float x, float y, float z) { return fmaf(x, y, z); }

#define U(name, ...)                                                                                  \
  do {                                                                                                \
    const double xs[] = {__VA_ARGS__};                                                                \
    for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) {                                         \
      char what[80];                                                                                  \
      double x = (float)xs[i];                                                                        \
      snprintf(what, sizeof what, #name "f'(%g)", x);                                                 \
      check_rel(what, __enzyme_autodiff_f1(f_##name, (float)x), want_##name(x), 1e-5);                \
    }                                                                                                 \
  } while (0)

#define B(name, ...)                                                                                  \
  do {                                                                                                \
    const double xy[][2] = {__VA_ARGS__};                                                             \
    for (unsigned i = 0; i < sizeof xy / sizeof xy[0]; i++) {                                         \
      char what[80];                                                                                  \
      double x = (float)xy[i][0], y = (float)xy[i][1];                                                \
      Grad2f g = __enzyme_autodiff_f2(f_##name, (float)x, (float)y);                                  \
      snprintf(what, sizeof what, "d" #name "f/dx(%g, %g)", x, y);                                    \
      check_rel(what, g.dx, wantx_##name(x, y), 1e-5);                                                \
      snprintf(what, sizeof what, "d" #name "f/dy(%g, %g)", x, y);                                    \
      check_rel(what, g.dy, wanty_##name(x, y), 1e-5);                                                \
    }                                                                                                 \
  } while (0)

int main(void) {
  U(sqrt, 0.25, 2.0, 9.0, 1e4);
  U(exp, -3.0, 0.0, 0.5, 4.0);
  U(exp2, -3.0, 0.0, 0.5, 4.0);
  U(expm1, -3.0, 1e-8, 0.5, 4.0);
  U(log, 0.125, 1.0, 2.5, 1e4);
  U(log2, 0.125, 1.0, 2.5, 1e4);
  U(log10, 0.125, 1.0, 2.5, 1e4);
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
  U(fabs, -2.5, -1e-30, 1e-30, 3.0);
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

  // fmaf(x, y, z) = x*y + z: the partials are y, x and 1.
  const float xyz[][3] = {{2.0f, 3.0f, 4.0f}, {-0.5f, 0.25f, 1e3f}};
  for (int i = 0; i < 2; i++) {
    float x = xyz[i][0], y = xyz[i][1], z = xyz[i][2];
    Grad3f g = __enzyme_autodiff_f3(f_fma, x, y, z);
    check_rel("dfmaf/dx", g.dx, y, 1e-5);
    check_rel("dfmaf/dy", g.dy, x, 1e-5);
    check_rel("dfmaf/dz", g.dz, 1.0, 1e-5);
  }
  return finish();
}
