// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %openblas
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 %openblas
// RUN: %t.O0
// LAPACK's Cholesky factorization dpotrf_ and solve dpotrs_ (Fortran interface, as OpenBLAS
// exports it, with gfortran's hidden string lengths) in both modes: upper and lower, padded leading
// dimensions, one and several right-hand sides; against a Cholesky factorization and substitutions
// written as loops, and central differences. The loss reads the whole array, so the triangle potrf
// leaves alone must pass its adjoint through.
#include <stddef.h>
#include "Inputs/blas-check.h"

void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda, double *b,
             const int *ldb, int *info, size_t uplo_len);

enum { ColMajor = 102 };

// potrf: A (symmetric positive definite in its `uplo` triangle) factored in C.
static double potrf_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = g->n * g->lda, info;
  for (int i = 0; i < len; i++) C[i] = A[i];
  char uplo = g->uplo == 121 ? 'U' : 'L';
  dpotrf_(&uplo, &g->n, C, &g->lda, &info, 1);
  return weigh(C, len);
}
static double potrf_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int n = g->n, len = n * g->lda, upper = g->uplo == 121;
  for (int i = 0; i < len; i++) C[i] = A[i];
  // L(i, j) lives at (i, j) for lower, at (j, i) for upper (U = Lᵀ).
#define L(i, j) C[upper ? at(ColMajor, j, i, g->lda) : at(ColMajor, i, j, g->lda)]
  for (int j = 0; j < n; j++) {
    double d = L(j, j);
    for (int p = 0; p < j; p++) d -= L(j, p) * L(j, p);
    L(j, j) = sqrt(d);
    for (int i = j + 1; i < n; i++) {
      double v = L(i, j);
      for (int p = 0; p < j; p++) v -= L(i, p) * L(j, p);
      L(i, j) = v / L(j, j);
    }
  }
#undef L
  return weigh(C, len);
}

// potrs: A the factor (its `uplo` triangle), C0 = B (n×nrhs, solved in C).
static double potrs_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = g->m * g->ldb, info;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  char uplo = g->uplo == 121 ? 'U' : 'L';
  dpotrs_(&uplo, &g->n, &g->m, A, &g->lda, C, &g->ldb, &info, 1);
  return weigh(C, len);
}
static double potrs_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = g->m * g->ldb, upper = g->uplo == 121;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  // Lower: L y = b, then Lᵀ x = y. Upper: Uᵀ y = b, then U x = y.
  for (int r = 0; r < g->m; r++) {
    double *x = &C[r * g->ldb];
    tri_solve(A, g->lda, ColMajor, g->n, upper, upper, 0, x, 1);
    tri_solve(A, g->lda, ColMajor, g->n, upper, !upper, 0, x, 1);
  }
  return weigh(C, len);
}

static int order, leading;
// A diagonal large enough for a positive definite matrix (and a factor far from singular).
static void dominant(double *x[SIZE + 1]) {
  for (int i = 0; i < order; i++) x[0][at(ColMajor, i, i, leading)] += 2.0;
}

int main(void) {
  char what[160];
  adjust = dominant;
  for (int uplo = 121; uplo <= 122; uplo++)
    for (int n = 1; n <= 4; n += 3) {
      char u = uplo == 121 ? 'U' : 'L';
      Config g = {.layout = ColMajor, .uplo = uplo, .n = n, .lda = n + 1};
      order = n, leading = g.lda;
      snprintf(what, sizeof what, "potrf %c n %d", u, n);
      CHECK_ROUTINE(what, potrf_blas, potrf_loops, &g, n * g.lda, 1, 1, 1, n * g.lda);
      for (int nrhs = 1; nrhs <= 3; nrhs += 2) {
        Config r = {.layout = ColMajor, .uplo = uplo, .n = n, .m = nrhs, .lda = n + 1, .ldb = n + 2};
        snprintf(what, sizeof what, "potrs %c n %d nrhs %d", u, n, nrhs);
        CHECK_ROUTINE(what, potrs_blas, potrs_loops, &r, n * r.lda, 1, nrhs * r.ldb, 1, nrhs * r.ldb);
      }
    }
  return finish();
}
