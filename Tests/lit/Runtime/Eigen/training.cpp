// REQUIRES: eigen
// RUN: %clangxx-ad %eigen %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %eigen %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// Training with swad's gradients through Eigen, to answers known in advance:
// - ridge regression by gradient descent converges to the closed form (AᵀA + λI)⁻¹Aᵀb, solved by
//   Eigen's LDLT;
// - a small tanh network trained on targets made by a teacher network of the same shape, started
//   from a perturbation of the teacher, returns to (near) zero loss.
// Each step's gradient comes from __enzyme_autodiff; forward mode checks a directional derivative
// against it (uᵀ∇L) at the start.
#include <Eigen/Dense>
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;
using namespace Eigen;

static const int M = 40, K = 6;
static const double lambda = 0.1;

__attribute__((noinline)) double ridge(const double *w, const double *a, const double *b) {
  Map<const Matrix<double, M, K>> A(a);
  Map<const Matrix<double, K, 1>> x(w);
  Map<const Matrix<double, M, 1>> y(b);
  return (A * x - y).squaredNorm() + lambda * x.squaredNorm();
}

static const int D = 3, H = 5, N = 64, P = H * D + H + H + 1;

__attribute__((noinline)) double network(const double *p, const double *inputs, const double *targets) {
  Map<const MatrixXd> W1(p, H, D);
  Map<const VectorXd> b1(p + H * D, H);
  Map<const RowVectorXd> W2(p + H * D + H, H);
  Map<const MatrixXd> X(inputs, D, N);
  Map<const RowVectorXd> y(targets, N);
  MatrixXd hidden = ((W1 * X).colwise() + b1).array().tanh().matrix();
  RowVectorXd residual = (W2 * hidden).array() + p[P - 1] - y.array();
  return residual.squaredNorm() / N;
}

int main() {
  // Ridge regression.
  std::vector<double> a(M * K), b(M);
  rng_fill(a.data(), M * K);
  rng_fill(b.data(), M);
  Map<Matrix<double, M, K>> A(a.data());
  Map<Matrix<double, M, 1>> y(b.data());
  Matrix<double, K, 1> exact = (A.transpose() * A + lambda * Matrix<double, K, K>::Identity()).ldlt().solve(A.transpose() * y);
  double w[K] = {0}, g[K], u[K];
  rng_fill(u, K);
  for (int step = 0; step < 4000; step++) {
    for (double &v : g) v = 0;
    __enzyme_autodiff((void *)ridge, enzyme_dup, w, g, enzyme_const, a.data(), enzyme_const, b.data());
    if (step == 0) {
      double want = 0;
      for (int k = 0; k < K; k++) want += u[k] * g[k];
      check_rel("ridge: forward uᵀ∇L", __enzyme_fwddiff((void *)ridge, enzyme_dup, w, u, enzyme_const, a.data(), enzyme_const, b.data()), want, 1e-13);
    }
    for (int k = 0; k < K; k++) w[k] -= 0.01 * g[k];
  }
  for (int k = 0; k < K; k++) check_rel("ridge: gradient descent reaches the closed form", w[k], exact(k), 1e-9);

  // A teacher network makes the targets; the student starts from the teacher, perturbed.
  std::vector<double> teacher(P), student(P), inputs(D * N), targets(N), grad(P), dir(P);
  rng_fill(teacher.data(), P);
  rng_fill(inputs.data(), D * N);
  for (int i = 0; i < N; i++) {
    Map<const MatrixXd> W1(teacher.data(), H, D);
    Map<const VectorXd> b1(teacher.data() + H * D, H), x(inputs.data() + i * D, D);
    Map<const RowVectorXd> W2(teacher.data() + H * D + H, H);
    targets[i] = W2 * (W1 * x + b1).array().tanh().matrix() + teacher[P - 1];
  }
  for (int k = 0; k < P; k++) student[k] = teacher[k] + 0.2 * rng_uniform();
  rng_fill(dir.data(), P);
  double start = network(student.data(), inputs.data(), targets.data());
  for (int step = 0; step < 3000; step++) {
    for (double &v : grad) v = 0;
    __enzyme_autodiff((void *)network, enzyme_dup, student.data(), grad.data(), enzyme_const, inputs.data(),
                      enzyme_const, targets.data());
    if (step == 0) {
      double want = 0, scale = 0;
      for (int k = 0; k < P; k++) want += dir[k] * grad[k], scale += std::fabs(dir[k] * grad[k]);
      check_scaled("network: forward uᵀ∇L", __enzyme_fwddiff((void *)network, enzyme_dup, student.data(), dir.data(),
                   enzyme_const, inputs.data(), enzyme_const, targets.data()), want, scale, 1e-13);
    }
    for (int k = 0; k < P; k++) student[k] -= 0.2 * grad[k];
  }
  double end = network(student.data(), inputs.data(), targets.data());
  check_count++;
  if (!(start > 1e-2 && end < 1e-4 * start)) {
    check_failures++;
    fprintf(stderr, "FAIL network: loss %.3e -> %.3e, want below 1e-4 of the start\n", start, end);
  }
  return finish();
}
