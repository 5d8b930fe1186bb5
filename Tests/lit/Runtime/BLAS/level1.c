// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %openblas
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 %openblas
// RUN: %t.O0
// The level-1 routines (ddot, daxpy, dscal, dnrm2, dcopy) in both modes, with unit, wider and
// negative increments (scal and nrm2 ignore those, as BLAS does) and alpha active; against loops
// and central differences.
#include <cblas.h>
#include "Inputs/blas-check.h"

// Element i of a vector with increment inc (BLAS walks a negative increment from the far end).
static int el(int i, int n, int inc) { return inc > 0 ? i * inc : (n - 1 - i) * -inc; }
static int span(int n, int inc) { return (n - 1) * abs(inc) + 1; }

// A = x, B = y, s[0] = alpha; C (work) receives y.
static double dot_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  double r = cblas_ddot(g->n, A, g->incx, B, g->incy);
  return r * r + 0.3 * r;
}
static double dot_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  double r = 0;
  for (int i = 0; i < g->n; i++) r += A[el(i, g->n, g->incx)] * B[el(i, g->n, g->incy)];
  return r * r + 0.3 * r;
}

static double axpy_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = span(g->n, g->incy);
  for (int i = 0; i < len; i++) C[i] = B[i];
  cblas_daxpy(g->n, s[0], A, g->incx, C, g->incy);
  return weigh(C, len);
}
static double axpy_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = span(g->n, g->incy);
  for (int i = 0; i < len; i++) C[i] = B[i];
  for (int i = 0; i < g->n; i++) C[el(i, g->n, g->incy)] += s[0] * A[el(i, g->n, g->incx)];
  return weigh(C, len);
}

static double scal_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = span(g->n, g->incx);
  for (int i = 0; i < len; i++) C[i] = A[i];
  cblas_dscal(g->n, s[0], C, g->incx);
  return weigh(C, len);
}
static double scal_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = span(g->n, g->incx);
  for (int i = 0; i < len; i++) C[i] = A[i];
  // BLAS's scal does nothing for an increment below 1.
  if (g->incx > 0)
    for (int i = 0; i < g->n; i++) C[el(i, g->n, g->incx)] *= s[0];
  return weigh(C, len);
}

static double nrm2_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  double r = cblas_dnrm2(g->n, A, g->incx);
  return r * r * r + r;
}
static double nrm2_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  // BLAS's nrm2 is 0 for an increment below 1.
  double sum = 0;
  if (g->incx > 0)
    for (int i = 0; i < g->n; i++) sum += A[el(i, g->n, g->incx)] * A[el(i, g->n, g->incx)];
  double r = sqrt(sum);
  return r * r * r + r;
}

static double copy_blas(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = span(g->n, g->incy);
  for (int i = 0; i < len; i++) C[i] = B[i];
  cblas_dcopy(g->n, A, g->incx, C, g->incy);
  return weigh(C, len);
}
static double copy_loops(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C) {
  int len = span(g->n, g->incy);
  for (int i = 0; i < len; i++) C[i] = B[i];
  for (int i = 0; i < g->n; i++) C[el(i, g->n, g->incy)] = A[el(i, g->n, g->incx)];
  return weigh(C, len);
}

int main(void) {
  const int n = 5;
  const int incs[][2] = {{1, 1}, {2, 3}, {-1, 2}, {3, -2}};
  for (unsigned c = 0; c < sizeof incs / sizeof incs[0]; c++) {
    Config g = {.n = n, .incx = incs[c][0], .incy = incs[c][1]};
    int lx = span(n, g.incx), ly = span(n, g.incy);
    char what[100];
    snprintf(what, sizeof what, "incx %d incy %d: ", g.incx, g.incy);
    CHECK_ROUTINE(tag(what, "dot"), dot_blas, dot_loops, &g, lx, ly, 1, 1, 1);
    CHECK_ROUTINE(tag(what, "axpy"), axpy_blas, axpy_loops, &g, lx, ly, 1, 1, ly);
    CHECK_ROUTINE(tag(what, "scal"), scal_blas, scal_loops, &g, lx, 1, 1, 1, lx);
    CHECK_ROUTINE(tag(what, "nrm2"), nrm2_blas, nrm2_loops, &g, lx, 1, 1, 1, 1);
    CHECK_ROUTINE(tag(what, "copy"), copy_blas, copy_loops, &g, lx, ly, 1, 1, ly);
  }
  return finish();
}
