// REQUIRES: eigen
// RUN: %clangxx-ad %eigen %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %eigen %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// Eigen's dynamic-size matrices (heap storage, Eigen's matrix-vector and matrix-matrix kernels):
// a least-squares loss with a ridge term, against its gradient by hand (2Aᵀr + 2λx, 2 r xᵀ, −2r),
// and a two-layer tanh network over a batch, against central differences. Both modes.
#include <Eigen/Dense>
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;
using namespace Eigen;

// ‖A x − b‖² + 0.1 ‖x‖², A m×n.
double least_squares(const double *xin, const double *Ain, const double *bin, int m, int n) {
  Map<const VectorXd> x(xin, n);
  Map<const MatrixXd> A(Ain, m, n);
  Map<const VectorXd> b(bin, m);
  VectorXd r = A * x - b;
  return r.squaredNorm() + 0.1 * x.dot(x);
}

// Σ (W₂ tanh(W₁ X) − Y)² + 0.01 ‖W₁‖², W₁ h×d, W₂ 1×h, X d×N.
double network(const double *w1, const double *w2, const double *xs, const double *ys, int d, int h, int N) {
  Map<const MatrixXd> W1(w1, h, d), W2(w2, 1, h), X(xs, d, N), Y(ys, 1, N);
  MatrixXd H = (W1 * X).array().tanh().matrix();
  MatrixXd P = W2 * H;
  return (P - Y).array().square().sum() + 0.01 * W1.squaredNorm();
}

static void check_least_squares(int m, int n) {
  std::vector<double> x(n), A(m * n), b(m), dx(n), dA(m * n), db(m);
  for (int i = 0; i < n; i++) x[i] = 0.1 * i - 0.3;
  for (int i = 0; i < m * n; i++) A[i] = 0.05 * ((i * 7) % 11) - 0.2;
  for (int i = 0; i < m; i++) b[i] = 0.3 * i;
  __enzyme_autodiff((void *)least_squares, enzyme_dup, x.data(), dx.data(), enzyme_dup, A.data(), dA.data(),
                    enzyme_dup, b.data(), db.data(), enzyme_const, m, enzyme_const, n);
  Map<MatrixXd> Am(A.data(), m, n);
  Map<VectorXd> xm(x.data(), n), bm(b.data(), m);
  VectorXd r = Am * xm - bm;
  VectorXd gx = 2 * Am.transpose() * r + 0.2 * xm;
  MatrixXd gA = 2 * r * xm.transpose();
  for (int i = 0; i < n; i++) check_scaled("least_squares dx", dx[i], gx[i], 1, 1e-13);
  for (int i = 0; i < m * n; i++) check_scaled("least_squares dA", dA[i], gA.data()[i], 1, 1e-13);
  for (int i = 0; i < m; i++) check_scaled("least_squares db", db[i], -2 * r[i], 1, 1e-13);
  for (int i = 0; i < n; i++) {
    std::vector<double> v(n), vA(m * n), vb(m);
    v[i] = 1;
    double t = __enzyme_fwddiff((void *)least_squares, enzyme_dup, x.data(), v.data(), enzyme_dup, A.data(),
                                vA.data(), enzyme_dup, b.data(), vb.data(), enzyme_const, m, enzyme_const, n);
    check_scaled("least_squares forward", t, gx[i], 1, 1e-13);
  }
}

static void check_network(int d, int h, int N) {
  std::vector<double> w1(h * d), w2(h), xs(d * N), ys(N), dw1(h * d), dw2(h);
  for (int i = 0; i < h * d; i++) w1[i] = 0.03 * ((i * 7) % 13) - 0.15;
  for (int i = 0; i < h; i++) w2[i] = 0.1 * i - 0.2;
  for (int i = 0; i < d * N; i++) xs[i] = 0.02 * ((i * 5) % 17) - 0.1;
  for (int i = 0; i < N; i++) ys[i] = 0.1 * (i % 3);
  __enzyme_autodiff((void *)network, enzyme_dup, w1.data(), dw1.data(), enzyme_dup, w2.data(), dw2.data(),
                    enzyme_const, xs.data(), enzyme_const, ys.data(), enzyme_const, d, enzyme_const, h, enzyme_const, N);
  for (int k = 0; k < h * d + h; k += 5) {
    double *p = k < h * d ? &w1[k] : &w2[k - h * d];
    double grad = k < h * d ? dw1[k] : dw2[k - h * d];
    double e = 1e-6, s = *p;
    *p = s + e;
    double up = network(w1.data(), w2.data(), xs.data(), ys.data(), d, h, N);
    *p = s - e;
    double down = network(w1.data(), w2.data(), xs.data(), ys.data(), d, h, N);
    *p = s;
    check_fd("network reverse", grad, (up - down) / (2 * e), 1e-6);
    std::vector<double> v1(h * d), v2(h);
    (k < h * d ? v1[k] : v2[k - h * d]) = 1;
    double t = __enzyme_fwddiff((void *)network, enzyme_dup, w1.data(), v1.data(), enzyme_dup, w2.data(), v2.data(),
                                enzyme_const, xs.data(), enzyme_const, ys.data(), enzyme_const, d, enzyme_const, h,
                                enzyme_const, N);
    check_scaled("network forward", t, grad, 1, 1e-12);
  }
}

int main() {
  check_least_squares(7, 5);
  check_least_squares(40, 23);
  check_network(6, 5, 8);
  check_network(20, 24, 30);
  return finish();
}
