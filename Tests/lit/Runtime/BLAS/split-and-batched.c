// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %openblas
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 %openblas
// RUN: %t.O0
// BLAS calls in split reverse mode and in batched forward mode. Split: the memory of A changes
// between __enzyme_augmentfwd and __enzyme_reverse, so the operands the adjoint reads must have
// been copied by the forward sweep; the adjoints equal the combined gradient's. Batched:
// enzyme_width 2 gives, lane by lane, the tangents of two width-1 calls.
#include <cblas.h>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const, enzyme_width;
void __enzyme_autodiff(void *, ...);
void *__enzyme_augmentfwd(void *, ...);
void __enzyme_reverse(void *, ...);
typedef double double2 __attribute__((ext_vector_type(2)));
double __enzyme_fwddiff(void *, ...);
double2 __enzyme_fwddiff2(void *, ...);

enum { M = 3, N = 4, K = 2 };

// Σ C² + xᵀC y with C := A B (row-major), then a gemv and a dot.
static double f(const double *A, const double *B, double *C, double *y) {
  cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, M, N, K, 1.5, A, K, B, N, 0.0, C, N);
  double x[N] = {1, -2, 0.5, 3};
  cblas_dgemv(CblasRowMajor, CblasNoTrans, M, N, 1.0, C, N, x, 1, 0.0, y, 1);
  return cblas_ddot(M * N, C, 1, C, 1) + cblas_ddot(M, y, 1, y, 1);
}

static void fill(double *a, int n, double seed) {
  for (int i = 0; i < n; i++) a[i] = sin(seed + 0.9 * i);
}

int main(void) {
  double A[M * K], B[K * N], C[M * N], y[M];
  double dA[M * K] = {0}, dB[K * N] = {0}, dC[M * N] = {0}, dy[M] = {0};
  double sA[M * K] = {0}, sB[K * N] = {0}, sC[M * N] = {0}, sy[M] = {0};
  fill(A, M * K, 0.1), fill(B, K * N, 0.7);
  __enzyme_autodiff((void *)f, enzyme_dup, A, dA, enzyme_dup, B, dB, enzyme_dup, C, dC, enzyme_dup, y, dy);

  void *tape = __enzyme_augmentfwd((void *)f, enzyme_dup, A, sA, enzyme_dup, B, sB, enzyme_dup, C, sC, enzyme_dup, y, sy);
  double savedA[M * K], savedB[K * N];
  for (int i = 0; i < M * K; i++) savedA[i] = A[i], A[i] = 100;
  for (int i = 0; i < K * N; i++) savedB[i] = B[i], B[i] = -100;
  __enzyme_reverse((void *)f, enzyme_dup, A, sA, enzyme_dup, B, sB, enzyme_dup, C, sC, enzyme_dup, y, sy, 1.0, tape);
  for (int i = 0; i < M * K; i++) A[i] = savedA[i];
  for (int i = 0; i < K * N; i++) B[i] = savedB[i];
  char what[80];
  for (int i = 0; i < M * K; i++) {
    snprintf(what, sizeof what, "split dA[%d]", i);
    check_rel(what, sA[i], dA[i], 1e-13);
  }
  for (int i = 0; i < K * N; i++) {
    snprintf(what, sizeof what, "split dB[%d]", i);
    check_rel(what, sB[i], dB[i], 1e-13);
  }

  // Batched forward: two directions of A and B in one call.
  double tA[2][M * K], tB[2][K * N], tC[2][M * N] = {{0}}, ty[2][M] = {{0}};
  for (int l = 0; l < 2; l++) fill(tA[l], M * K, 2.0 + l), fill(tB[l], K * N, 3.5 - l);
  double2 both = __enzyme_fwddiff2((void *)f, enzyme_width, 2, enzyme_dup, A, tA[0], tA[1], enzyme_dup, B, tB[0], tB[1],
                                   enzyme_dup, C, tC[0], tC[1], enzyme_dup, y, ty[0], ty[1]);
  for (int l = 0; l < 2; l++) {
    double uC[M * N] = {0}, uy[M] = {0};
    double one = __enzyme_fwddiff((void *)f, enzyme_dup, A, tA[l], enzyme_dup, B, tB[l], enzyme_dup, C, uC, enzyme_dup, y, uy);
    // And against the gradient: the tangent is ∇f · (Ȧ, Ḃ).
    double directional = 0;
    for (int i = 0; i < M * K; i++) directional += dA[i] * tA[l][i];
    for (int i = 0; i < K * N; i++) directional += dB[i] * tB[l][i];
    snprintf(what, sizeof what, "batched lane %d against width 1", l);
    check_rel(what, both[l], one, 1e-13);
    snprintf(what, sizeof what, "batched lane %d against the gradient", l);
    check_rel(what, both[l], directional, 1e-12);
    for (int i = 0; i < M * N; i++) {
      snprintf(what, sizeof what, "batched lane %d tangent of C[%d]", l, i);
      check_rel(what, tC[l][i], uC[i], 1e-13);
    }
  }
  return finish();
}
