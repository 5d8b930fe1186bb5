// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %openblas
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 %openblas
// RUN: %t.O0
// cblas_dgbmv (a general band matrix) in both modes: row- and column-major, both transposes, a
// diagonal band, a wider upper and a wider lower band, padded leading dimensions, unit, wider and
// negative increments, alpha and beta active; against loops over the band, and central differences.
#include <cblas.h>
#include "Inputs/blas-check.h"

static int el(int i, int n, int inc) { return inc > 0 ? i * inc : (n - 1 - i) * -inc; }
static int span(int n, int inc) { return (n - 1) * abs(inc) + 1; }

// The band widths travel in the Config: kl in k, ku in ldb.
// Where A(i, j) of the band lives, or -1 outside the band.
static int band_at(const Config *g, int i, int j) {
  int kl = g->k, ku = g->ldb;
  if (i < j - ku || i > j + kl) return -1;
  return g->layout == CblasColMajor ? ku + i - j + j * g->lda : kl + j - i + i * g->lda;
}

// A band, B = x, C0 = y, s = alpha, beta; C receives y.
static double gbmv_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int ny = g->ta == CblasNoTrans ? g->m : g->n, len = span(ny, g->incy);
  for (int i = 0; i < len; i++) C[i] = C0[i];
  cblas_dgbmv(g->layout, g->ta, g->m, g->n, g->k, g->ldb, s[0], A, g->lda, B, g->incx, s[1], C, g->incy);
  return weigh(C, len);
}
static double gbmv_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int nt = g->ta == CblasNoTrans, ny = nt ? g->m : g->n, nx = nt ? g->n : g->m, len = span(ny, g->incy);
  for (int i = 0; i < len; i++) C[i] = C0[i];
  for (int r = 0; r < ny; r++) {
    double sum = 0;
    for (int q = 0; q < nx; q++) {
      int where = nt ? band_at(g, r, q) : band_at(g, q, r);
      if (where >= 0) sum += A[where] * B[el(q, nx, g->incx)];
    }
    double *y = &C[el(r, ny, g->incy)];
    *y = s[0] * sum + s[1] * *y;
  }
  return weigh(C, len);
}

int main(void) {
  const int m = 5, n = 4;
  const int bands[][2] = {{0, 0}, {1, 2}, {2, 1}};
  const int incs[][2] = {{1, 1}, {2, -1}};
  char what[160];
  for (int layout = CblasRowMajor; layout <= CblasColMajor; layout++)
    for (int ta = CblasNoTrans; ta <= CblasTrans; ta++)
      for (unsigned b = 0; b < sizeof bands / sizeof bands[0]; b++)
        for (unsigned c = 0; c < sizeof incs / sizeof incs[0]; c++) {
          int kl = bands[b][0], ku = bands[b][1];
          Config g = {.layout = layout, .ta = ta, .m = m, .n = n, .k = kl, .ldb = ku, .lda = kl + ku + 2,
                      .incx = incs[c][0], .incy = incs[c][1]};
          int nt = ta == CblasNoTrans, nx = nt ? n : m, ny = nt ? m : n;
          int lA = (layout == CblasColMajor ? n : m) * g.lda;
          snprintf(what, sizeof what, "gbmv %s %c kl %d ku %d incx %d incy %d",
                   layout == CblasRowMajor ? "row-major" : "column-major", nt ? 'N' : 'T', kl, ku, g.incx, g.incy);
          CHECK_ROUTINE(what, gbmv_blas, gbmv_loops, &g, lA, span(nx, g.incx), span(ny, g.incy), 2, span(ny, g.incy));
        }
  return finish();
}
