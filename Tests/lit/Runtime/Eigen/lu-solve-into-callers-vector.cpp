// REQUIRES: eigen
// RUN: %clangxx-ad %eigen %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx-ad-O0 %eigen %s -o %t.O0.bc
// RUN: not %swad-opt %t.O0.bc -o %t.O0.opt.bc 2>&1 | FileCheck %s --check-prefix=PIECES
// RUN: %swad -O0 %eigen %s -o %t.none
// RUN: %t.none | FileCheck %s
// CHECK: checks passed
// `A.partialPivLu().solve(b)` with `Matrix3d A`: the solve (not inlined) writes its result into
// the caller's `Vector3d` after loops that read it. The reverse sweep undid that store to read the
// loops' values again and redid it at the end, writing into the caller's stack slot, which was gone
// with the caller's forward sweep: built by `swad -O0` (simplified before AD, not optimized after),
// the gradient was wrong, differently for each stack layout. Stores are undone only in memory that
// outlives the forward sweep now (Reverse/Gradient+DeferredReleases.swift). Every component against
// central differences, forward mode against the reverse gradient. From clang's -O0 output (no
// optimization before swad's) the permutation's `std::swap` of its 4-byte indices is taken for a
// double copied in halves, and swad-opt refuses it with an error naming the place (not fixed).
// PIECES: swad-opt: error: {{.*}}move.h:{{[0-9]+}}:{{[0-9]+}}: in function 'solved(double const*, int) (_Z6solvedPKdi)': cannot differentiate in reverse mode this copy of data 4 bytes at a time that may be floating-point
#include <Eigen/Dense>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

__attribute__((noinline)) double solved(const double *x, int n) {
  Eigen::Matrix3d A;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) A(i, j) = x[3 * i + j];
  Eigen::Vector3d b(1.0, 1.0, 2.0);
  Eigen::Vector3d solution = A.partialPivLu().solve(b);
  return solution.squaredNorm();
}

int main() {
  double x[9] = {2.0, 0.3, -0.5, 0.1, 1.7, 0.4, -0.2, 0.6, 1.9}, dx[9] = {0};
  __enzyme_autodiff((void *)solved, enzyme_dup, x, dx, enzyme_const, 9);
  check_gradient_fd("solved", solved, x, dx, 9, 1e-6, 1e-6);
  for (int i = 0; i < 9; i++) {
    double direction[9] = {0};
    direction[i] = 1;
    char name[64];
    snprintf(name, sizeof name, "solved forward, d/dx[%d]", i);
    check_rel(name, __enzyme_fwddiff((void *)solved, enzyme_dup, x, direction, enzyme_const, 9), dx[i], 1e-11);
  }
  return finish();
}
