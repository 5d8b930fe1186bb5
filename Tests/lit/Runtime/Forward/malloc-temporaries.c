// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Heap temporaries inside the differentiated function: malloc'd work arrays (and a calloc'd one) get
// shadow allocations, so tangents flow through values stored in them and read back; a realloc'd
// buffer keeps its shadow's contents.
#include "../Inputs/check.h"
#include <stdlib.h>

extern int enzyme_dup, enzyme_const;
extern double __enzyme_fwddiff(void *, ...);

// sum_i (x_i - mean)^2 with the centred values kept in a temporary array.
double variance_sum(const double *x, int n) {
  double *c = malloc(n * sizeof(double));
  double mean = 0;
  for (int i = 0; i < n; i++) mean += x[i];
  mean /= n;
  for (int i = 0; i < n; i++) c[i] = x[i] - mean;
  double s = 0;
  for (int i = 0; i < n; i++) s += c[i] * c[i];
  free(c);
  return s;
}

// Prefix products in a calloc'd array; returns the last one times the first.
double prefix_products(const double *x, int n) {
  double *p = calloc(n + 1, sizeof(double));
  p[0] = 1;
  for (int i = 0; i < n; i++) p[i + 1] = p[i] * x[i];
  double r = p[n] * p[1];
  free(p);
  return r;
}

// A buffer grown by realloc, one element at a time: buf[i] = x^(i+1); returns buf[n-1] = x^n.
double grow(double x, int n) {
  double *buf = malloc(sizeof(double));
  buf[0] = x;
  for (int i = 1; i < n; i++) {
    buf = realloc(buf, (i + 1) * sizeof(double));
    buf[i] = buf[i - 1] * x;
  }
  double r = buf[n - 1];
  free(buf);
  return r;
}

int main(void) {
  enum { N = 5 };
  double x[N] = {1.0, -2.0, 0.5, 3.0, 1.25}, dx[N];
  double mean = 0, prod = 1;
  for (int i = 0; i < N; i++) mean += x[i], prod *= x[i];
  mean /= N;
  for (int j = 0; j < N; j++) {
    for (int i = 0; i < N; i++) dx[i] = i == j;
    char what[64];
    snprintf(what, sizeof what, "d variance_sum / dx[%d]", j);
    check_rel(what, __enzyme_fwddiff((void *)variance_sum, enzyme_dup, x, dx, enzyme_const, N), 2 * (x[j] - mean),
              1e-12);
    // r = x0 * prod(x): dr/dx0 = 2 prod, dr/dxj = x0 * prod / xj
    double want = j == 0 ? 2 * prod : x[0] * prod / x[j];
    snprintf(what, sizeof what, "d prefix_products / dx[%d]", j);
    check_rel(what, __enzyme_fwddiff((void *)prefix_products, enzyme_dup, x, dx, enzyme_const, N), want, 1e-12);
  }
  for (int n = 1; n <= 40; n += 13)
    check_rel("d grow / dx", __enzyme_fwddiff((void *)grow, 1.1, 1.0, enzyme_const, n), n * pow(1.1, n - 1), 1e-12);
  return finish();
}
