// A pointer that is the duplicated x or the enzyme_const w depending on a flag: as a select
// (`flag ? x : w`), as a phi (an if/else around a call the optimizer keeps), and as a loop-carried
// phi that alternates between the two. Its shadow is x's shadow when it points to x and one that
// contributes nothing (and is never written into w) when it points to w, for both flag values, in
// both modes.
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

volatile int branch_count = 0;
__attribute__((noinline)) static void note(int k) { branch_count += k; }

// Σ p_i²
__attribute__((noinline)) static double sum_sq(const double *p, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += p[i] * p[i];
  return s;
}

// sum_sq(flag ? x : w) + x_0
double with_select(double *x, const double *w, int n, int flag) {
  const double *p = flag ? x : w;
  return sum_sq(p, n) + x[0];
}

// The same through a phi: the calls in each branch keep the optimizer from making it a select.
double with_phi(double *x, const double *w, int n, int flag) {
  const double *p;
  if (flag) {
    p = x;
    note(1);
  } else {
    p = w;
    note(2);
  }
  return sum_sq(p, n) + x[0];
}

// The select read directly, without a helper: p_0 sin(p_1) + x_0.
double select_inline(double *x, const double *w, int n, int flag) {
  const double *p = flag ? x : w;
  return p[0] * sin(p[1]) + x[0];
}

// Σ_{k<rounds} (k + 1) sum_sq(p_k), p_0 = w, p_1 = x, p_2 = w, …: a loop-carried pointer that
// alternates between the constant and the active array.
double alternating(double *x, const double *w, int n, int rounds) {
  const double *p = w;
  double s = 0;
  for (int k = 0; k < rounds; k++) {
    s += (k + 1) * sum_sq(p, n);
    p = p == w ? x : w;
  }
  return s;
}

int main(void) {
  double x[3] = {0.5, 1.5, -2}, w[3] = {1, 2, 3}, t[3] = {1, -0.5, 2};
  const double w_saved[3] = {1, 2, 3};
  char what[64];

// Gradient and tangent of fn(x, w, 3, arg) against want_i (an expression in i).
#define CHECK_FUNCTION(fn, arg, want_i)                                                           \
  do {                                                                                            \
    double dx[3] = {0}, want_t = 0;                                                               \
    __enzyme_autodiff((void *)fn, enzyme_dup, x, dx, enzyme_const, w, enzyme_const, 3, enzyme_const, arg); \
    for (int i = 0; i < 3; i++) {                                                                 \
      double want = (want_i);                                                                     \
      snprintf(what, sizeof what, "%s(%d) dx[%d]", #fn, arg, i);                                  \
      check_rel(what, dx[i], want, 1e-13);                                                        \
      want_t += want * t[i];                                                                      \
    }                                                                                             \
    double tan = __enzyme_fwddiff((void *)fn, enzyme_dup, x, t, enzyme_const, w, enzyme_const, 3, enzyme_const, arg); \
    snprintf(what, sizeof what, "%s(%d) tangent", #fn, arg);                                      \
    check_rel(what, tan, want_t, 1e-13);                                                          \
  } while (0)

  for (int flag = 0; flag <= 1; flag++) {
    CHECK_FUNCTION(with_select, flag, (flag ? 2 * x[i] : 0) + (i == 0));
    CHECK_FUNCTION(with_phi, flag, (flag ? 2 * x[i] : 0) + (i == 0));
    CHECK_FUNCTION(select_inline, flag,
                   (i == 0) + (flag ? (i == 0 ? sin(x[1]) : i == 1 ? x[0] * cos(x[1]) : 0) : 0));
  }
  // rounds 1: only w; 2: 2 x; 4: (2 + 4) x; 5: same, the last round on w again.
  CHECK_FUNCTION(alternating, 1, 0.0);
  CHECK_FUNCTION(alternating, 2, 2 * 2 * x[i]);
  CHECK_FUNCTION(alternating, 4, 6 * 2 * x[i]);
  CHECK_FUNCTION(alternating, 5, 6 * 2 * x[i]);

  for (int i = 0; i < 3; i++) {
    snprintf(what, sizeof what, "w[%d] unchanged", i);
    check_exact(what, w[i], w_saved[i]);
  }
  return finish();
}
