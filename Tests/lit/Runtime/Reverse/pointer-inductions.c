// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// RUN: %swad-opt %t.bc --remarks -o /dev/null 2>%t.remarks
// RUN: FileCheck %s --check-prefix=REMARKS < %t.remarks
// RUN: not grep -E '(squares|backwards|records|temporary): the tape keeps .* each time' %t.remarks
// Loops counted by a pointer alone (`for (p = begin; p != end; p++)`, as C++ iterators and Eigen's
// linear traversals are compiled): the reverse sweep steps the pointer back, and its shadow with it,
// instead of keeping both every iteration (SwadAD/Reverse/Gradient+Loops.swift, Counter). Forward
// over doubles, backward, over records of three doubles, nested, with an integer beside the
// pointer, and over a heap temporary whose shadow is written through the pointer; the gradients
// against hand-derived ones.
#include <stdlib.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern int enzyme_dup, enzyme_const;

// Σ x² over [x, x + n).
__attribute__((noinline)) double squares(double *x, long n) {
  double s = 0;
  for (double *p = x, *end = x + n; p != end; p++) s += *p * *p;
  return s;
}

// Σ_k x[k] w^(n-1-k) by Horner from the end backwards... from the last element down: s = s·w + x[k].
__attribute__((noinline)) double backwards(double *x, long n, double w) {
  double s = 0;
  for (double *p = x + n; p != x;) {
    p--;
    s = s * w + *p * *p;
  }
  return s;
}

struct point {
  double x, y, z;
};

// Σ (x y + z²) over records of three doubles (the pointer steps by 24 bytes).
__attribute__((noinline)) double records(struct point *points, long n) {
  double s = 0;
  for (struct point *p = points, *end = points + n; p != end; ++p) s += p->x * p->y + p->z * p->z;
  return s;
}

// Σ_i Σ_j a[i·m + j] · a[i·m + j] · (i + 1): rows by pointer, an integer beside it.
__attribute__((noinline)) double nested(double *a, long n, long m) {
  double s = 0;
  long i = 0;
  for (double *row = a, *last = a + n * m; row != last; row += m, i++)
    for (double *p = row; p != row + m; p++) s += *p * *p * (double)(i + 1);
  return s;
}

// t = sin(x) into a heap temporary through a pointer, then Σ t[k] t[n-1-k] through two pointers.
__attribute__((noinline)) double temporary(double *x, long n) {
  double *t = malloc(n * sizeof(double));
  double *q = t;
  for (double *p = x; p != x + n; p++, q++) *q = sin(*p);
  double s = 0;
  double *back = t + n;
  for (double *p = t; p != t + n; p++) s += *p * *--back;
  free(t);
  return s;
}

int main(void) {
  enum { N = 37, M = 5 };
  double x[N], dx[N];
  for (int k = 0; k < N; k++) x[k] = 0.3 + 0.05 * k - 0.002 * k * k;

  for (int k = 0; k < N; k++) dx[k] = 0;
  __enzyme_autodiff((void *)squares, enzyme_dup, x, dx, enzyme_const, (long)N);
  for (int k = 0; k < N; k++) check_rel("squares", dx[k], 2 * x[k], 1e-15);

  double w = 0.9;
  for (int k = 0; k < N; k++) dx[k] = 0;
  __enzyme_autodiff((void *)backwards, enzyme_dup, x, dx, enzyme_const, (long)N, enzyme_const, w);
  // The element at index k is added when k elements remain below it: s gets multiplied k more times.
  for (int k = 0; k < N; k++) check_rel("backwards", dx[k], 2 * x[k] * pow(w, k), 1e-13);

  struct point points[N], dpoints[N];
  for (int k = 0; k < N; k++) points[k] = (struct point){x[k], 1 - x[k], 0.5 * x[k]}, dpoints[k] = (struct point){0, 0, 0};
  __enzyme_autodiff((void *)records, enzyme_dup, points, dpoints, enzyme_const, (long)N);
  for (int k = 0; k < N; k++) {
    check_rel("records x", dpoints[k].x, points[k].y, 1e-15);
    check_rel("records y", dpoints[k].y, points[k].x, 1e-15);
    check_rel("records z", dpoints[k].z, 2 * points[k].z, 1e-15);
  }

  double a[N / M * M], da[N / M * M];
  long rows = N / M;
  for (int k = 0; k < rows * M; k++) a[k] = x[k], da[k] = 0;
  __enzyme_autodiff((void *)nested, enzyme_dup, a, da, enzyme_const, rows, enzyme_const, (long)M);
  for (int k = 0; k < rows * M; k++) check_rel("nested", da[k], 2 * a[k] * (double)(k / M + 1), 1e-15);

  for (int k = 0; k < N; k++) dx[k] = 0;
  __enzyme_autodiff((void *)temporary, enzyme_dup, x, dx, enzyme_const, (long)N);
  for (int k = 0; k < N; k++) check_rel("temporary", dx[k], 2 * cos(x[k]) * sin(x[N - 1 - k]), 1e-14);
  return finish();
}

// The pointers and their shadows are stepped back, not kept (and no single-loop function keeps
// anything each iteration: the grep above):
// REMARKS: remark: squares: stepped back by the reverse sweep's loop counters instead of kept: %{{[0-9]+}} (phi), the shadow of %{{[0-9]+}} (phi)
// REMARKS: remark: backwards: stepped back by the reverse sweep's loop counters instead of kept: %{{[0-9]+}} (phi), the shadow of %{{[0-9]+}} (phi)
// REMARKS: remark: records: stepped back by the reverse sweep's loop counters instead of kept: %{{[0-9]+}} (phi), the shadow of %{{[0-9]+}} (phi)
// In the nested loops, the integer counts the outer loop and the row pointer is stepped back with it.
// REMARKS: remark: nested: stepped back by the reverse sweep's loop counters instead of kept: %{{[0-9]+}} (phi), the shadow of %{{[0-9]+}} (phi), %{{[0-9]+}} (phi)
// REMARKS: remark: temporary: stepped back by the reverse sweep's loop counters instead of kept: {{.*}}the shadow of %{{[0-9]+}} (phi)
