// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %openblas
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 %openblas
// RUN: %t.O0
// cblas_dgemv and cblas_dger in both modes: row- and column-major, both transposes, padded leading
// dimensions, increments other than 1, alpha and beta active; against loops and central differences.
#include <cblas.h>
#include "Inputs/blas-check.h"

static int el(int i, int n, int inc) { return inc > 0 ? i * inc : (n - 1 - i) * -inc; }
static int span(int n, int inc) { return (n - 1) * abs(inc) + 1; }

// A m×n, B = x, C0 = y; s = alpha, beta.
static double gemv_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int ly = span(g->ta == CblasNoTrans ? g->m : g->n, g->incy);
  for (int i = 0; i < ly; i++) C[i] = C0[i];
  cblas_dgemv(g->layout, g->ta, g->m, g->n, s[0], A, g->lda, B, g->incx, s[1], C, g->incy);
  return weigh(C, ly);
}
static double gemv_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int notrans = g->ta == CblasNoTrans, rows = notrans ? g->m : g->n, cols = notrans ? g->n : g->m;
  int ly = span(rows, g->incy);
  for (int i = 0; i < ly; i++) C[i] = C0[i];
  for (int i = 0; i < rows; i++) {
    double sum = 0;
    for (int j = 0; j < cols; j++)
      sum += (notrans ? A[at(g->layout, i, j, g->lda)] : A[at(g->layout, j, i, g->lda)]) * B[el(j, cols, g->incx)];
    double *y = &C[el(i, rows, g->incy)];
    *y = s[0] * sum + s[1] * *y;
  }
  return weigh(C, ly);
}

// A = x (m), B = y (n), C0 = the matrix; s = alpha.
static double ger_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = (g->layout == CblasRowMajor ? g->m : g->n) * g->lda;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  cblas_dger(g->layout, g->m, g->n, s[0], A, g->incx, B, g->incy, C, g->lda);
  return weigh(C, len);
}
static double ger_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = (g->layout == CblasRowMajor ? g->m : g->n) * g->lda;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  for (int i = 0; i < g->m; i++)
    for (int j = 0; j < g->n; j++) C[at(g->layout, i, j, g->lda)] += s[0] * A[el(i, g->m, g->incx)] * B[el(j, g->n, g->incy)];
  return weigh(C, len);
}

int main(void) {
  const int m = 4, n = 3;
  const int incs[][2] = {{1, 1}, {2, -3}};
  for (int layout = CblasRowMajor; layout <= CblasColMajor; layout++)
    for (int ta = CblasNoTrans; ta <= CblasTrans; ta++)
      for (unsigned c = 0; c < 2; c++) {
        int rowMajor = layout == CblasRowMajor;
        Config g = {.layout = layout, .ta = ta, .m = m, .n = n, .lda = (rowMajor ? n : m) + 2,
                    .incx = incs[c][0], .incy = incs[c][1]};
        int lA = (rowMajor ? m : n) * g.lda;
        int lx = span(ta == CblasNoTrans ? n : m, g.incx), ly = span(ta == CblasNoTrans ? m : n, g.incy);
        char what[100];
        snprintf(what, sizeof what, "gemv %s %c incx %d incy %d", rowMajor ? "row-major" : "column-major",
                 ta == CblasNoTrans ? 'N' : 'T', g.incx, g.incy);
        CHECK_ROUTINE(what, gemv_blas, gemv_loops, &g, lA, lx, ly, 2, ly);
        if (ta == CblasNoTrans) {
          snprintf(what, sizeof what, "ger %s incx %d incy %d", rowMajor ? "row-major" : "column-major", g.incx, g.incy);
          CHECK_ROUTINE(what, ger_blas, ger_loops, &g, span(m, g.incx), span(n, g.incy), lA, 1, lA);
        }
      }
  return finish();
}
