// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: 8 checks passed
// The function to differentiate given as a captureless lambda converted to a function pointer
// (`+[](…) {…}`), and as a function-pointer variable, in both modes. Unoptimized, the caller keeps
// its code as written: the pointer is what the lambda's conversion operator returns, or what a
// stack slot holds, and swad refused the call ("the first argument of __enzyme_autodiff must be a
// function, not ptr"). The slot's stores and the operator's return are looked through now.
#include <cmath>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const, enzyme_out;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);
}

static double cubic(double *x) { return x[0] * x[0] * x[1] + std::sin(x[1]); }

int main() {
  auto lambda = +[](double *x) { return x[0] * x[0] * x[1] + std::sin(x[1]); };
  double (*variable)(double *) = cubic;
  double x[2] = {0.75, -1.5};
  double want[2] = {2 * x[0] * x[1], x[0] * x[0] + std::cos(x[1])};

  double g[2] = {0, 0};
  __enzyme_autodiff((void *)lambda, enzyme_dup, x, g);
  check_rel("lambda, reverse d/dx0", g[0], want[0], 1e-15);
  check_rel("lambda, reverse d/dx1", g[1], want[1], 1e-15);
  double h[2] = {0, 0};
  __enzyme_autodiff((void *)variable, enzyme_dup, x, h);
  check_rel("variable, reverse d/dx0", h[0], want[0], 1e-15);
  check_rel("variable, reverse d/dx1", h[1], want[1], 1e-15);
  for (int i = 0; i < 2; i++) {
    double e[2] = {0, 0};
    e[i] = 1;
    check_rel("lambda, forward", __enzyme_fwddiff((void *)lambda, enzyme_dup, x, e), want[i], 1e-15);
    check_rel("variable, forward", __enzyme_fwddiff((void *)variable, enzyme_dup, x, e), want[i], 1e-15);
  }
  return finish();
}
