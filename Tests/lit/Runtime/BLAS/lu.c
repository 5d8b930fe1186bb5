// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %openblas
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 %openblas
// RUN: %t.O0
// LAPACK's LU factorization with partial pivoting dgetrf_ and solve dgetrs_ (Fortran interface) in
// both modes: matrices whose pivots interchange rows, padded leading dimensions, both transposes,
// one and several right-hand sides, and getrf followed by getrs (the pivots the solve reads come
// from the factorization); against the same algorithms written as loops, and central differences.
#include <stddef.h>
#include "Inputs/blas-check.h"

void dgetrf_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);
void dgetrs_(const char *trans, const int *n, const int *nrhs, const double *a, const int *lda, const int *ipiv,
             double *b, const int *ldb, int *info, size_t trans_len);

enum { ColMajor = 102 };
#define E(M, i, j, ld) M[(i) + (j) * (ld)]

// getrf: A factored in C (the loss reads L and U).
static double getrf_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = g->n * g->lda, info, ipiv[8];
  for (int i = 0; i < len; i++) C[i] = A[i];
  dgetrf_(&g->n, &g->n, C, &g->lda, ipiv, &info);
  return weigh(C, len);
}
static void lu_loops(double *C, int n, int lda, int *ipiv) {
  for (int k = 0; k < n; k++) {
    int p = k;
    for (int i = k + 1; i < n; i++)
      if (fabs(E(C, i, k, lda)) > fabs(E(C, p, k, lda))) p = i;
    ipiv[k] = p + 1;
    if (p != k)
      for (int j = 0; j < n; j++) {
        double t = E(C, k, j, lda);
        E(C, k, j, lda) = E(C, p, j, lda);
        E(C, p, j, lda) = t;
      }
    for (int i = k + 1; i < n; i++) {
      E(C, i, k, lda) /= E(C, k, k, lda);
      for (int j = k + 1; j < n; j++) E(C, i, j, lda) -= E(C, i, k, lda) * E(C, k, j, lda);
    }
  }
}
static double getrf_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = g->n * g->lda, ipiv[8];
  for (int i = 0; i < len; i++) C[i] = A[i];
  lu_loops(C, g->n, g->lda, ipiv);
  return weigh(C, len);
}

// getrs: A the factors, pivots fixed, C0 = B (n×nrhs, solved in C); g->ta the transpose.
static const int pivots[4] = {3, 2, 4, 4};
static void swap_rows(double *X, int ld, int cols, const int *ipiv, int n, int reverse) {
  for (int s = 0; s < n; s++) {
    int i = reverse ? n - 1 - s : s, p = ipiv[i] - 1;
    for (int j = 0; j < cols; j++) {
      double t = E(X, i, j, ld);
      E(X, i, j, ld) = E(X, p, j, ld);
      E(X, p, j, ld) = t;
    }
  }
}
static void solve_loops(const double *LU, int lda, const int *ipiv, int transposed, double *X, int ldb, int n, int nrhs) {
  if (!transposed) swap_rows(X, ldb, nrhs, ipiv, n, 0);
  for (int r = 0; r < nrhs; r++) {
    double *x = &X[r * ldb];
    if (transposed) {
      tri_solve(LU, lda, ColMajor, n, 1, 1, 0, x, 1);
      tri_solve(LU, lda, ColMajor, n, 0, 1, 1, x, 1);
    } else {
      tri_solve(LU, lda, ColMajor, n, 0, 0, 1, x, 1);
      tri_solve(LU, lda, ColMajor, n, 1, 0, 0, x, 1);
    }
  }
  if (transposed) swap_rows(X, ldb, nrhs, ipiv, n, 1);
}
static double getrs_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = g->m * g->ldb, info;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  char t = g->ta == 112 ? 'T' : 'N';
  dgetrs_(&t, &g->n, &g->m, A, &g->lda, pivots, C, &g->ldb, &info, 1);
  return weigh(C, len);
}
static double getrs_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = g->m * g->ldb;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  solve_loops(A, g->lda, pivots, g->ta == 112, C, g->ldb, g->n, g->m);
  return weigh(C, len);
}

// getrf then getrs: A, C0 = B, solved in C.
static double gesv_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = g->m * g->ldb, info, ipiv[8];
  double LU[64];
  for (int i = 0; i < g->n * g->lda; i++) LU[i] = A[i];
  for (int i = 0; i < len; i++) C[i] = C0[i];
  dgetrf_(&g->n, &g->n, LU, &g->lda, ipiv, &info);
  char t = g->ta == 112 ? 'T' : 'N';
  dgetrs_(&t, &g->n, &g->m, LU, &g->lda, ipiv, C, &g->ldb, &info, 1);
  return weigh(C, len);
}
static double gesv_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = g->m * g->ldb, ipiv[8];
  double LU[64];
  for (int i = 0; i < g->n * g->lda; i++) LU[i] = A[i];
  for (int i = 0; i < len; i++) C[i] = C0[i];
  lu_loops(LU, g->n, g->lda, ipiv);
  solve_loops(LU, g->lda, ipiv, g->ta == 112, C, g->ldb, g->n, g->m);
  return weigh(C, len);
}

static int order, leading, diagonal;
// Pivots that interchange rows (a dominant element off the diagonal in each column, with clear
// margins), or a dominant diagonal (for the factors getrs reads).
static void shape(double *x[SIZE + 1]) {
  static const int row_of[4] = {2, 0, 3, 1};
  for (int j = 0; j < order; j++) E(x[0], diagonal ? j : row_of[j], j, leading) += 2.0 + 0.5 * j;
}

int main(void) {
  char what[160];
  const int n = 4;
  adjust = shape;
  Config g = {.layout = ColMajor, .n = n, .lda = n + 1};
  order = n, leading = g.lda, diagonal = 0;
  CHECK_ROUTINE("getrf", getrf_blas, getrf_loops, &g, n * g.lda, 1, 1, 1, n * g.lda);
  for (int ta = 111; ta <= 112; ta++)
    for (int nrhs = 1; nrhs <= 3; nrhs += 2) {
      Config r = {.layout = ColMajor, .ta = ta, .n = n, .m = nrhs, .lda = n + 1, .ldb = n + 2};
      diagonal = 1;
      snprintf(what, sizeof what, "getrs %c nrhs %d", ta == 111 ? 'N' : 'T', nrhs);
      CHECK_ROUTINE(what, getrs_blas, getrs_loops, &r, n * r.lda, 1, nrhs * r.ldb, 1, nrhs * r.ldb);
      diagonal = 0;
      snprintf(what, sizeof what, "getrf + getrs %c nrhs %d", ta == 111 ? 'N' : 'T', nrhs);
      CHECK_ROUTINE(what, gesv_blas, gesv_loops, &r, n * r.lda, 1, nrhs * r.ldb, 1, nrhs * r.ldb);
    }
  return finish();
}
