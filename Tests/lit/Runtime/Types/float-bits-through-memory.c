// A double read from memory as an integer (memcpy into a uint64_t, a union), operated on as bits and
// read back as a double: the sign flipped (^ 0x8000...), cleared (& 0x7fff...), the exponent
// replaced (frexp's significand), and a netlib-style log that takes x apart through a union. Through
// the integers the derivatives were 0 without an error (the functions read that memory no other
// way); they are now fneg, fabs and swad.exponent.replaced of a double load. Both modes against
// the derivatives by hand and central differences, from optimized and unoptimized input.
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
extern int enzyme_dup, enzyme_const;

static uint64_t load_bits(const double *p) {
  uint64_t u;
  memcpy(&u, p, sizeof u);
  return u;
}

static double from_bits(uint64_t u) {
  double d;
  memcpy(&d, &u, sizeof d);
  return d;
}

double negated(const double *x) { return 3 * from_bits(load_bits(x) ^ 0x8000000000000000ull); }
double absolute(const double *x) { return 3 * from_bits(load_bits(x) & 0x7fffffffffffffffull); }
double replaced_exponent(const double *x) { return 3 * from_bits((load_bits(x) & 0x000fffffffffffffull) | 0x3ff0000000000000ull); }

// log(x) = k ln 2 + log(m), x = 2^k m, m in [sqrt(1/2), sqrt(2)), log(m) = 2 atanh((m - 1) / (m + 1)).
typedef union {
  double d;
  uint64_t u;
} Bits;

static double union_log(double x) {
  Bits b;
  b.d = x;
  int k = (int)((b.u >> 52) & 0x7ff) - 1023;
  b.u = (b.u & 0x000fffffffffffffull) | 0x3ff0000000000000ull;
  double m = b.d;
  if (m > 1.4142135623730951) {
    m *= 0.5;
    k++;
  }
  double s = (m - 1) / (m + 1), s2 = s * s, sum = 0, power = s;
  for (int i = 1; i < 60; i += 2) {
    sum += power / i;
    power *= s2;
  }
  return k * 0.69314718055994531 + 2 * sum;
}

double weighted_logs(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += union_log(x[i]) * (i + 1);
  return s;
}

#define CHECK_POINTER(F, X, WANT)                                          \
  do {                                                                     \
    double at = (X), dx = 0, v = 1;                                        \
    __enzyme_autodiff((void *)F, enzyme_dup, &at, &dx);                    \
    check_rel(#F, dx, WANT, 1e-15);                                        \
    check_rel(#F " forward", __enzyme_fwddiff((void *)F, enzyme_dup, &at, &v), WANT, 1e-15); \
  } while (0)

int main(void) {
  for (double x = -7.25; x < 7.5; x += 0.75) {
    CHECK_POINTER(negated, x, -3.0);
    CHECK_POINTER(absolute, x, x < 0 ? -3.0 : 3.0);
    // 3 m with m = x / 2^k in [1, 2): 3 / 2^k, with the sign of x (the mask drops the sign: |x|).
    double m = replaced_exponent(&x) / fabs(x);
    CHECK_POINTER(replaced_exponent, x, x < 0 ? -m : m);
  }
  double x[6] = {0.3, 1.7, 12.5, 1000.0, 0.0071, 33.0}, dx[6] = {0};
  __enzyme_autodiff((void *)weighted_logs, enzyme_dup, x, dx, enzyme_const, 6);
  for (int i = 0; i < 6; i++) {
    check_rel("weighted_logs", dx[i], (i + 1) / x[i], 1e-13);
    double v[6] = {0};
    v[i] = 1;
    check_rel("weighted_logs forward", __enzyme_fwddiff((void *)weighted_logs, enzyme_dup, x, v, enzyme_const, 6),
              (i + 1) / x[i], 1e-13);
  }
  check_gradient_fd("weighted_logs", weighted_logs, x, dx, 6, 1e-7, 1e-6);
  return finish();
}
