// Rounding by adding and subtracting 1.5·2^52, and elementary functions written on a double's bits
// as libms and vector libraries write them: exp by a reduction that rounds with 1.5·2^52 (musl's
// way: the shifted value's bits give k, and 2^k is built on bits), log from the significand and
// exponent taken off the bits (frexp by masks). The rounding's derivative is 0 (RoundingShifts), the
// significand's result / x (ExponentReplacement), or 2^1021 below the smallest normal number. Both
// modes against the analytic derivatives and central differences, from optimized and unoptimized
// input.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);

static uint64_t bits_of(double x) {
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return u;
}

static double from_bits(uint64_t u) {
  double x;
  memcpy(&x, &u, sizeof x);
  return x;
}

// exp(x) = 2^k · exp(r), k = round(x / ln 2), r = x - k ln 2 (ln 2 in two parts).
double bit_exp(double x) {
  const double shift = 0x1.8p52;
  double kd = x * 0x1.71547652b82fep0 + shift;
  uint64_t ki = bits_of(kd);  // the low bits hold 2^51 + k
  kd -= shift;
  double r = x - kd * 0x1.62e42fefa39efp-1 - kd * 0x1.abc9e3b39803fp-56;
  double p = 1, term = 1;
  for (int i = 1; i <= 14; i++) {
    term *= r / i;
    p += term;
  }
  return p * from_bits((ki + 1023) << 52);
}

// x - round(x), times x: derivative (x - round(x)) + x. The build before RoundingShifts gave
// x - round(x) alone (the rounding's derivative taken as 1), without an error.
double shifted_fraction(double x) {
  double rounded = (x + 0x1.8p52) - 0x1.8p52;
  return (x - rounded) * x;
}

// The significand in [0.5, 1) with x's sign.
double significand(double x) { return from_bits((bits_of(x) & 0x800fffffffffffffULL) | 0x3fe0000000000000ULL); }

// log(x) = e ln 2 + log(m), m = x / 2^e in [0.5, 1), log(m) = 2 atanh((m - 1) / (m + 1)).
double bit_log(double x) {
  uint64_t u = bits_of(x);
  int e = (int)((u >> 52) & 0x7ff) - 1022;
  double m = significand(x);
  double s = (m - 1) / (m + 1), s2 = s * s, sum = 0, power = s;
  for (int k = 1; k < 80; k += 2) {
    sum += power / k;
    power *= s2;
  }
  return e * 0x1.62e42fefa39efp-1 + 2 * sum;
}

// A macro: entry points need the function itself, not a pointer to it in a variable.
#define CHECK_UNARY(name, f, x, want, h)                                                  \
  do {                                                                                    \
    double at = (x), expected = (want), step = (h);                                       \
    double g = __enzyme_autodiff((void *)f, at), t = __enzyme_fwddiff((void *)f, at, 1.0); \
    check_rel(name, g, expected, 1e-13);                                                  \
    check_rel(name, t, expected, 1e-13);                                                  \
    check_fd(name, g, (f(at + step) - f(at - step)) / (2 * step), 1e-7 * fmax(1, fabs(expected))); \
  } while (0)

int main(void) {
  // Across several multiples of ln 2 either side of 0, where k changes.
  for (double x = -6.1; x < 6.2; x += 0.37) {
    check_rel("bit_exp value", bit_exp(x), exp(x), 1e-14);
    CHECK_UNARY("bit_exp", bit_exp, x, exp(x), 1e-6);
  }
  for (double x = -7.3; x < 7.4; x += 0.61) {
    double rounded = nearbyint(x);
    CHECK_UNARY("shifted_fraction", shifted_fraction, x, (x - rounded) + x, 1e-6);
  }
  for (double x = 0.013; x < 900; x *= 2.9) {
    check_rel("bit_log value", bit_log(x), log(x), 1e-14);
    CHECK_UNARY("bit_log", bit_log, x, 1 / x, 1e-7 * x);
    CHECK_UNARY("significand", significand, -x, significand(-x) / -x, 1e-7 * x);
  }
  // Subnormal: the significand is sign · 0.5 · (1 + |x| 2^1022), its derivative 2^1021.
  for (double x = 3e-310; x < 2e-308; x *= 1.7) {
    CHECK_UNARY("significand (subnormal)", significand, x, 0x1p1021, 1e-314);
    CHECK_UNARY("significand (subnormal)", significand, -x, 0x1p1021, 1e-314);
  }
  return finish();
}
