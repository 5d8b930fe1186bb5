// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// At a kink the derivative is that of the branch actually taken: relu'(0) = 0, fabs'(±0) = ±1 (the sign bit decides), and
// for x == 0 ? 0 : x the derivative at 0 is 0 (the constant branch) while it is 1 elsewhere.
#include "../Inputs/check.h"

extern double __enzyme_fwddiff(void *, ...);

double relu(double x) { return x > 0 ? x : 0; }
double absval(double x) { return fabs(x); }
double zero_or_x(double x) { return x == 0 ? 0 : x; }
// fabs(-t*t) = t*t: with fabs' = copysign(1, ·) the second derivative at 0 is 2 (-t*t is -0.0).
double abs_negsq(double t) { return fabs(-t * t); }
double d_abs_negsq(double t) { return __enzyme_fwddiff((void *)abs_negsq, t, 1.0); }
double relu_if(double x) {
  if (x > 0) return x;
  return 0.0;
}

int main(void) {
  check_exact("relu'(0)", __enzyme_fwddiff((void *)relu, 0.0, 1.0), 0.0);
  check_exact("relu'(2)", __enzyme_fwddiff((void *)relu, 2.0, 1.0), 1.0);
  check_exact("relu'(-2)", __enzyme_fwddiff((void *)relu, -2.0, 1.0), 0.0);
  check_exact("relu_if'(0)", __enzyme_fwddiff((void *)relu_if, 0.0, 1.0), 0.0);
  check_exact("relu_if'(1e-300)", __enzyme_fwddiff((void *)relu_if, 1e-300, 1.0), 1.0);
  check_exact("fabs'(+0)", __enzyme_fwddiff((void *)absval, 0.0, 1.0), 1.0);
  check_exact("fabs'(-0)", __enzyme_fwddiff((void *)absval, -0.0, 1.0), -1.0);
  check_exact("fabs(-t*t)''(0)", __enzyme_fwddiff((void *)d_abs_negsq, 0.0, 1.0), 2.0);
  check_exact("fabs(-t*t)''(0.5)", __enzyme_fwddiff((void *)d_abs_negsq, 0.5, 1.0), 2.0);
  check_exact("fabs'(3)", __enzyme_fwddiff((void *)absval, 3.0, 1.0), 1.0);
  check_exact("fabs'(-3)", __enzyme_fwddiff((void *)absval, -3.0, 1.0), -1.0);
  check_exact("(x == 0 ? 0 : x)' at 0", __enzyme_fwddiff((void *)zero_or_x, 0.0, 1.0), 0.0);
  check_exact("(x == 0 ? 0 : x)' at 0.5", __enzyme_fwddiff((void *)zero_or_x, 0.5, 1.0), 1.0);
  check_exact("(x == 0 ? 0 : x)' at -4", __enzyme_fwddiff((void *)zero_or_x, -4.0, 1.0), 1.0);
  return finish();
}
