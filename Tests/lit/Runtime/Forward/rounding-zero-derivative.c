// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// floor, ceil, round and trunc are piecewise constant: their derivative is 0 (not a delta, not NaN),
// in double and in float, and a sum through them keeps only the smooth part's derivative.
#include "../Inputs/check.h"

extern double __enzyme_fwddiff(void *, ...);
extern float __enzyme_fwddiff_f(float (*)(float), float, float);

double dfloor(double x) { return floor(x); }
double dceil(double x) { return ceil(x); }
double dround(double x) { return round(x); }
double dtrunc(double x) { return trunc(x); }
double mixed(double x) { return 3.0 * x + floor(x * x); }
float ffloor(float x) { return floorf(x); }
float fceil(float x) { return ceilf(x); }
float fround(float x) { return roundf(x); }
float ftrunc(float x) { return truncf(x); }

int main(void) {
  const double xs[] = {-2.5, -1.0, -0.3, 0.0, 0.7, 1.5, 42.0};
  for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) {
    double x = xs[i];
    check_exact("floor'", __enzyme_fwddiff((void *)dfloor, x, 1.0), 0.0);
    check_exact("ceil'", __enzyme_fwddiff((void *)dceil, x, 1.0), 0.0);
    check_exact("round'", __enzyme_fwddiff((void *)dround, x, 1.0), 0.0);
    check_exact("trunc'", __enzyme_fwddiff((void *)dtrunc, x, 1.0), 0.0);
    check_exact("(3x + floor(x^2))'", __enzyme_fwddiff((void *)mixed, x, 1.0), 3.0);
    float xf = (float)x;
    check_exact("floorf'", __enzyme_fwddiff_f(ffloor, xf, 1.0f), 0.0);
    check_exact("ceilf'", __enzyme_fwddiff_f(fceil, xf, 1.0f), 0.0);
    check_exact("roundf'", __enzyme_fwddiff_f(fround, xf, 1.0f), 0.0);
    check_exact("truncf'", __enzyme_fwddiff_f(ftrunc, xf, 1.0f), 0.0);
  }
  return finish();
}
