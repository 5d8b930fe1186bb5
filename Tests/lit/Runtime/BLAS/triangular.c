// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %openblas
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 %openblas
// RUN: %t.O0
// cblas_dsyrk, cblas_dtrmv, cblas_dtrsv, cblas_dtrmm and cblas_dtrsm in both modes: row- and column-major, upper and lower,
// both transposes, unit and non-unit diagonals, left and right sides, padded leading dimensions,
// alpha and beta active; against loops (substitution for the solves) and central differences.
#include <cblas.h>
#include "Inputs/blas-check.h"

// syrk: A, C0 = C, s = alpha, beta.
static double syrk_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = g->n * g->ldc;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  cblas_dsyrk(g->layout, g->uplo, g->ta, g->n, g->k, s[0], A, g->lda, s[1], C, g->ldc);
  return weigh(C, len);
}
static double syrk_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = g->n * g->ldc;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  for (int i = 0; i < g->n; i++)
    for (int j = 0; j < g->n; j++) {
      if (g->uplo == CblasUpper ? j < i : j > i) continue;
      double sum = 0;
      for (int p = 0; p < g->k; p++) {
        double a = g->ta == CblasNoTrans ? A[at(g->layout, i, p, g->lda)] : A[at(g->layout, p, i, g->lda)];
        double b = g->ta == CblasNoTrans ? A[at(g->layout, j, p, g->lda)] : A[at(g->layout, p, j, g->lda)];
        sum += a * b;
      }
      double *c = &C[at(g->layout, i, j, g->ldc)];
      *c = s[0] * sum + s[1] * *c;
    }
  return weigh(C, len);
}

// trsv: A, C0 = b (the solution overwrites it in C).
static double trsv_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = (g->n - 1) * g->incx + 1;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  cblas_dtrsv(g->layout, g->uplo, g->ta, g->diag, g->n, A, g->lda, C, g->incx);
  return weigh(C, len);
}
static double trsv_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = (g->n - 1) * g->incx + 1;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  tri_solve(A, g->lda, g->layout, g->n, g->uplo == CblasUpper, g->ta == CblasTrans, g->diag == CblasUnit, C, g->incx);
  return weigh(C, len);
}

// trmv: A, C0 = x (overwritten in C by op(A) x).
static double trmv_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = (g->n - 1) * g->incx + 1;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  cblas_dtrmv(g->layout, g->uplo, g->ta, g->diag, g->n, A, g->lda, C, g->incx);
  return weigh(C, len);
}
static double trmv_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = (g->n - 1) * g->incx + 1;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  tri_mul(A, g->lda, g->layout, g->n, g->uplo == CblasUpper, g->ta == CblasTrans, g->diag == CblasUnit, C, g->incx);
  return weigh(C, len);
}

// trmm: A, C0 = B (m×n, overwritten in C by alpha op(A) B or alpha B op(A)), s = alpha.
static double trmm_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = (g->layout == CblasRowMajor ? g->m : g->n) * g->ldb;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  cblas_dtrmm(g->layout, g->side, g->uplo, g->ta, g->diag, g->m, g->n, s[0], A, g->lda, C, g->ldb);
  return weigh(C, len);
}
static double trmm_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = (g->layout == CblasRowMajor ? g->m : g->n) * g->ldb;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  int rowMajor = g->layout == CblasRowMajor, left = g->side == CblasLeft;
  // Left: x := op(A) x for each column; right: y := op(A)ᵀ y for each row.
  for (int v = 0; v < (left ? g->n : g->m); v++) {
    double *x = &C[left ? at(g->layout, 0, v, g->ldb) : at(g->layout, v, 0, g->ldb)];
    int stride = left ? (rowMajor ? g->ldb : 1) : (rowMajor ? 1 : g->ldb);
    tri_mul(A, g->lda, g->layout, left ? g->m : g->n, g->uplo == CblasUpper, (g->ta == CblasTrans) == left,
            g->diag == CblasUnit, x, stride);
  }
  for (int i = 0; i < g->m; i++)
    for (int j = 0; j < g->n; j++) C[at(g->layout, i, j, g->ldb)] *= s[0];
  return weigh(C, len);
}

