// REQUIRES: eigen
// RUN: %clangxx-ad %eigen %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %eigen %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// Linear solves inside differentiated code: LDLᵀ (ridge regression's normal equations) and LU with
// partial pivoting. Both modes, against central differences and, for LU, the gradient by hand
// (f = 1ᵀM⁻¹b: ∂f/∂M = −M⁻ᵀ1 (M⁻¹b)ᵀ).
#include <Eigen/Dense>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;
using namespace Eigen;

// Ridge regression: x solves (AᵀA + I) x = Aᵀb, A 4×3; ‖x‖².
double ridge(const double *p) {
  Map<const Matrix<double, 4, 3>> A(p);
  Vector4d b(1, -1, 2, 0.5);
  Matrix3d G = A.transpose() * A + Matrix3d::Identity();
  Vector3d x = G.ldlt().solve(A.transpose() * b);
  return x.squaredNorm();
}

double lu(const double *p) {
  Map<const MatrixXd> M(p, 3, 3);
  VectorXd b(3);
  b << 1, 2, 3;
  VectorXd x = M.partialPivLu().solve(b);
  return x.sum();
}

template <double (*f)(const double *)> static void check_against_differences(const char *name, double *p, int n) {
  double dp[16] = {0};
  __enzyme_autodiff((void *)f, enzyme_dup, p, dp);
  for (int k = 0; k < n; k++) {
    double h = 1e-6, s = p[k];
    p[k] = s + h;
    double up = f(p);
    p[k] = s - h;
    double down = f(p);
    p[k] = s;
    check_fd(name, dp[k], (up - down) / (2 * h), 1e-6);
    double v[16] = {0};
    v[k] = 1;
    check_rel(name, __enzyme_fwddiff((void *)f, enzyme_dup, p, v), dp[k], 1e-11);
  }
}

int main() {
  double p[16];
  for (int i = 0; i < 16; i++) p[i] = 0.3 + 0.1 * ((i * 5) % 7) + (i % 4 == i / 4 ? 2 : 0);
  check_against_differences<ridge>("ridge", p, 12);
  check_against_differences<lu>("lu", p, 9);
  double dp[9] = {0};
  __enzyme_autodiff((void *)lu, enzyme_dup, p, dp);
  Map<Matrix3d> M(p);
  Vector3d x = M.partialPivLu().solve(Vector3d(1, 2, 3));
  Vector3d y = M.transpose().partialPivLu().solve(Vector3d(1, 1, 1));
  Matrix3d want = -y * x.transpose();
  for (int k = 0; k < 9; k++) check_rel("lu by hand", dp[k], want.data()[k], 1e-12);
  return finish();
}
