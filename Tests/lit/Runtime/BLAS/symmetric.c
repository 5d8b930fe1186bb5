// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %openblas
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 %openblas
// RUN: %t.O0
// The symmetric routines cblas_dsymv, dspmv, dsyr, dspr, dsyr2, dspr2, dsymm and dsyr2k in both
// modes: row- and column-major, upper and lower, dense (padded lda) and packed storage, both sides
// and transposes, unit, wider and negative increments, alpha and beta active; against loops that
// read the same triangle, and central differences.
#include <cblas.h>
#include "Inputs/blas-check.h"

static int el(int i, int n, int inc) { return inc > 0 ? i * inc : (n - 1 - i) * -inc; }
static int span(int n, int inc) { return (n - 1) * abs(inc) + 1; }

// Where element (i, j) of the symmetric matrix is stored: in the triangle `uplo` names, dense with
// leading dimension ld, or packed (ld = 0) as the BLAS documentation numbers it.
static int stored(const Config *g, int i, int j, int n, int ld) {
  int upper = g->uplo == CblasUpper;
  if (upper ? i > j : i < j) { int t = i; i = j; j = t; }
  if (ld) return at(g->layout, i, j, ld);
  if (g->layout == CblasColMajor) return upper ? i + j * (j + 1) / 2 : i + j * (2 * n - j - 1) / 2;
  return upper ? i * n - i * (i - 1) / 2 + (j - i) : i * (i + 1) / 2 + j;
}
static int in_triangle(const Config *g, int i, int j) { return g->uplo == CblasUpper ? i <= j : i >= j; }
static int packed_len(int n) { return n * (n + 1) / 2; }

// symv / spmv (g->lda = 0): A, B = x, C0 = y, s = alpha, beta; C receives y.
static double symv_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = span(g->n, g->incy);
  for (int i = 0; i < len; i++) C[i] = C0[i];
  if (g->lda) cblas_dsymv(g->layout, g->uplo, g->n, s[0], A, g->lda, B, g->incx, s[1], C, g->incy);
  else cblas_dspmv(g->layout, g->uplo, g->n, s[0], A, B, g->incx, s[1], C, g->incy);
  return weigh(C, len);
}
static double symv_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int n = g->n, len = span(n, g->incy);
  for (int i = 0; i < len; i++) C[i] = C0[i];
  for (int i = 0; i < n; i++) {
    double sum = 0;
    for (int j = 0; j < n; j++) sum += A[stored(g, i, j, n, g->lda)] * B[el(j, n, g->incx)];
    double *y = &C[el(i, n, g->incy)];
    *y = s[0] * sum + s[1] * *y;
  }
  return weigh(C, len);
}

// syr, spr, syr2, spr2 (g->k = 2 for rank 2): A = x, B = y, C0 = the matrix, s = alpha; C receives it.
static double syr_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = g->lda ? g->n * g->lda : packed_len(g->n);
  for (int i = 0; i < len; i++) C[i] = C0[i];
  if (g->k == 2) {
    if (g->lda) cblas_dsyr2(g->layout, g->uplo, g->n, s[0], A, g->incx, B, g->incy, C, g->lda);
    else cblas_dspr2(g->layout, g->uplo, g->n, s[0], A, g->incx, B, g->incy, C);
  } else {
    if (g->lda) cblas_dsyr(g->layout, g->uplo, g->n, s[0], A, g->incx, C, g->lda);
    else cblas_dspr(g->layout, g->uplo, g->n, s[0], A, g->incx, C);
  }
  return weigh(C, len);
}
static double syr_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int n = g->n, len = g->lda ? n * g->lda : packed_len(n);
  for (int i = 0; i < len; i++) C[i] = C0[i];
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      if (!in_triangle(g, i, j)) continue;
      double xi = A[el(i, n, g->incx)], xj = A[el(j, n, g->incx)];
      double update = g->k == 2 ? xi * B[el(j, n, g->incy)] + B[el(i, n, g->incy)] * xj : xi * xj;
      C[stored(g, i, j, n, g->lda)] += s[0] * update;
    }
  return weigh(C, len);
}

// symm: A symmetric (order m on the left, n on the right), B, C0 = C, s = alpha, beta.
static double symm_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = (g->layout == CblasRowMajor ? g->m : g->n) * g->ldc;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  cblas_dsymm(g->layout, g->side, g->uplo, g->m, g->n, s[0], A, g->lda, B, g->ldb, s[1], C, g->ldc);
  return weigh(C, len);
}
static double symm_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = (g->layout == CblasRowMajor ? g->m : g->n) * g->ldc, left = g->side == CblasLeft;
  int k = left ? g->m : g->n;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  for (int i = 0; i < g->m; i++)
    for (int j = 0; j < g->n; j++) {
      double sum = 0;
      for (int p = 0; p < k; p++)
        sum += left ? A[stored(g, i, p, k, g->lda)] * B[at(g->layout, p, j, g->ldb)]
                    : B[at(g->layout, i, p, g->ldb)] * A[stored(g, p, j, k, g->lda)];
      double *c = &C[at(g->layout, i, j, g->ldc)];
      *c = s[0] * sum + s[1] * *c;
    }
  return weigh(C, len);
}

