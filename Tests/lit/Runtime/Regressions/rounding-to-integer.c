// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Without errno, clang turns lround/llround/lrint/llrint into LLVM intrinsics: the same checks
// through those.
// RUN: %clang-ad -fno-math-errno %s -o %t.noerrno.bc
// RUN: %llvm-dis %t.noerrno.bc -o - | FileCheck %s --check-prefix=INTRINSICS
// RUN: %swad-opt %t.noerrno.bc -o %t.noerrno.opt.bc
// RUN: %clang %t.noerrno.opt.bc -o %t.noerrno -lm
// RUN: %t.noerrno
// RUN: %clang-ad-O0 -fno-math-errno %s -o %t.O0in.noerrno.bc
// RUN: %llvm-dis %t.O0in.noerrno.bc -o - | FileCheck %s --check-prefix=INTRINSICS
// RUN: %swad-opt %t.O0in.noerrno.bc -o %t.O0in.noerrno.opt.bc
// RUN: %clang %t.O0in.noerrno.opt.bc -o %t.O0in.noerrno -lm
// RUN: %t.O0in.noerrno
// INTRINSICS-DAG: call {{.*}}@llvm.lround.
// INTRINSICS-DAG: call {{.*}}@llvm.llround.
// INTRINSICS-DAG: call {{.*}}@llvm.lrint.
// INTRINSICS-DAG: call {{.*}}@llvm.llrint.
//
// Regression: functions that round a floating-point value to an integer (lround, llround, lrint,
// llrint, their float versions, ilogb) return an integer, which carries no derivative. They were
// not known to swad, so a call with an active argument stopped the transform as a call of an
// unknown function. Each test function scales x² by the rounded integer k: f(x) = k·x², whose
// derivative is 2·k·x. Checked in both modes, in double and in float, at multiples of 1/4 (so
// that float and double agree exactly), two of them ties: at 2.5 round (away from zero) and rint
// (to even) give different k.
#include <math.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern float __enzyme_autodiff_f(float (*)(float), float);
extern float __enzyme_fwddiff_f(float (*)(float), float, float);

double via_lround(double x) { return x * x * (double)lround(x); }
double via_llround(double x) { return x * x * (double)llround(x); }
double via_lrint(double x) { return x * x * (double)lrint(x); }
double via_llrint(double x) { return x * x * (double)llrint(x); }
double via_ilogb(double x) { return x * x * (double)ilogb(x); }
float via_lroundf(float x) { return x * x * (float)lroundf(x); }
float via_llroundf(float x) { return x * x * (float)llroundf(x); }
float via_lrintf(float x) { return x * x * (float)lrintf(x); }
float via_llrintf(float x) { return x * x * (float)llrintf(x); }
float via_ilogbf(float x) { return x * x * (float)ilogbf(x); }

// Checks the derivative of k·x² in both modes, given k.
#define CHECK_DOUBLE(F, K)                                                                         \
  do {                                                                                             \
    double k = (double)(K);                                                                        \
    snprintf(what, sizeof what, #F " reverse x=%g", x);                                            \
    check_rel(what, __enzyme_autodiff((void *)F, x), 2 * k * x, 1e-12);                            \
    snprintf(what, sizeof what, #F " forward x=%g", x);                                            \
    check_rel(what, __enzyme_fwddiff((void *)F, x, 0.75), 0.75 * 2 * k * x, 1e-12);               \
  } while (0)
#define CHECK_FLOAT(F, K)                                                                          \
  do {                                                                                             \
    double k = (double)(K);                                                                        \
    snprintf(what, sizeof what, #F " reverse x=%g", x);                                            \
    check_rel(what, __enzyme_autodiff_f(F, (float)x), 2 * k * x, 1e-12);                           \
    snprintf(what, sizeof what, #F " forward x=%g", x);                                            \
    check_rel(what, __enzyme_fwddiff_f(F, (float)x, 0.75f), 0.75 * 2 * k * x, 1e-12);              \
  } while (0)

int main(void) {
  char what[96];
  // x, round(x) (ties away from zero), rint(x) (ties to even), ilogb(x).
  const struct { double x; int round, rint, ilogb; } points[] = {
      {2.25, 2, 2, 1}, {-3.5, -4, -4, 1}, {2.5, 3, 2, 1}, {5.75, 6, 6, 2}, {-0.75, -1, -1, -1}, {12.0, 12, 12, 3},
  };
  for (unsigned i = 0; i < sizeof points / sizeof points[0]; i++) {
    double x = points[i].x;
    CHECK_DOUBLE(via_lround, points[i].round);
    CHECK_DOUBLE(via_llround, points[i].round);
    CHECK_DOUBLE(via_lrint, points[i].rint);
    CHECK_DOUBLE(via_llrint, points[i].rint);
    CHECK_DOUBLE(via_ilogb, points[i].ilogb);
    CHECK_FLOAT(via_lroundf, points[i].round);
    CHECK_FLOAT(via_llroundf, points[i].round);
    CHECK_FLOAT(via_lrintf, points[i].rint);
    CHECK_FLOAT(via_llrintf, points[i].rint);
    CHECK_FLOAT(via_ilogbf, points[i].ilogb);
  }
  return finish();
}
