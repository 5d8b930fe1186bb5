// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Forward over forward: differentiating a function that itself calls __enzyme_fwddiff gives second
// derivatives (and the third by one more level).
#include "../Inputs/check.h"

extern double __enzyme_fwddiff(void *, ...);

double f(double x) { return x * x * x * x + sin(x); }
double df(double x) { return __enzyme_fwddiff((void *)f, x, 1.0); }
double ddf(double x) { return __enzyme_fwddiff((void *)df, x, 1.0); }
double dddf(double x) { return __enzyme_fwddiff((void *)ddf, x, 1.0); }

int main(void) {
  const double xs[] = {-1.5, 0.0, 0.5, 2.0};
  for (int i = 0; i < 4; i++) {
    double x = xs[i];
    check_rel("f'", df(x), 4 * x * x * x + cos(x), 1e-12);
    check_rel("f''", ddf(x), 12 * x * x - sin(x), 1e-12);
    check_rel("f'''", dddf(x), 24 * x - cos(x), 1e-12);
  }
  return finish();
}
