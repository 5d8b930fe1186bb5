// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %openblas
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 %openblas
// RUN: %t.O0
// The symmetric, banded and LAPACK routines in their other spellings: Fortran dsymv_, dsyr2k_, dgbmv_
// and dasum_ (options as characters, alpha and beta from stack slots), and single precision
// cblas_ssymv, cblas_sasum, spotrf_ and spotrs_, in both modes, against double-precision loops
// (looser tolerances for single precision) and central differences.
#include <cblas.h>
#include <stddef.h>
#include "Inputs/blas-check.h"

void dsymv_(const char *, const int *, const double *, const double *, const int *, const double *, const int *,
            const double *, double *, const int *);
void dsyr2k_(const char *, const char *, const int *, const int *, const double *, const double *, const int *,
             const double *, const int *, const double *, double *, const int *);
void dgbmv_(const char *, const int *, const int *, const int *, const int *, const double *, const double *,
            const int *, const double *, const int *, const double *, double *, const int *);
double dasum_(const int *, const double *, const int *);
void spotrf_(const char *, const int *, float *, const int *, int *, size_t);
void spotrs_(const char *, const int *, const int *, const float *, const int *, float *, const int *, int *, size_t);

enum { N = 4, K = 2 };
#define E(M, i, j, ld) M[(i) + (j) * (ld)]

// A: n×n (lda n + 1), B: n×k (ldb n) or k×n (ldb k), C0: n×n (ldc n), s: alpha, beta. C: y (n), then C (n×n).
static double fortran_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int n = N, k = K, lda = N + 1, ldb = g->ta == CblasNoTrans ? N : K, ldc = N, one = 1, kl = 1, ku = 2, ldband = 4;
  double alpha = s[0], beta = s[1];
  double *y = C, *Cm = C + N;
  for (int i = 0; i < N; i++) y[i] = C0[i];
  for (int i = 0; i < N * N; i++) Cm[i] = C0[i];
  dsymv_(g->uplo == CblasUpper ? "U" : "l", &n, &alpha, A, &lda, B, &one, &beta, y, &one);
  dsyr2k_(g->uplo == CblasUpper ? "u" : "L", g->ta == CblasNoTrans ? "N" : "t", &n, &k, &alpha, B, &ldb, A, &lda,
          &beta, Cm, &ldc);
  // The band of A read as band storage (4 rows: kl + ku + 1).
  dgbmv_(g->ta == CblasNoTrans ? "n" : "T", &n, &n, &kl, &ku, &alpha, A, &ldband, B + N, &one, &beta, y, &one);
  return weigh(C, N + N * N) + dasum_(&n, y, &one);
}
static double fortran_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int up = g->uplo == CblasUpper, nt = g->ta == CblasNoTrans, lda = N + 1;
  double *y = C, *Cm = C + N;
  for (int i = 0; i < N; i++) y[i] = C0[i];
  for (int i = 0; i < N * N; i++) Cm[i] = C0[i];
  double t[N];
  for (int i = 0; i < N; i++) {
    double sum = 0;
    for (int j = 0; j < N; j++) sum += ((up ? i <= j : i >= j) ? E(A, i, j, lda) : E(A, j, i, lda)) * B[j];
    t[i] = s[0] * sum + s[1] * y[i];
  }
  for (int i = 0; i < N; i++) y[i] = t[i];
  // syr2k with A's leading n×k (NoTrans) or k×n (Trans) block as the second operand.
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      if (up ? j < i : j > i) continue;
      double sum = 0;
      for (int p = 0; p < K; p++) {
        double bi = nt ? E(B, i, p, N) : E(B, p, i, K), bj = nt ? E(B, j, p, N) : E(B, p, j, K);
        double ai = nt ? E(A, i, p, lda) : E(A, p, i, lda), aj = nt ? E(A, j, p, lda) : E(A, p, j, lda);
        sum += bi * aj + ai * bj;
      }
      E(Cm, i, j, N) = s[0] * sum + s[1] * E(Cm, i, j, N);
    }
  // gbmv: A(i, j) at A[1 + ... ]: band storage with ku = 2, kl = 1, ld 4: A(i, j) = A[2 + i - j + 4j].
  for (int r = 0; r < N; r++) {
    double sum = 0;
    for (int q = 0; q < N; q++) {
      int i = nt ? r : q, j = nt ? q : r;
      if (i >= j - 2 && i <= j + 1) sum += A[2 + i - j + 4 * j] * B[N + q];
    }
    t[r] = s[0] * sum + s[1] * y[r];
  }
  for (int i = 0; i < N; i++) y[i] = t[i];
  double asum = 0;
  for (int i = 0; i < N; i++) asum += fabs(y[i]);
  return weigh(C, N + N * N) + asum;
}

