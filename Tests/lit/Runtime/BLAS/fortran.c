// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %openblas
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 %openblas
// RUN: %t.O0
// Fortran BLAS (dgemm_, dgemv_, dsyrk_, dtrsm_, ddot_, daxpy_: everything by pointer, options as
// characters, column-major, alpha and beta read from stack slots) and single precision (cblas_sgemm,
// cblas_sgemv, cblas_sdot, sdot_) in both modes; against the double-precision loops of the same
// operations (single precision to 1e-4) and central differences.
#include <cblas.h>
#include "Inputs/blas-check.h"

void dgemm_(const char *, const char *, const int *, const int *, const int *, const double *, const double *,
            const int *, const double *, const int *, const double *, double *, const int *);
void dgemv_(const char *, const int *, const int *, const double *, const double *, const int *, const double *,
            const int *, const double *, double *, const int *);
void dsyrk_(const char *, const char *, const int *, const int *, const double *, const double *, const int *,
            const double *, double *, const int *);
void dtrsm_(const char *, const char *, const char *, const char *, const int *, const int *, const double *,
            const double *, const int *, double *, const int *);
double ddot_(const int *, const double *, const int *, const double *, const int *);
void daxpy_(const int *, const double *, const double *, const int *, double *, const int *);
float sdot_(const int *, const float *, const int *, const float *, const int *);

static const char *letter(int option) {
  switch (option) {
  case CblasNoTrans: return "N";
  case CblasTrans: return "t";  // lower case is accepted too
  case CblasUpper: return "U";
  case CblasLower: return "l";
  case CblasUnit: return "U";
  case CblasNonUnit: return "N";
  case CblasLeft: return "L";
  default: return "R";
  }
}

// C := alpha op(A) op(B) + beta C, then y := C x (gemv) and a dot and an axpy of its result.
static double fortran_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = g->n * g->ldc, one = 1, m = g->m, n = g->n, k = g->k, lda = g->lda, ldb = g->ldb, ldc = g->ldc;
  double alpha = s[0], beta = s[1], zero = 0, two = 2;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  dgemm_(letter(g->ta), letter(g->tb), &m, &n, &k, &alpha, A, &lda, B, &ldb, &beta, C, &ldc);
  double y[8];
  dgemv_("N", &m, &n, &two, C, &ldc, B, &one, &zero, y, &one);
  double r = ddot_(&m, y, &one, y, &one);
  daxpy_(&m, &alpha, y, &one, C, &one);
  return weigh(C, len) + r;
}
static double fortran_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = g->n * g->ldc;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  for (int i = 0; i < g->m; i++)
    for (int j = 0; j < g->n; j++) {
      double sum = 0;
      for (int p = 0; p < g->k; p++)
        sum += (g->ta == CblasNoTrans ? A[i + p * g->lda] : A[p + i * g->lda]) *
               (g->tb == CblasNoTrans ? B[p + j * g->ldb] : B[j + p * g->ldb]);
      C[i + j * g->ldc] = s[0] * sum + s[1] * C[i + j * g->ldc];
    }
  double y[8], r = 0;
  for (int i = 0; i < g->m; i++) {
    y[i] = 0;
    for (int j = 0; j < g->n; j++) y[i] += 2 * C[i + j * g->ldc] * B[j];
    r += y[i] * y[i];
  }
  for (int i = 0; i < g->m; i++) C[i] += s[0] * y[i];
  return weigh(C, len) + r;
}

// C := alpha op(A) op(A)ᵀ + beta C on the lower triangle (dsyrk_), then X := L⁻¹ B with L that
// triangle (dtrsm_, left, lower).
static double fortran_solve_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s,
                                 double *C) {
  int n = g->n, k = g->k, lda = g->lda, ldc = g->ldc, len = n * ldc;
  double alpha = s[0], beta = s[1], unit = 1;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  for (int i = 0; i < n; i++) C[i + i * ldc] += 3;
  dsyrk_("L", letter(g->ta), &n, &k, &alpha, A, &lda, &beta, C, &ldc);
  double X[16];
  for (int i = 0; i < 16; i++) X[i] = B[i];
  dtrsm_("L", "L", "N", "N", &n, &n, &unit, C, &ldc, X, &n);
  return weigh(C, len) + weigh(X, 16);
}
static double fortran_solve_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s,
                                  double *C) {
  int n = g->n, k = g->k, ldc = g->ldc, len = n * ldc;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  for (int i = 0; i < n; i++) C[i + i * ldc] += 3;
  for (int i = 0; i < n; i++)
    for (int j = 0; j <= i; j++) {
      double sum = 0;
      for (int p = 0; p < k; p++)
        sum += g->ta == CblasNoTrans ? A[i + p * g->lda] * A[j + p * g->lda] : A[p + i * g->lda] * A[p + j * g->lda];
      C[i + j * ldc] = s[0] * sum + s[1] * C[i + j * ldc];
    }
  double X[16];
  for (int i = 0; i < 16; i++) X[i] = B[i];
  for (int col = 0; col < n; col++) tri_solve(C, ldc, CblasColMajor, n, 0, 0, 0, X + col * n, 1);
  return weigh(C, len) + weigh(X, 16);
}

