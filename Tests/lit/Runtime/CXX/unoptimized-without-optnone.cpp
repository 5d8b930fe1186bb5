// RUN: %clangxx -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clangxx %t.plain.opt.bc -o %t.plain
// RUN: %t.plain
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// C++ compiled with -O0 -Xclang -disable-O0-optnone and given straight to swad-opt: clang marks
// every function noinline, so libstdc++'s helpers stayed out of line. A std::function passed by
// value cloned its lambda (a pointer) as an 8-byte integer in its manager, which is called only
// through a pointer, and a valarray expression copied {pointer, scalar} pairs as 16-byte integers:
// both crashed. The helpers are now inlined before AD as in an optimized build
// (Support/UnoptimizedInput.swift). Both modes, against hand derivatives.
#include <cmath>
#include <functional>
#include <valarray>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup;

static double at_two(std::function<double(double)> g) { return g(2.0); }

// 2 w0 + w0 w1 + 2 sin(w1), through a std::function copied into its callee.
double through_function(double *w) {
  std::function<double(double)> loss = [&](double t) { return t * w[0] + w[0] * w[1] + t * std::sin(w[1]); };
  return at_two(loss);
}

static double mean(const std::valarray<double> &v) { return v.sum() / v.size(); }

// mean(exp(x / 2)) + mean(x * x) over three values.
double through_valarray(double *x) {
  std::valarray<double> v(x, 3);
  return mean(std::exp(v * 0.5)) + mean(v * v);
}

int main() {
  double w[2] = {0.7, -1.2}, dw[2] = {0, 0};
  __enzyme_autodiff((void *)through_function, enzyme_dup, w, dw);
  check_rel("std::function, d/dw0", dw[0], 2 + w[1], 1e-15);
  check_rel("std::function, d/dw1", dw[1], w[0] + 2 * std::cos(w[1]), 1e-15);
  double v1[2] = {0, 1};
  check_rel("std::function, tangent", __enzyme_fwddiff((void *)through_function, enzyme_dup, w, v1),
            w[0] + 2 * std::cos(w[1]), 1e-15);

  double x[3] = {0.5, -1.0, 2.0}, dx[3] = {0, 0, 0};
  __enzyme_autodiff((void *)through_valarray, enzyme_dup, x, dx);
  for (int i = 0; i < 3; i++) {
    double want = (0.5 * std::exp(0.5 * x[i]) + 2 * x[i]) / 3;
    check_rel(i == 0 ? "valarray, d/dx0" : i == 1 ? "valarray, d/dx1" : "valarray, d/dx2", dx[i], want, 1e-14);
  }
  double v2[3] = {1, 1, 1};
  double tangent = __enzyme_fwddiff((void *)through_valarray, enzyme_dup, x, v2);
  check_rel("valarray, tangent", tangent, dx[0] + dx[1] + dx[2], 1e-14);
  return finish();
}