// Single precision: ssymv, sasum, spotrf_ and spotrs_ on A + 4I (positive definite).
static double single_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  float a[32], x[N], y[N], b[2 * N];
  int n = N, lda = N + 1, nrhs = 2, info;
  for (int i = 0; i < N * lda; i++) a[i] = (float)A[i];
  for (int i = 0; i < N; i++) x[i] = (float)B[i], y[i] = (float)C0[i];
  for (int i = 0; i < 2 * N; i++) b[i] = (float)C0[i];
  const char *u = g->uplo == CblasUpper ? "U" : "L";
  cblas_ssymv(CblasColMajor, g->uplo, N, (float)s[0], a, lda, x, 1, (float)s[1], y, 1);
  spotrf_(u, &n, a, &lda, &info, 1);
  spotrs_(u, &n, &nrhs, a, &lda, b, &n, &info, 1);
  for (int i = 0; i < N * lda; i++) C[i] = a[i];
  for (int i = 0; i < 2 * N; i++) C[N * lda + i] = b[i];
  return weigh(C, N * lda + 2 * N) + cblas_sasum(N, y, 1);
}
static double single_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int up = g->uplo == CblasUpper, lda = N + 1;
  double y[N], b[2 * N];
  for (int i = 0; i < N * lda; i++) C[i] = A[i];
  for (int i = 0; i < N; i++) {
    double sum = 0;
    for (int j = 0; j < N; j++) sum += ((up ? i <= j : i >= j) ? E(A, i, j, lda) : E(A, j, i, lda)) * B[j];
    y[i] = s[0] * sum + s[1] * C0[i];
  }
#define L(i, j) C[up ? (j) + (i) * lda : (i) + (j) * lda]
  for (int j = 0; j < N; j++) {
    double d = L(j, j);
    for (int p = 0; p < j; p++) d -= L(j, p) * L(j, p);
    L(j, j) = sqrt(d);
    for (int i = j + 1; i < N; i++) {
      double v = L(i, j);
      for (int p = 0; p < j; p++) v -= L(i, p) * L(j, p);
      L(i, j) = v / L(j, j);
    }
  }
  for (int r = 0; r < 2; r++) {
    double *x = &b[r * N];
    for (int i = 0; i < N; i++) x[i] = C0[r * N + i];
    for (int i = 0; i < N; i++) {
      double v = x[i];
      for (int p = 0; p < i; p++) v -= L(i, p) * x[p];
      x[i] = v / L(i, i);
    }
    for (int i = N - 1; i >= 0; i--) {
      double v = x[i];
      for (int p = i + 1; p < N; p++) v -= L(p, i) * x[p];
      x[i] = v / L(i, i);
    }
  }
#undef L
  for (int i = 0; i < 2 * N; i++) C[N * lda + i] = b[i];
  double asum = 0;
  for (int i = 0; i < N; i++) asum += fabs(y[i]);
  return weigh(C, N * lda + 2 * N) + asum;
}

static void dominant(double *x[SIZE + 1]) {
  for (int i = 0; i < N; i++) x[0][i * (N + 2)] += 2.0;
}

int main(void) {
  char what[100];
  adjust = dominant;
  for (int uplo = CblasUpper; uplo <= CblasLower; uplo++)
    for (int ta = CblasNoTrans; ta <= CblasTrans; ta++) {
      Config g = {.layout = CblasColMajor, .uplo = uplo, .ta = ta};
      snprintf(what, sizeof what, "Fortran dsymv_ dsyr2k_ dgbmv_ dasum_ %c%c", uplo == CblasUpper ? 'U' : 'L',
               ta == CblasNoTrans ? 'N' : 'T');
      CHECK_ROUTINE(what, fortran_blas, fortran_loops, &g, N * (N + 1), 2 * N, N * N, 2, N + N * N);
    }
  tolerance = 1e-4, fd_step = 1e-3, fd_tolerance = 3e-3;
  for (int uplo = CblasUpper; uplo <= CblasLower; uplo++) {
    Config g = {.layout = CblasColMajor, .uplo = uplo};
    snprintf(what, sizeof what, "single precision ssymv spotrf_ spotrs_ sasum %c", uplo == CblasUpper ? 'U' : 'L');
    CHECK_ROUTINE(what, single_blas, single_loops, &g, N * (N + 1), N, 2 * N, 2, N * (N + 1) + 2 * N);
  }
  return finish();
}
