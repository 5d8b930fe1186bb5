// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %openblas
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 %openblas
// RUN: %t.O0
// Training through BLAS with swad's gradients, to known answers: a least-squares fit (dgemv, ddot)
// by gradient descent reaches the coefficients that generated the data, and a two-layer tanh
// perceptron (dgemm, elementwise tanh, dgemm) started away from its teacher returns to it. The
// gradients are checked against hand derivatives (least squares) and forward mode (the perceptron).
#include <cblas.h>
#include <stdlib.h>
#include <string.h>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

// ‖A x − b‖² with A m×n row-major.
static double least_squares(const double *x, const double *A, const double *b, double *r, int m, int n) {
  cblas_dcopy(m, b, 1, r, 1);
  cblas_dgemv(CblasRowMajor, CblasNoTrans, m, n, 1.0, A, n, x, 1, -1.0, r, 1);
  return cblas_ddot(m, r, 1, r, 1);
}

enum { D = 2, H = 2, N = 100 };
#ifndef STEP
#define STEP 1.0
#endif

// The mean squared error of W2 tanh(W1 X) against Y; W1 H×D, W2 1×H, X D×N (column-major).
static double perceptron(const double *W1, const double *W2, const double *X, const double *Y, double *Z, double *T,
                         double *P) {
  cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, H, N, D, 1.0, W1, H, X, D, 0.0, Z, H);
  for (int i = 0; i < H * N; i++) T[i] = tanh(Z[i]);
  cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 1, N, H, 1.0, W2, 1, T, H, 0.0, P, 1);
  double loss = 0;
  for (int j = 0; j < N; j++) loss += (P[j] - Y[j]) * (P[j] - Y[j]);
  return loss / N;
}

static void fit_least_squares(void) {
  enum { M = 20, K = 3 };
  double A[M * K], b[M], r[M], dr[M], x[K] = {0}, dx[K];
  const double truth[K] = {1.5, -0.75, 0.25};
  for (int i = 0; i < M; i++) {
    for (int j = 0; j < K; j++) A[i * K + j] = sin(0.9 * i + 1.7 * j) + (i % (j + 2)) * 0.3;
    b[i] = 0;
    for (int j = 0; j < K; j++) b[i] += A[i * K + j] * truth[j];
  }
  // The gradient at x = (0.3, 0.2, 0.1) against 2 Aᵀ(Ax − b), by hand.
  double at[K] = {0.3, 0.2, 0.1};
  for (int j = 0; j < K; j++) dx[j] = 0;
  for (int i = 0; i < M; i++) dr[i] = 0;
  __enzyme_autodiff((void *)least_squares, enzyme_dup, at, dx, enzyme_const, A, enzyme_const, b, enzyme_dup, r, dr,
                    enzyme_const, M, enzyme_const, K);
  for (int j = 0; j < K; j++) {
    double want = 0;
    for (int i = 0; i < M; i++) {
      double residual = -b[i];
      for (int l = 0; l < K; l++) residual += A[i * K + l] * at[l];
      want += 2 * A[i * K + j] * residual;
    }
    check_rel("least squares: gradient against 2 At(Ax - b)", dx[j], want, 1e-12);
  }
  // Gradient descent (step 1/L with L bounding the Hessian 2AᵀA).
  double step = 0.01;
  for (int iteration = 0; iteration < 3000; iteration++) {
    for (int j = 0; j < K; j++) dx[j] = 0;
    for (int i = 0; i < M; i++) dr[i] = 0;
    __enzyme_autodiff((void *)least_squares, enzyme_dup, x, dx, enzyme_const, A, enzyme_const, b, enzyme_dup, r, dr,
                      enzyme_const, M, enzyme_const, K);
    for (int j = 0; j < K; j++) x[j] -= step * dx[j];
  }
  for (int j = 0; j < K; j++) check_rel("least squares: fitted coefficient", x[j], truth[j], 1e-8);
}

