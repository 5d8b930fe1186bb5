// Pointers marked enzyme_const (a weight array, an index array used to gather x[idx[i]]) and global
// tables (a const one and a mutable one the code only reads) have no shadow: reading them gives
// inactive values, the gradient and tangent of the duplicated x are exact, and the constant memory
// is left untouched by the reverse sweep. At -O0 every local (the loop counter, the sum, the
// pointers themselves) lives in a stack slot, which used to lose the distinction.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
#include <string.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

#define N 4

static const double coef[N] = {1.5, -0.5, 2.0, 0.25};
double scale[N] = {3.0, 1.0, -2.0, 0.5};  // mutable, never written: read as an inactive table

// Σ w_i x_i², the draft's minimal case.
double weighted_squares(const double *w, double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += w[i] * x[i] * x[i];
  return s;
}

// Σ_i coef_i w_i x[idx_i]² + scale_i x_i w[idx_i]: a gather through a constant index array, and a
// constant array indexed by it.
double gather(const double *w, double *x, const int *idx, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    double g = x[idx[i]];
    s += coef[i] * w[i] * g * g + scale[i] * x[i] * w[idx[i]];
  }
  return s;
}

// The constant array copied into a local buffer first, then mixed with x in a local array.
double through_locals(const double *w, double *x, int n) {
  double wl[N], prod[N];
  memcpy(wl, w, sizeof wl);
  for (int i = 0; i < n; i++) prod[i] = wl[i] * sin(x[i]);
  double s = 0;
  for (int i = 0; i < n; i++) s += prod[i] * wl[(i + 1) % n];
  return s;
}

int main(void) {
  double x[N] = {0.5, -1.25, 2.0, 0.75}, w[N] = {1.0, 2.0, 3.0, -1.5}, t[N] = {1.0, 0.5, -2.0, 0.25};
  const int idx[N] = {2, 0, 2, 3};  // x[1] is never gathered, x[2] twice
  double w_saved[N];
  memcpy(w_saved, w, sizeof w);
  char what[64];

  // weighted_squares
  {
    double dx[N] = {0}, want_t = 0;
    __enzyme_autodiff((void *)weighted_squares, enzyme_const, w, enzyme_dup, x, dx, enzyme_const, N);
    for (int i = 0; i < N; i++) {
      snprintf(what, sizeof what, "weighted_squares dx[%d]", i);
      check_rel(what, dx[i], 2 * w[i] * x[i], 1e-13);
      want_t += 2 * w[i] * x[i] * t[i];
    }
    double tan = __enzyme_fwddiff((void *)weighted_squares, enzyme_const, w, enzyme_dup, x, t, enzyme_const, N);
    check_rel("weighted_squares tangent", tan, want_t, 1e-13);
  }

  // gather
  {
    double dx[N] = {0}, want[N] = {0}, want_t = 0;
    for (int i = 0; i < N; i++) {
      want[idx[i]] += 2 * coef[i] * w[i] * x[idx[i]];
      want[i] += scale[i] * w[idx[i]];
    }
    __enzyme_autodiff((void *)gather, enzyme_const, w, enzyme_dup, x, dx, enzyme_const, idx, enzyme_const, N);
    for (int i = 0; i < N; i++) {
      snprintf(what, sizeof what, "gather dx[%d]", i);
      check_rel(what, dx[i], want[i], 1e-13);
      want_t += want[i] * t[i];
    }
    double tan = __enzyme_fwddiff((void *)gather, enzyme_const, w, enzyme_dup, x, t, enzyme_const, idx, enzyme_const, N);
    check_rel("gather tangent", tan, want_t, 1e-13);
  }

  // through_locals
  {
    double dx[N] = {0}, want_t = 0;
    __enzyme_autodiff((void *)through_locals, enzyme_const, w, enzyme_dup, x, dx, enzyme_const, N);
    for (int i = 0; i < N; i++) {
      double want = w[i] * cos(x[i]) * w[(i + 1) % N];
      snprintf(what, sizeof what, "through_locals dx[%d]", i);
      check_rel(what, dx[i], want, 1e-13);
      want_t += want * t[i];
    }
    double tan = __enzyme_fwddiff((void *)through_locals, enzyme_const, w, enzyme_dup, x, t, enzyme_const, N);
    check_rel("through_locals tangent", tan, want_t, 1e-13);
  }

  // The constant inputs and tables are unchanged.
  static const double coef_saved[N] = {1.5, -0.5, 2.0, 0.25}, scale_saved[N] = {3.0, 1.0, -2.0, 0.5};
  for (int i = 0; i < N; i++) {
    snprintf(what, sizeof what, "w[%d] unchanged", i);
    check_exact(what, w[i], w_saved[i]);
    snprintf(what, sizeof what, "coef[%d] unchanged", i);
    check_exact(what, coef[i], coef_saved[i]);
    snprintf(what, sizeof what, "scale[%d] unchanged", i);
    check_exact(what, scale[i], scale_saved[i]);
  }
  return finish();
}
