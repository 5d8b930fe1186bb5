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
// The rank-1 update of a dynamic-size block of a fixed-size matrix, the step Eigen's LU
// decompositions take: `A.block(1, 1, 2, 2) -= A.col(0).tail(2) * A.row(0).tail(2)` with
// `Matrix3d A`. Its product is evaluated into a `Matrix<double, Dynamic, Dynamic, 0, 3, 3>`, an
// 8-byte aligned stack slot; Eigen's assignment loop peels elements until the destination is
// aligned for its packets and then stores whole packets with aligned stores. The shadow followed
// the primal's peeling from another address modulo 16, and built by `swad -O0` (the last run line:
// simplified before AD, not optimized after) both modes crashed there. Stack slots with
// derivatives and their shadows are now aligned alike (Support/ShadowAlignment.swift). Every
// component against central differences, forward mode against the reverse gradient.
#include <Eigen/Core>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

__attribute__((noinline)) double update(const double *x, int n) {
  Eigen::Matrix3d A;
  for (int i = 0; i < 9; i++) A(i / 3, i % 3) = x[i];
  A.block(1, 1, 2, 2) -= A.col(0).tail(2) * A.row(0).tail(2);
  return A.squaredNorm();
}

__attribute__((noinline)) double eliminate(const double *x, int n) {
  Eigen::Matrix3d A;
  for (int i = 0; i < 9; i++) A(i / 3, i % 3) = x[i];
  for (int k = 0; k < 2; k++) {
    A.col(k).tail(2 - k) /= A(k, k);
    A.block(k + 1, k + 1, 2 - k, 2 - k) -= A.col(k).tail(2 - k) * A.row(k).tail(2 - k);
  }
  return A(0, 0) * A(1, 1) * A(2, 2) + A.squaredNorm();
}

template <double (*f)(const double *, int)> static void run(const char *what) {
  double x[9] = {2.0, 0.3, -0.5, 0.1, 1.7, 0.4, -0.2, 0.6, 1.9}, dx[9] = {0};
  __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_const, 9);
  check_gradient_fd(what, f, x, dx, 9, 1e-6, 1e-6);
  for (int i = 0; i < 9; i++) {
    double direction[9] = {0};
    direction[i] = 1;
    char name[64];
    snprintf(name, sizeof name, "%s forward, d/dx[%d]", what, i);
    check_rel(name, __enzyme_fwddiff((void *)f, enzyme_dup, x, direction, enzyme_const, 9), dx[i], 1e-11);
  }
}

int main() {
  run<update>("update");
  run<eliminate>("eliminate");
  return finish();
}