// Single precision: the same product and a dot through cblas_sgemm, cblas_sgemv, cblas_sdot and sdot_.
static double single_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  float a[64], b[64], c[64], y[8], x[8];
  int len = g->n * g->ldc, one = 1, m = g->m;
  for (int i = 0; i < 64; i++) { a[i] = (float)A[i]; b[i] = (float)B[i]; c[i] = i < len ? (float)C0[i] : 0; }
  cblas_sgemm(CblasColMajor, g->ta, g->tb, g->m, g->n, g->k, (float)s[0], a, g->lda, b, g->ldb, (float)s[1], c, g->ldc);
  for (int i = 0; i < g->n; i++) x[i] = b[i];
  cblas_sgemv(CblasColMajor, CblasNoTrans, g->m, g->n, 2.0f, c, g->ldc, x, 1, 0.0f, y, 1);
  double r = cblas_sdot(g->m, y, 1, y, 1) + sdot_(&m, y, &one, x, &one);
  for (int i = 0; i < len; i++) C[i] = c[i];
  return weigh(C, len) + r;
}
static double single_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = g->n * g->ldc;
  for (int i = 0; i < len; i++) C[i] = C0[i];
  for (int i = 0; i < g->m; i++)
    for (int j = 0; j < g->n; j++) {
      double sum = 0;
      for (int p = 0; p < g->k; p++)
        sum += (g->ta == CblasNoTrans ? A[i + p * g->lda] : A[p + i * g->lda]) *
               (g->tb == CblasNoTrans ? B[p + j * g->ldb] : B[j + p * g->ldb]);
      C[i + j * g->ldc] = s[0] * sum + s[1] * C[i + j * g->ldc];
    }
  double r = 0;
  for (int i = 0; i < g->m; i++) {
    double y = 0;
    for (int j = 0; j < g->n; j++) y += 2 * C[i + j * g->ldc] * B[j];
    r += y * y + y * B[i];
  }
  return weigh(C, len) + r;
}

int main(void) {
  const int m = 3, n = 4, k = 2;
  char what[100];
  for (int ta = CblasNoTrans; ta <= CblasTrans; ta++)
    for (int tb = CblasNoTrans; tb <= CblasTrans; tb++) {
      Config g = {.layout = CblasColMajor, .ta = ta, .tb = tb, .m = m, .n = n, .k = k,
                  .lda = (ta == CblasNoTrans ? m : k) + 1, .ldb = (tb == CblasNoTrans ? k : n) + 1, .ldc = m + 1};
      int lA = (ta == CblasNoTrans ? k : m) * g.lda, lB = (tb == CblasNoTrans ? n : k) * g.ldb;
      if (lB < n) lB = n;
      snprintf(what, sizeof what, "Fortran dgemm_ %c%c, dgemv_, ddot_, daxpy_", ta == CblasNoTrans ? 'N' : 'T',
               tb == CblasNoTrans ? 'N' : 'T');
      CHECK_ROUTINE(what, fortran_blas, fortran_loops, &g, lA, lB, n * g.ldc, 2, n * g.ldc);
    }
  for (int ta = CblasNoTrans; ta <= CblasTrans; ta++) {
    Config g = {.layout = CblasColMajor, .ta = ta, .n = n, .k = k, .lda = (ta == CblasNoTrans ? n : k) + 1, .ldc = n + 1};
    snprintf(what, sizeof what, "Fortran dsyrk_ L%c, dtrsm_ LLNN", ta == CblasNoTrans ? 'N' : 'T');
    CHECK_ROUTINE(what, fortran_solve_blas, fortran_solve_loops, &g, (ta == CblasNoTrans ? k : n) * g.lda, 16,
                  n * g.ldc, 2, n * g.ldc);
  }
  tolerance = 1e-4, fd_step = 1e-3, fd_tolerance = 2e-3;
  for (int ta = CblasNoTrans; ta <= CblasTrans; ta++)
    for (int tb = CblasNoTrans; tb <= CblasTrans; tb++) {
      Config g = {.layout = CblasColMajor, .ta = ta, .tb = tb, .m = m, .n = n, .k = k,
                  .lda = (ta == CblasNoTrans ? m : k) + 1, .ldb = (tb == CblasNoTrans ? k : n) + 1, .ldc = m + 1};
      int lA = (ta == CblasNoTrans ? k : m) * g.lda, lB = (tb == CblasNoTrans ? n : k) * g.ldb;
      if (lB < n) lB = n;
      snprintf(what, sizeof what, "single precision sgemm %c%c, sgemv, sdot, sdot_", ta == CblasNoTrans ? 'N' : 'T',
               tb == CblasNoTrans ? 'N' : 'T');
      CHECK_ROUTINE(what, single_blas, single_loops, &g, lA, lB, n * g.ldc, 2, n * g.ldc);
    }
  return finish();
}
