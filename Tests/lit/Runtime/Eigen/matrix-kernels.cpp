// REQUIRES: eigen
// RUN: %clangxx-ad %eigen %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc --remarks 2> %t.remarks
// RUN: FileCheck %s --input-file %t.remarks
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %eigen %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// Eigen's dynamic-size products go through its matrix-matrix and matrix-vector kernels, which swad
// differentiates as the gemm and gemv they are (Rules/Eigen): column- and row-major operands,
// transposes, a scalar factor that is itself active (Eigen passes it as the kernel's alpha), a
// product added into a matrix, one written into a block of a larger matrix (a leading dimension
// above the rows), matrix × vector, row vector × matrix, and single precision. Every loss is linear
// in each parameter alone, so central differences are exact to rounding; forward mode must give
// the reverse gradient's directional derivative.

#include <Eigen/Dense>
#include <cstdio>
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern "C" float __enzyme_autodiff_float(void *, ...) __asm__("__enzyme_autodiff");
extern int enzyme_dup, enzyme_const;
using namespace Eigen;
using RowMatrix = Matrix<double, Dynamic, Dynamic, RowMajor>;

// The parameters p hold A (m×k) then B (k×n), or A, x, …; w weighs the result.

double column_major(const double *p, const double *w, int m, int k, int n) {
  Map<const MatrixXd> A(p, m, k), B(p + m * k, k, n), W(w, m, n);
  MatrixXd C = A * B;
  return (W.array() * C.array()).sum();
}

double row_major(const double *p, const double *w, int m, int k, int n) {
  Map<const RowMatrix> A(p, m, k);
  Map<const MatrixXd> B(p + m * k, k, n), W(w, m, n);
  RowMatrix C = A * B;  // a row-major result: Eigen transposes the product, lhs and rhs swap roles
  MatrixXd D = B.transpose() * Map<const MatrixXd>(p, k, m);  // and a row-major view times column-major
  return (W.array() * C.array()).sum() + 0.5 * (W.topRows(std::min(m, n)).leftCols(std::min(m, n)).array() *
                                                D.topLeftCorner(std::min(m, n), std::min(m, n)).array()).sum();
}

double transposed(const double *p, const double *w, int m, int k, int n) {
  Map<const MatrixXd> A(p, k, m), B(p + m * k, n, k), W(w, m, n);
  MatrixXd C = A.transpose() * B.transpose();
  return (W.array() * C.array()).sum();
}

// s (the last parameter) scales A: Eigen hands s to the kernel as its alpha.
double scaled(const double *p, const double *w, int m, int k, int n) {
  Map<const MatrixXd> A(p, m, k), B(p + m * k, k, n), W(w, m, n);
  double s = p[m * k + k * n];
  MatrixXd C = (s * A) * B;
  return (W.array() * C.array()).sum();
}

// C (after A and B) receives A B.
double accumulated(const double *p, const double *w, int m, int k, int n) {
  Map<const MatrixXd> A(p, m, k), B(p + m * k, k, n), C0(p + m * k + k * n, m, n), W(w, m, n);
  MatrixXd C = C0;
  C.noalias() += A * B;
  return (W.array() * C.array().square()).sum();
}

double into_block(const double *p, const double *w, int m, int k, int n) {
  Map<const MatrixXd> A(p, m, k), B(p + m * k, k, n), W(w, m, n);
  MatrixXd R = MatrixXd::Zero(m + 3, n + 2);
  R.block(2, 1, m, n).noalias() = A * B;
  return (W.array() * R.block(2, 1, m, n).array()).sum() + R.sum();
}

// A (m×k) times x (k), A transposed times y (m), and the row vector u (m) times A.
double vectors(const double *p, const double *w, int m, int k, int n) {
  (void)n;
  Map<const MatrixXd> A(p, m, k);
  Map<const VectorXd> x(p + m * k, k), y(p + m * k + k, m), W(w, m, 1);
  Map<const RowVectorXd> u(p + m * k + k + m, m);
  VectorXd Ax = A * x;
  VectorXd Aty = A.transpose() * y;
  RowVectorXd uA = u * A;
  return W.dot(Ax.cwiseProduct(Ax)) + Aty.squaredNorm() + uA.dot(Aty);
}

float single(const float *p, const float *w, int m, int k, int n) {
  Map<const MatrixXf> A(p, m, k), B(p + m * k, k, n), W(w, m, n);
  MatrixXf C = A * B;
  return (W.array() * C.array()).sum();
}

