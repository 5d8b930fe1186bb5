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
// Eigen's SSE code changes the sign of some lanes of a packet of doubles with an integer `xor`
// (`_mm_xor_pd` with a mask like {0x8000…, 0}): a quaternion's conjugate, the cofactors of
// `Matrix4d::inverse()`. Optimized, the quaternion's coefficients are also gathered as `i64`
// lanes (`insertelement`) before the flip. Through the integers both were refused; a flip of
// some lanes is now a shuffle of the floats and their negation, and lanes gathered as integers
// are gathered as floats. Every component against central differences, forward mode against
// the reverse gradient.
#include <Eigen/Dense>
#include <Eigen/Geometry>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

__attribute__((noinline)) double inverse4(const double *x, int n) {
  Eigen::Matrix4d A;
  for (int i = 0; i < 16; i++) A(i / 4, i % 4) = x[i] + (i % 5 == 0 ? 3.0 : 0.0);
  Eigen::Matrix4d B = A.inverse();
  return B.sum() + B(1, 2) * B(3, 0) + B.determinant();
}

__attribute__((noinline)) double relativeRotation(const double *x, int n) {
  Eigen::Quaterniond q(x[0], x[1], x[2], x[3]), r(x[4], x[5], x[6], x[7]);
  Eigen::Quaterniond p = q * r.conjugate();
  return 2 * p.w() + p.x() - p.y() * p.z() + q.normalized().angularDistance(r.normalized());
}

template <double (*f)(const double *, int), int n> static void run(const char *what) {
  double x[n], dx[n] = {0};
  for (int i = 0; i < n; i++) x[i] = 0.4 * __builtin_sin(1.3 * i + 0.7);
  __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_const, n);
  check_gradient_fd(what, f, x, dx, n, 1e-6, 1e-6);
  for (int i = 0; i < n; i++) {
    double direction[n] = {0};
    direction[i] = 1;
    char name[64];
    snprintf(name, sizeof name, "%s forward, d/dx[%d]", what, i);
    check_rel(name, __enzyme_fwddiff((void *)f, enzyme_dup, x, direction, enzyme_const, n), dx[i], 1e-10);
  }
}

int main() {
  run<inverse4, 16>("inverse4");
  run<relativeRotation, 8>("relativeRotation");
  return finish();
}