// trsm: A, C0 = B (m×n, the solution overwrites it in C), s = alpha.
static double trsm_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = (g->layout == CblasRowMajor ? g->m : g->n) * g->ldb;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  cblas_dtrsm(g->layout, g->side, g->uplo, g->ta, g->diag, g->m, g->n, s[0], A, g->lda, C, g->ldb);
  return weigh(C, len);
}
static double trsm_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = (g->layout == CblasRowMajor ? g->m : g->n) * g->ldb;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  int rowMajor = g->layout == CblasRowMajor, left = g->side == CblasLeft;
  for (int i = 0; i < g->m; i++)
    for (int j = 0; j < g->n; j++) C[at(g->layout, i, j, g->ldb)] *= s[0];
  // Left: op(A) x = b for each column; right: op(A)ᵀ y = b for each row.
  for (int v = 0; v < (left ? g->n : g->m); v++) {
    double *x = &C[left ? at(g->layout, 0, v, g->ldb) : at(g->layout, v, 0, g->ldb)];
    int stride = left ? (rowMajor ? g->ldb : 1) : (rowMajor ? 1 : g->ldb);
    tri_solve(A, g->lda, g->layout, left ? g->m : g->n, g->uplo == CblasUpper, (g->ta == CblasTrans) == left,
              g->diag == CblasUnit, x, stride);
  }
  return weigh(C, len);
}

// The triangular matrix's order and leading dimension, for adjust.
static int order, leading, layout_now;
// A diagonal well away from zero (both triangles of A hold data; only the one named is read).
static void dominant(double *x[SIZE + 1]) {
  for (int i = 0; i < order; i++) x[0][at(layout_now, i, i, leading)] += 2.0;
}

int main(void) {
  const int n = 4, k = 3, m = 3;
  char what[160];
  for (int layout = CblasRowMajor; layout <= CblasColMajor; layout++)
    for (int uplo = CblasUpper; uplo <= CblasLower; uplo++)
      for (int ta = CblasNoTrans; ta <= CblasTrans; ta++) {
        int rowMajor = layout == CblasRowMajor;
        const char *layoutName = rowMajor ? "row-major" : "column-major";
        char u = uplo == CblasUpper ? 'U' : 'L', t = ta == CblasNoTrans ? 'N' : 'T';
        int ar = ta == CblasNoTrans ? n : k, ac = ta == CblasNoTrans ? k : n;
        Config cs = {.layout = layout, .uplo = uplo, .ta = ta, .n = n, .k = k, .lda = (rowMajor ? ac : ar) + 1, .ldc = n + 2};
        snprintf(what, sizeof what, "syrk %s %c%c", layoutName, u, t);
        adjust = 0;
        CHECK_ROUTINE(what, syrk_blas, syrk_loops, &cs, (rowMajor ? ar : ac) * cs.lda, 1, n * cs.ldc, 2, n * cs.ldc);

        for (int diag = CblasNonUnit; diag <= CblasUnit; diag++) {
          char d = diag == CblasUnit ? 'U' : 'N';
          Config cv = {.layout = layout, .uplo = uplo, .ta = ta, .diag = diag, .n = n, .lda = n + 1, .incx = diag == CblasUnit ? 2 : 1};
          order = n, leading = cv.lda, layout_now = layout, adjust = dominant;
          snprintf(what, sizeof what, "trsv %s %c%c%c incx %d", layoutName, u, t, d, cv.incx);
          CHECK_ROUTINE(what, trsv_blas, trsv_loops, &cv, n * cv.lda, 1, (n - 1) * cv.incx + 1, 1, (n - 1) * cv.incx + 1);
          snprintf(what, sizeof what, "trmv %s %c%c%c incx %d", layoutName, u, t, d, cv.incx);
          CHECK_ROUTINE(what, trmv_blas, trmv_loops, &cv, n * cv.lda, 1, (n - 1) * cv.incx + 1, 1, (n - 1) * cv.incx + 1);

          for (int side = CblasLeft; side <= CblasRight; side++) {
            int kk = side == CblasLeft ? m : n;
            Config cw = {.layout = layout, .side = side, .uplo = uplo, .ta = ta, .diag = diag, .m = m, .n = n,
                        .lda = kk + 1, .ldb = (rowMajor ? n : m) + 2};
            order = kk, leading = cw.lda;
            int lB = (rowMajor ? m : n) * cw.ldb;
            snprintf(what, sizeof what, "trsm %s %s %c%c%c", layoutName, side == CblasLeft ? "left" : "right", u, t, d);
            CHECK_ROUTINE(what, trsm_blas, trsm_loops, &cw, kk * cw.lda, 1, lB, 1, lB);
            snprintf(what, sizeof what, "trmm %s %s %c%c%c", layoutName, side == CblasLeft ? "left" : "right", u, t, d);
            CHECK_ROUTINE(what, trmm_blas, trmm_loops, &cw, kk * cw.lda, 1, lB, 1, lB);
          }
        }
      }
  return finish();
}
