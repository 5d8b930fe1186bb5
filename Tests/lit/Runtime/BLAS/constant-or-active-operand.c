// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %openblas
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 %openblas
// RUN: %t.O0
// A BLAS operand that is active on one path and constant on the other (w passed enzyme_dup, x
// enzyme_const, the matrix either): its shadow is the operand itself where it is constant, and the
// rule must then read zeros for it and write its adjoint nowhere, leaving x as it was. Reverse
// and forward mode, against the derivatives by hand. The same for a matrix product with an active
// scale (the reverse sweep runs the product's adjoint on a branch without the constant operand's,
// and adds the scale's adjoint on both branches).
#include <cblas.h>
#include <string.h>
#include "../Inputs/check.h"

double __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

enum { N = 6 };

// ‖A v‖² with A = w or x (N×N, column-major).
__attribute__((noinline)) double norm_of_product(const double *w, const double *x, const double *v, int use_w) {
  const double *a = use_w ? w : x;
  double y[N];
  cblas_dgemv(CblasColMajor, CblasNoTrans, N, N, 1.0, a, N, v, 1, 0.0, y, 1);
  return cblas_ddot(N, y, 1, y, 1);
}

// s ‖A B‖²_F with A = w or x (N×N) and B (N×N), all column-major, C = s A B by dgemm.
__attribute__((noinline)) double scaled_product(const double *w, const double *x, const double *b, double s, int use_w) {
  const double *a = use_w ? w : x;
  double c[N * N];
  cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, N, N, N, s, a, N, b, N, 0.0, c, N);
  return cblas_ddot(N * N, c, 1, c, 1);
}

static void check_product(int use_w) {
  double w[N * N], x[N * N], b[N * N], dw[N * N] = {0}, db[N * N] = {0}, x_before[N * N], s = 0.7;
  for (int i = 0; i < N * N; i++) {
    w[i] = 0.1 * ((i * 7) % 11) - 0.4, x[i] = 0.05 * ((i * 5) % 13) - 0.3, b[i] = 0.03 * ((i * 3) % 17) - 0.2;
  }
  memcpy(x_before, x, sizeof x);
  double ds = __enzyme_autodiff((void *)scaled_product, enzyme_dup, w, dw, enzyme_const, x, enzyme_dup, b, db, s,
                                enzyme_const, use_w);
  const double *a = use_w ? w : x;
  double p[N * N], c[N * N], value = 0;  // p = A B, c = s p
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      p[i + j * N] = 0;
      for (int k = 0; k < N; k++) p[i + j * N] += a[i + k * N] * b[k + j * N];
      c[i + j * N] = s * p[i + j * N];
      value += c[i + j * N] * c[i + j * N];
    }
  // dC = 2c; dA = s dC Bᵀ (into w only when A is w), dB = s Aᵀ dC, ds = Σ dC ⊙ p = 2 value / s.
  for (int i = 0; i < N; i++)
    for (int k = 0; k < N; k++) {
      double da = 0, dbk = 0;
      for (int j = 0; j < N; j++) da += s * 2 * c[i + j * N] * b[k + j * N];
      for (int j = 0; j < N; j++) dbk += s * a[j + i * N] * 2 * c[j + k * N];
      check_scaled("gemm dw", dw[i + k * N], use_w ? da : 0, 1, 1e-13);
      check_scaled("gemm db", db[i + k * N], dbk, 1, 1e-13);
    }
  check_scaled("gemm ds", ds, 2 * value / s, 1, 1e-13);
  for (int i = 0; i < N * N; i++) check_exact("x untouched by the product's adjoint", x[i], x_before[i]);
}

static void check_path(int use_w) {
  double w[N * N], x[N * N], v[N], dw[N * N] = {0}, dv[N] = {0}, x_before[N * N];
  for (int i = 0; i < N * N; i++) w[i] = 0.1 * ((i * 7) % 11) - 0.4, x[i] = 0.05 * ((i * 5) % 13) - 0.3;
  for (int i = 0; i < N; i++) v[i] = 0.2 * i - 0.5;
  memcpy(x_before, x, sizeof x);
  __enzyme_autodiff((void *)norm_of_product, enzyme_dup, w, dw, enzyme_const, x, enzyme_dup, v, dv,
                    enzyme_const, use_w);
  const double *a = use_w ? w : x;
  double y[N];
  for (int i = 0; i < N; i++) {
    y[i] = 0;
    for (int j = 0; j < N; j++) y[i] += a[i + j * N] * v[j];
  }
  // dA = 2 y vᵀ (into w only when A is w), dv = 2 Aᵀ y.
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) check_scaled("dw", dw[i + j * N], use_w ? 2 * y[i] * v[j] : 0, 1, 1e-14);
  for (int j = 0; j < N; j++) {
    double want = 0;
    for (int i = 0; i < N; i++) want += 2 * a[i + j * N] * y[i];
    check_scaled("dv", dv[j], want, 1, 1e-14);
  }
  for (int i = 0; i < N * N; i++) check_exact("x untouched", x[i], x_before[i]);
  // Forward mode: along (tw, tv) the derivative is Σ 2 y (tA v + A tv), tA = tw or 0.
  double tw[N * N], tv[N], want = 0;
  for (int i = 0; i < N * N; i++) tw[i] = 0.01 * (i % 5);
  for (int i = 0; i < N; i++) tv[i] = 0.1 * (N - i);
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) want += 2 * y[i] * ((use_w ? tw[i + j * N] : 0) * v[j] + a[i + j * N] * tv[j]);
  double got = __enzyme_fwddiff((void *)norm_of_product, enzyme_dup, w, tw, enzyme_const, x, enzyme_dup, v, tv,
                                enzyme_const, use_w);
  check_scaled("forward", got, want, 1, 1e-13);
  for (int i = 0; i < N * N; i++) check_exact("x untouched by forward mode", x[i], x_before[i]);
}

int main(void) {
  check_path(1);
  check_path(0);
  check_product(1);
  check_product(0);
  return finish();
}
