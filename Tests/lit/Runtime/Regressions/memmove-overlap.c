// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %swad-opt -O0 %t.bc -o %t.O0.bc
// RUN: %clang %t.O0.bc -o %t.O0 -lm
// RUN: %t.O0
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// RUN: %swad-opt -O0 %t.O0in.bc -o %t.O0in.O0.bc
// RUN: %clang %t.O0in.O0.bc -o %t.O0in.O0 -lm
// RUN: %t.O0in.O0
// Regression: the adjoint of a memmove whose source and destination overlap. Moving adjoints back
// from the destination to the source element by element must go in the order that never picks up
// an adjoint already moved: from the top when the destination lies below the source, from the
// bottom when it lies above. In the wrong order an adjoint travels several places and ends up in
// the wrong element. Pinned with shifts of a local copy of x by one and by two places in both
// directions, done in a callee so that the memmove stays a memmove. The expected gradient is the
// weight of each x_i, found by applying the same shift to the indices by hand.
#include <string.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

enum { N = 6 };

// a[0 .. n−k) = a[k .. n): the destination lies below the source.
__attribute__((noinline)) void shift_down(double *a, int n, int k) { memmove(a, a + k, (n - k) * sizeof(double)); }
// a[k .. n) = a[0 .. n−k): the destination lies above the source.
__attribute__((noinline)) void shift_up(double *a, int n, int k) { memmove(a + k, a, (n - k) * sizeof(double)); }

// s = Σ (i + 1)·w_i, w = x shifted down by k.
double weighted_down(const double *x, int n, int k) {
  double w[8];
  memcpy(w, x, n * sizeof(double));
  shift_down(w, n, k);
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * w[i];
  return s;
}

// s = Σ (i + 1)·w_i, w = x shifted up by k.
double weighted_up(const double *x, int n, int k) {
  double w[8];
  memcpy(w, x, n * sizeof(double));
  shift_up(w, n, k);
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * w[i];
  return s;
}

// Which x each w_i holds after the shift: the shift applied to the indices.
static void shifted_indices(int *from, int n, int k, int down) {
  for (int i = 0; i < n; i++) from[i] = i;
  if (down)
    for (int i = 0; i + k < n; i++) from[i] = from[i + k];
  else
    for (int i = n - 1; i >= k; i--) from[i] = from[i - k];
}

static void check(const char *name, int down, int k, const double *dx, double tangent, const double *t) {
  char what[96];
  int from[N];
  shifted_indices(from, N, k, down);
  double want[N] = {0}, want_tangent = 0;
  for (int i = 0; i < N; i++) {
    want[from[i]] += i + 1;
    want_tangent += (i + 1) * t[from[i]];
  }
  for (int i = 0; i < N; i++) {
    snprintf(what, sizeof what, "%s k=%d reverse dx[%d]", name, k, i);
    check_rel(what, dx[i], want[i], 1e-12);
  }
  snprintf(what, sizeof what, "%s k=%d forward", name, k);
  check_rel(what, tangent, want_tangent, 1e-12);
}

int main(void) {
  const double x[N] = {1.5, -0.25, 2.0, 3.75, -1.125, 0.5}, t[N] = {0.5, 1.0, -2.0, 0.25, 3.0, -1.5};
  for (int k = 1; k <= 2; k++) {
    double dx[N] = {0};
    __enzyme_autodiff((void *)weighted_down, enzyme_dup, x, dx, enzyme_const, N, enzyme_const, k);
    double tangent = __enzyme_fwddiff((void *)weighted_down, enzyme_dup, x, t, enzyme_const, N, enzyme_const, k);
    check("shift down", 1, k, dx, tangent, t);

    double dy[N] = {0};
    __enzyme_autodiff((void *)weighted_up, enzyme_dup, x, dy, enzyme_const, N, enzyme_const, k);
    tangent = __enzyme_fwddiff((void *)weighted_up, enzyme_dup, x, t, enzyme_const, N, enzyme_const, k);
    check("shift up", 0, k, dy, tangent, t);
  }
  return finish();
}
