// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %openblas
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 %openblas
// RUN: %t.O0
// cblas_dtpmv and cblas_dtpsv (packed triangular matrices) in both modes: row- and column-major,
// upper and lower, both transposes, unit and non-unit diagonals, increments 1, 2 and -2; and
// cblas_dasum with unit, wider and negative increments (asum reads nothing then). Against loops that
// unpack the triangle into a dense matrix, and central differences.
#include <cblas.h>
#include "Inputs/blas-check.h"

static int el(int i, int n, int inc) { return inc > 0 ? i * inc : (n - 1 - i) * -inc; }
static int span(int n, int inc) { return (n - 1) * abs(inc) + 1; }
static int packed_len(int n) { return n * (n + 1) / 2; }

// Where element (i, j) of the triangle is packed, as the BLAS documentation numbers it.
static int packed_at(const Config *g, int i, int j, int n) {
  int upper = g->uplo == CblasUpper;
  if (g->layout == CblasColMajor) return upper ? i + j * (j + 1) / 2 : i + j * (2 * n - j - 1) / 2;
  return upper ? i * n - i * (i - 1) / 2 + (j - i) : i * (i + 1) / 2 + j;
}

// The dense n×n matrix (leading dimension n) the packed triangle stores.
static void unpack(const Config *g, const double *A, double *dense) {
  int n = g->n;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      int inside = g->uplo == CblasUpper ? i <= j : i >= j;
      dense[at(g->layout, i, j, n)] = inside ? A[packed_at(g, i, j, n)] : 0;
    }
}

// tpmv (g->k = 0) and tpsv (g->k = 1): A packed, C0 = x (overwritten in C).
static double tp_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = span(g->n, g->incx);
  for (int i = 0; i < len; i++) C[i] = C0[i];
  if (g->k) cblas_dtpsv(g->layout, g->uplo, g->ta, g->diag, g->n, A, C, g->incx);
  else cblas_dtpmv(g->layout, g->uplo, g->ta, g->diag, g->n, A, C, g->incx);
  return weigh(C, len);
}
static double tp_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int n = g->n, len = span(n, g->incx);
  double dense[64], x[8];
  unpack(g, A, dense);
  for (int i = 0; i < len; i++) C[i] = C0[i];
  for (int i = 0; i < n; i++) x[i] = C[el(i, n, g->incx)];
  if (g->k) tri_solve(dense, n, g->layout, n, g->uplo == CblasUpper, g->ta == CblasTrans, g->diag == CblasUnit, x, 1);
  else tri_mul(dense, n, g->layout, n, g->uplo == CblasUpper, g->ta == CblasTrans, g->diag == CblasUnit, x, 1);
  for (int i = 0; i < n; i++) C[el(i, n, g->incx)] = x[i];
  return weigh(C, len);
}

// asum: A = x.
static double asum_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  double r = cblas_dasum(g->n, A, g->incx);
  return r * r + 0.3 * r;
}
static double asum_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  double r = 0;
  if (g->incx > 0)
    for (int i = 0; i < g->n; i++) r += fabs(A[i * g->incx]);
  return r * r + 0.3 * r;
}

static Config current;
// A diagonal well away from zero (for the solves).
static void dominant(double *x[SIZE + 1]) {
  for (int i = 0; i < current.n; i++) x[0][packed_at(&current, i, i, current.n)] += 2.0;
}

int main(void) {
  const int n = 4;
  char what[160];
  const int incs[] = {1, 2, -2};
  for (int layout = CblasRowMajor; layout <= CblasColMajor; layout++)
    for (int uplo = CblasUpper; uplo <= CblasLower; uplo++)
      for (int ta = CblasNoTrans; ta <= CblasTrans; ta++)
        for (int diag = CblasNonUnit; diag <= CblasUnit; diag++)
          for (unsigned c = 0; c < sizeof incs / sizeof incs[0]; c++)
            for (int solve = 0; solve <= 1; solve++) {
              Config g = {.layout = layout, .uplo = uplo, .ta = ta, .diag = diag, .n = n, .k = solve, .incx = incs[c]};
              current = g;
              adjust = dominant;
              snprintf(what, sizeof what, "%s %s %c%c%c incx %d", solve ? "tpsv" : "tpmv",
                       layout == CblasRowMajor ? "row-major" : "column-major", uplo == CblasUpper ? 'U' : 'L',
                       ta == CblasNoTrans ? 'N' : 'T', diag == CblasUnit ? 'U' : 'N', g.incx);
              int lx = span(n, g.incx);
              CHECK_ROUTINE(what, tp_blas, tp_loops, &g, packed_len(n), 1, lx, 1, lx);
            }
  adjust = 0;
  const int asum_incs[] = {1, 3, -1};
  for (unsigned c = 0; c < sizeof asum_incs / sizeof asum_incs[0]; c++) {
    Config g = {.n = 6, .incx = asum_incs[c]};
    snprintf(what, sizeof what, "asum incx %d", g.incx);
    CHECK_ROUTINE(what, asum_blas, asum_loops, &g, span(6, g.incx), 1, 1, 1, 1);
  }
  return finish();
}