typedef double (*Loss)(const double *, const double *, int, int, int);

// A template, so that each entry point names its function.
template <Loss f>
static void check(const char *name, int parameters, int m, int k, int n) {
  std::vector<double> p(parameters), dp(parameters), w(m * n);
  for (int i = 0; i < parameters; i++) p[i] = 0.05 * ((i * 7) % 23) - 0.5;
  for (int i = 0; i < m * n; i++) w[i] = 0.1 * ((i * 5) % 13) - 0.6;
  __enzyme_autodiff((void *)f, enzyme_dup, p.data(), dp.data(), enzyme_const, w.data(), enzyme_const, m,
                    enzyme_const, k, enzyme_const, n);
  double scale = 0;
  for (double g : dp) scale = fmax(scale, fabs(g));
  for (int i = 0; i < parameters; i++) {
    double saved = p[i], h = 1e-3;
    p[i] = saved + h;
    double up = f(p.data(), w.data(), m, k, n);
    p[i] = saved - h;
    double down = f(p.data(), w.data(), m, k, n);
    p[i] = saved;
    // Linear in p[i] (quadratic for accumulated's C and vectors' x: exact for central differences too).
    char what[64];
    snprintf(what, sizeof what, "%s reverse [%d]", name, i);
    check_scaled(what, dp[i], (up - down) / (2 * h), scale, 1e-9);
  }
  std::vector<double> v(parameters), dv(parameters);
  double along = 0;
  for (int i = 0; i < parameters; i++) v[i] = 0.01 * ((i * 3) % 7) - 0.03, along += v[i] * dp[i];
  double t = __enzyme_fwddiff((void *)f, enzyme_dup, p.data(), v.data(), enzyme_const, w.data(), enzyme_const, m,
                              enzyme_const, k, enzyme_const, n);
  check_scaled(name, t, along, scale, 1e-12);
}

static void check_single(int m, int k, int n) {
  int parameters = m * k + k * n;
  std::vector<float> p(parameters), dp(parameters), w(m * n);
  for (int i = 0; i < parameters; i++) p[i] = 0.05f * ((i * 7) % 23) - 0.5f;
  for (int i = 0; i < m * n; i++) w[i] = 0.1f * ((i * 5) % 13) - 0.6f;
  __enzyme_autodiff_float((void *)single, enzyme_dup, p.data(), dp.data(), enzyme_const, w.data(), enzyme_const, m,
                          enzyme_const, k, enzyme_const, n);
  // dA = W Bᵀ, dB = Aᵀ W, in double.
  Map<MatrixXf> A(p.data(), m, k), B(p.data() + m * k, k, n), W(w.data(), m, n);
  MatrixXd dA = W.cast<double>() * B.cast<double>().transpose(), dB = A.cast<double>().transpose() * W.cast<double>();
  for (int i = 0; i < m * k; i++) check_scaled("single dA", dp[i], dA.data()[i], dA.cwiseAbs().maxCoeff(), 1e-5);
  for (int i = 0; i < k * n; i++)
    check_scaled("single dB", dp[m * k + i], dB.data()[i], dB.cwiseAbs().maxCoeff(), 1e-5);
}

int main() {
  // Sizes past Eigen's threshold for its kernels (rows + cols + depth ≥ 20), and small ones that
  // Eigen multiplies coefficient by coefficient.
  int sizes[][3] = {{23, 17, 19}, {40, 3, 31}, {2, 30, 2}, {3, 2, 4}};
  for (auto &s : sizes) {
    int m = s[0], k = s[1], n = s[2];
    check<column_major>("column_major", m * k + k * n, m, k, n);
    check<row_major>("row_major", m * k + k * n, m, k, n);
    check<transposed>("transposed", m * k + k * n, m, k, n);
    check<scaled>("scaled", m * k + k * n + 1, m, k, n);
    check<accumulated>("accumulated", m * k + k * n + m * n, m, k, n);
    check<into_block>("into_block", m * k + k * n, m, k, n);
    check<vectors>("vectors", m * k + k + 2 * m, m, k, 1);
    check_single(m, k, n);
  }
  return finish();
}

// The kernels were read as BLAS routines.
// CHECK-DAG: Eigen's general_matrix_matrix_product (as gemm) operand
// CHECK-DAG: Eigen's general_matrix_vector_product (as gemv) operand