static void train_perceptron(void) {
  static double W1[H * D], W2[H], X[D * N], Y[N], Z[H * N], T[H * N], P[N];
  static double dW1[H * D], dW2[H], dZ[H * N], dT[H * N], dP[N], teacher1[H * D], teacher2[H];
  const double first[H * D] = {1.2, -0.4, 0.5, 0.9}, second[H] = {1.0, -0.8};
  for (int i = 0; i < H * D; i++) teacher1[i] = first[i];
  for (int i = 0; i < H; i++) teacher2[i] = second[i];
  for (int i = 0; i < D * N; i++) X[i] = 1.5 * sin(0.37 * i * i + 0.1 * i);
  for (int j = 0; j < N; j++) {
    double y = 0;
    for (int h = 0; h < H; h++) {
      double z = 0;
      for (int d = 0; d < D; d++) z += teacher1[h + d * H] * X[d + j * D];
      y += teacher2[h] * tanh(z);
    }
    Y[j] = y;
  }
  // The student starts away from the teacher.
  for (int i = 0; i < H * D; i++) W1[i] = teacher1[i] + 0.15 * cos(2.3 * i);
  for (int i = 0; i < H; i++) W2[i] = teacher2[i] - 0.1 * sin(1.9 * i);
  double start = perceptron(W1, W2, X, Y, Z, T, P);

  // Forward mode against the gradient in one direction.
  double v1[H * D], v2[H], directional = 0;
  for (int i = 0; i < H * D; i++) v1[i] = sin(0.5 * i);
  for (int i = 0; i < H; i++) v2[i] = cos(0.5 * i);
  memset(dW1, 0, sizeof dW1), memset(dW2, 0, sizeof dW2), memset(dZ, 0, sizeof dZ), memset(dT, 0, sizeof dT);
  memset(dP, 0, sizeof dP);
  __enzyme_autodiff((void *)perceptron, enzyme_dup, W1, dW1, enzyme_dup, W2, dW2, enzyme_const, X, enzyme_const, Y,
                    enzyme_dup, Z, dZ, enzyme_dup, T, dT, enzyme_dup, P, dP);
  for (int i = 0; i < H * D; i++) directional += dW1[i] * v1[i];
  for (int i = 0; i < H; i++) directional += dW2[i] * v2[i];
  memset(dZ, 0, sizeof dZ), memset(dT, 0, sizeof dT), memset(dP, 0, sizeof dP);
  double tangent = __enzyme_fwddiff((void *)perceptron, enzyme_dup, W1, v1, enzyme_dup, W2, v2, enzyme_const, X,
                                    enzyme_const, Y, enzyme_dup, Z, dZ, enzyme_dup, T, dT, enzyme_dup, P, dP);
  check_scaled("perceptron: forward mode against the gradient", tangent, directional, fabs(directional), 1e-10);

  double loss = start;
  for (int iteration = 0; iteration < 30000 && loss > 1e-24; iteration++) {
    memset(dW1, 0, sizeof dW1), memset(dW2, 0, sizeof dW2), memset(dZ, 0, sizeof dZ), memset(dT, 0, sizeof dT);
    memset(dP, 0, sizeof dP);
    __enzyme_autodiff((void *)perceptron, enzyme_dup, W1, dW1, enzyme_dup, W2, dW2, enzyme_const, X, enzyme_const, Y,
                      enzyme_dup, Z, dZ, enzyme_dup, T, dT, enzyme_dup, P, dP);
    for (int i = 0; i < H * D; i++) W1[i] -= STEP * dW1[i];
    for (int i = 0; i < H; i++) W2[i] -= STEP * dW2[i];
    loss = perceptron(W1, W2, X, Y, Z, T, P);
  }
  printf("perceptron: loss %.3g -> %.3g\n", start, loss);
  check_fd("perceptron: the loss reaches zero", loss, 0, 1e-20);
  double distance = 0;
  for (int i = 0; i < H * D; i++) distance = fmax(distance, fabs(W1[i] - teacher1[i]));
  for (int i = 0; i < H; i++) distance = fmax(distance, fabs(W2[i] - teacher2[i]));
  printf("perceptron: largest distance to the teacher %.3g\n", distance);
  check_fd("perceptron: the student returns to its teacher", distance, 0, 1e-8);
}

int main(void) {
  fit_least_squares();
  train_perceptron();
  return finish();
}
