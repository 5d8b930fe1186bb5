// REQUIRES: eigen
// RUN: %clangxx-ad %eigen %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %eigen %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// Eigen's fixed-size matrices and vectors (Map, dot, squaredNorm, matrix-vector and matrix-matrix
// products, transpose, .array() expressions, AngleAxis rotations), compiled with clang++'s defaults
// (SSE2 packets; avx2.test and avx512.test build it for wider ones). Both modes, against hand
// derivatives, and central differences for the rotation.
#include <Eigen/Dense>
#include <Eigen/Geometry>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;
using namespace Eigen;

static const Vector3d b3(1.0, -2.0, 0.5);

// x·x + (A x)·b + x·b: ∂/∂x = 2x + Aᵀb + b.
double vector_loss(const double *xin, const double *Ain) {
  Map<const Vector3d> x(xin);
  Map<const Matrix3d> A(Ain);
  Vector3d y = A * x;
  return x.squaredNorm() + y.dot(b3) + x.dot(b3);
}

// Σᵢⱼ (M Mᵀ)ᵢⱼ = Σⱼ (Σᵢ Mᵢⱼ)² plus Σ sin(Mᵢⱼ): ∂/∂Mᵢⱼ = 2 Σₖ Mₖⱼ + cos(Mᵢⱼ).
double matrix_loss(const double *p) {
  Map<const Matrix4d> M(p);
  Matrix4d N = M * M.transpose();
  return N.sum() + M.array().sin().sum();
}

// A rotation by p[0] about the axis (p[1], p[2], p[3]) normalized, applied to a vector.
double rotation(const double *p) {
  Vector3d axis(p[1], p[2], p[3]);
  Matrix3d R = AngleAxisd(p[0], axis.normalized()).toRotationMatrix();
  return (R * Vector3d(1, 2, 3)).dot(Vector3d(0.5, -1, 2));
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
    check_fd(name, dp[k], (up - down) / (2 * h), 1e-7);
    double v[16] = {0};
    v[k] = 1;
    check_rel(name, __enzyme_fwddiff((void *)f, enzyme_dup, p, v), dp[k], 1e-12);
  }
}

int main() {
  double x[3] = {0.3, -0.7, 1.1}, A[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9.5};
  Vector3d want = 2 * Map<Vector3d>(x) + Map<Matrix3d>(A).transpose() * b3 + b3;
  double dx[3] = {0, 0, 0};
  __enzyme_autodiff((void *)vector_loss, enzyme_dup, x, dx, enzyme_const, A);
  for (int i = 0; i < 3; i++) {
    check_rel("vector_loss reverse", dx[i], want[i], 1e-14);
    double v[3] = {0, 0, 0};
    v[i] = 1;
    check_rel("vector_loss forward", __enzyme_fwddiff((void *)vector_loss, enzyme_dup, x, v, enzyme_const, A), want[i], 1e-14);
  }

  double p[16], dp[16] = {0};
  for (int i = 0; i < 16; i++) p[i] = 0.3 + 0.1 * ((i * 5) % 7) - 0.2 * (i % 3);
  __enzyme_autodiff((void *)matrix_loss, enzyme_dup, p, dp);
  for (int j = 0; j < 4; j++) {
    double colsum = 0;
    for (int i = 0; i < 4; i++) colsum += p[i + 4 * j];
    for (int i = 0; i < 4; i++) {
      double want = 2 * colsum + std::cos(p[i + 4 * j]);
      check_rel("matrix_loss reverse", dp[i + 4 * j], want, 1e-13);
      double v[16] = {0};
      v[i + 4 * j] = 1;
      check_rel("matrix_loss forward", __enzyme_fwddiff((void *)matrix_loss, enzyme_dup, p, v), want, 1e-13);
    }
  }

  double q[4] = {0.8, 0.3, -0.5, 0.9};
  check_against_differences<rotation>("rotation", q, 4);
  return finish();
}