// syr2k: A, B (op n×k), C0 = C (n×n), s = alpha, beta.
static double syr2k_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = g->n * g->ldc;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  cblas_dsyr2k(g->layout, g->uplo, g->ta, g->n, g->k, s[0], A, g->lda, B, g->ldb, s[1], C, g->ldc);
  return weigh(C, len);
}
static double syr2k_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = g->n * g->ldc, nt = g->ta == CblasNoTrans;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  for (int i = 0; i < g->n; i++)
    for (int j = 0; j < g->n; j++) {
      if (!in_triangle(g, i, j)) continue;
      double sum = 0;
      for (int p = 0; p < g->k; p++) {
        double ai = nt ? A[at(g->layout, i, p, g->lda)] : A[at(g->layout, p, i, g->lda)];
        double aj = nt ? A[at(g->layout, j, p, g->lda)] : A[at(g->layout, p, j, g->lda)];
        double bi = nt ? B[at(g->layout, i, p, g->ldb)] : B[at(g->layout, p, i, g->ldb)];
        double bj = nt ? B[at(g->layout, j, p, g->ldb)] : B[at(g->layout, p, j, g->ldb)];
        sum += ai * bj + bi * aj;
      }
      double *c = &C[at(g->layout, i, j, g->ldc)];
      *c = s[0] * sum + s[1] * *c;
    }
  return weigh(C, len);
}

int main(void) {
  const int n = 4, m = 3, k = 3;
  const int incs[][2] = {{1, 1}, {2, -1}};
  char what[160];
  for (int layout = CblasRowMajor; layout <= CblasColMajor; layout++)
    for (int uplo = CblasUpper; uplo <= CblasLower; uplo++) {
      int rowMajor = layout == CblasRowMajor;
      const char *layoutName = rowMajor ? "row-major" : "column-major";
      char u = uplo == CblasUpper ? 'U' : 'L';
      adjust = 0;
      for (int packed = 0; packed <= 1; packed++)
        for (unsigned c = 0; c < sizeof incs / sizeof incs[0]; c++) {
          Config g = {.layout = layout, .uplo = uplo, .n = n, .lda = packed ? 0 : n + 1,
                      .incx = incs[c][0], .incy = incs[c][1]};
          int lA = packed ? packed_len(n) : n * g.lda, lx = span(n, g.incx), ly = span(n, g.incy);
          snprintf(what, sizeof what, "%s %s %c incx %d incy %d", packed ? "spmv" : "symv", layoutName, u, g.incx, g.incy);
          CHECK_ROUTINE(what, symv_blas, symv_loops, &g, lA, lx, ly, 2, ly);
          for (g.k = 1; g.k <= 2; g.k++) {
            snprintf(what, sizeof what, "%s%s %s %c incx %d incy %d", packed ? "spr" : "syr", g.k == 2 ? "2" : "",
                     layoutName, u, g.incx, g.incy);
            CHECK_ROUTINE(what, syr_blas, syr_loops, &g, lx, ly, lA, 1, lA);
          }
        }
      for (int side = CblasLeft; side <= CblasRight; side++) {
        int kk = side == CblasLeft ? m : n;
        Config g = {.layout = layout, .side = side, .uplo = uplo, .m = m, .n = n, .lda = kk + 1,
                    .ldb = (rowMajor ? n : m) + 2, .ldc = (rowMajor ? n : m) + 1};
        int rows = rowMajor ? m : n;
        snprintf(what, sizeof what, "symm %s %s %c", layoutName, side == CblasLeft ? "left" : "right", u);
        CHECK_ROUTINE(what, symm_blas, symm_loops, &g, kk * g.lda, rows * g.ldb, rows * g.ldc, 2, rows * g.ldc);
      }
      for (int ta = CblasNoTrans; ta <= CblasTrans; ta++) {
        int ar = ta == CblasNoTrans ? n : k, ac = ta == CblasNoTrans ? k : n;
        Config g = {.layout = layout, .uplo = uplo, .ta = ta, .n = n, .k = k, .lda = (rowMajor ? ac : ar) + 1,
                    .ldb = (rowMajor ? ac : ar) + 2, .ldc = n + 2};
        int majors = rowMajor ? ar : ac;
        snprintf(what, sizeof what, "syr2k %s %c%c", layoutName, u, ta == CblasNoTrans ? 'N' : 'T');
        CHECK_ROUTINE(what, syr2k_blas, syr2k_loops, &g, majors * g.lda, majors * g.ldb, n * g.ldc, 2, n * g.ldc);
      }
    }
  return finish();
}
