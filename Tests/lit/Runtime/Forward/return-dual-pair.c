// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A prototype declared to return a struct of two doubles gets the primal result and the tangent
// together, { f(x), f'(x) dx }, for a double function.
#include "../Inputs/check.h"

typedef struct {
  double value, tangent;
} dual;
extern dual __enzyme_fwddiff(void *, ...);

double cube_sin(double x) { return x * x * x + sin(x); }

int main(void) {
  const double xs[] = {-1.0, 0.0, 0.5, 2.0};
  for (int i = 0; i < 4; i++) {
    double x = xs[i];
    dual d = __enzyme_fwddiff((void *)cube_sin, x, 2.0);
    check_rel("value", d.value, x * x * x + sin(x), 1e-12);
    check_rel("tangent", d.tangent, 2.0 * (3 * x * x + cos(x)), 1e-12);
  }
  return finish();
}
