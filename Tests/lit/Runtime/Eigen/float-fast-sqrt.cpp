// REQUIRES: eigen
// RUN: %clangxx-ad %eigen %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx-ad-O0 %eigen %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %swad -O0 %eigen %s -o %t.none
// RUN: %t.none | FileCheck %s
// CHECK: checks passed
// Eigen's vectorized float sqrt and rsqrt (EIGEN_FAST_MATH, its default) start from the SSE
// approximation `_mm_rsqrt_ps` and refine it with a Newton step; the intrinsic had no rule and
// both were refused. Its partial is the exact function's at the approximate result (the Newton
// step cancels its error to first order). Against the hand-derived gradients, forward mode
// against reverse.
#include <Eigen/Dense>
#include <cmath>
#include "../Inputs/check.h"

extern "C" float __enzyme_autodiff(void *, ...);
extern "C" float __enzyme_fwddiff(void *, ...);
extern int enzyme_dup;

enum { N = 8 };

// sum sqrt(x^2 + 1): d/dx = x / sqrt(x^2 + 1).
__attribute__((noinline)) float roots(const float *x) {
  Eigen::Map<const Eigen::ArrayXf> a(x, N);
  return (a.square() + 1.f).sqrt().sum();
}

// sum 1/sqrt(x^2 + 2): d/dx = -x (x^2 + 2)^(-3/2).
__attribute__((noinline)) float reciprocalRoots(const float *x) {
  Eigen::Map<const Eigen::ArrayXf> a(x, N);
  return (a.square() + 2.f).rsqrt().sum();
}

template <float (*f)(const float *)> static void run(const char *what, double (*want)(double)) {
  float x[N], dx[N] = {0};
  for (int i = 0; i < N; i++) x[i] = 1.3f * std::sin(0.9f * i + 0.4f);
  __enzyme_autodiff((void *)f, enzyme_dup, x, dx);
  for (int i = 0; i < N; i++) {
    char name[64];
    snprintf(name, sizeof name, "%s d/dx[%d]", what, i);
    check_rel(name, dx[i], want(x[i]), 1e-5);
    float direction[N] = {0};
    direction[i] = 1;
    snprintf(name, sizeof name, "%s forward d/dx[%d]", what, i);
    check_rel(name, __enzyme_fwddiff((void *)f, enzyme_dup, x, direction), dx[i], 1e-5);
  }
}

int main() {
  run<roots>("roots", [](double x) { return x / std::sqrt(x * x + 1); });
  run<reciprocalRoots>("reciprocalRoots", [](double x) { return -x * std::pow(x * x + 2, -1.5); });
  return finish();
}
