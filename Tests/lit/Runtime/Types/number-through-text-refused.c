// RUN: %clang-ad -DROUND_TRIP %s -o %t.trip.bc
// RUN: not %swad-opt %t.trip.bc -o %t.trip.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 -DROUND_TRIP %s -o %t.trip.O0in.bc
// RUN: not %swad-opt %t.trip.O0in.bc -o %t.trip.O0in.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s --check-prefix=RESULT
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s --check-prefix=RESULT
// A value with a derivative printed into a buffer with snprintf("%.17g") and parsed back with
// strtod: the number parsed is a constant to swad (text has no derivative), and the derivative
// through the round trip was silently 0 in both modes. Now an error naming the parse and the
// formatting. Printing a value for a log line and parsing a setting from other text in the same
// function stay fine, with the right gradient.
// CHECK: number-through-text-refused.c:[[@LINE+20]]:{{[0-9]+}}: in function 'f': a number is parsed here from text into which 'snprintf' (at {{.*}}number-through-text-refused.c:[[@LINE+19]]:{{[0-9]+}}) wrote a value with a derivative
// RESULT: 3 checks passed
#include <stdio.h>
#include <stdlib.h>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

static const char *setting = "2.5";
char line[64];

__attribute__((noinline)) double f(const double *x) {
  double scale = strtod(setting, NULL);
  double y = scale * x[0] * x[0];
  snprintf(line, sizeof line, "y = %.17g", y);  // a log line
#ifdef ROUND_TRIP
  char digits[32];
  snprintf(digits, sizeof digits, "%.17g", y);
  y = strtod(digits, NULL);
#endif
  return y + x[1];
}

int main(void) {
  double x[2] = {1.5, -0.25}, g[2] = {0, 0};
  __enzyme_autodiff((void *)f, enzyme_dup, x, g);
  check_rel("reverse d/dx0", g[0], 2 * 2.5 * x[0], 1e-15);
  check_rel("reverse d/dx1", g[1], 1, 1e-15);
  double e[2] = {1, 0};
  check_rel("forward", __enzyme_fwddiff((void *)f, enzyme_dup, x, e), 2 * 2.5 * x[0], 1e-15);
  return finish();
}
