// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %openblas
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 %openblas
// RUN: %t.O0
// cblas_dgemm in both modes: row- and column-major, every transpose of A and B, padded leading
// dimensions, alpha and beta active; against the same product written as loops, and central
// differences.
#include <cblas.h>
#include "Inputs/blas-check.h"

static double gemm_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s,
                        double *C) {
  for (int i = 0; i < g->m * g->ldc + g->ldc; i++) C[i] = C0[i];
  cblas_dgemm(g->layout, g->ta, g->tb, g->m, g->n, g->k, s[0], A, g->lda, B, g->ldb, s[1], C, g->ldc);
  return weigh(C, g->m * g->ldc + g->ldc);
}

static double gemm_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s,
                         double *C) {
  for (int i = 0; i < g->m * g->ldc + g->ldc; i++) C[i] = C0[i];
  for (int i = 0; i < g->m; i++)
    for (int j = 0; j < g->n; j++) {
      double sum = 0;
      for (int p = 0; p < g->k; p++) {
        double a = g->ta == CblasNoTrans ? A[at(g->layout, i, p, g->lda)] : A[at(g->layout, p, i, g->lda)];
        double b = g->tb == CblasNoTrans ? B[at(g->layout, p, j, g->ldb)] : B[at(g->layout, j, p, g->ldb)];
        sum += a * b;
      }
      double *c = &C[at(g->layout, i, j, g->ldc)];
      *c = s[0] * sum + s[1] * *c;
    }
  return weigh(C, g->m * g->ldc + g->ldc);
}

int main(void) {
  const int m = 3, n = 4, k = 5, pad = 2;
  for (int layout = CblasRowMajor; layout <= CblasColMajor; layout++)
    for (int ta = CblasNoTrans; ta <= CblasTrans; ta++)
      for (int tb = CblasNoTrans; tb <= CblasTrans; tb++) {
        int rowMajor = layout == CblasRowMajor;
        // Rows and columns of A and B as stored, then the leading dimensions with padding.
        int ar = ta == CblasNoTrans ? m : k, ac = ta == CblasNoTrans ? k : m;
        int br = tb == CblasNoTrans ? k : n, bc = tb == CblasNoTrans ? n : k;
        Config g = {.layout = layout, .ta = ta, .tb = tb, .m = m, .n = n, .k = k,
                    .lda = (rowMajor ? ac : ar) + pad, .ldb = (rowMajor ? bc : br) + 1, .ldc = (rowMajor ? n : m) + pad};
        int lA = (rowMajor ? ar : ac) * g.lda, lB = (rowMajor ? br : bc) * g.ldb, lC = m * g.ldc + g.ldc;
        char what[100];
        snprintf(what, sizeof what, "gemm %s %c%c", rowMajor ? "row-major" : "column-major", ta == CblasNoTrans ? 'N' : 'T',
                 tb == CblasNoTrans ? 'N' : 'T');
        CHECK_ROUTINE(what, gemm_blas, gemm_loops, &g, lA, lB, lC, 2, lC);
      }
  return finish();
}
