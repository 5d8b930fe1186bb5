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
// Regression: a constant global table chosen in place of an active pointer (a select between the
// argument and a table of defaults) needs a shadow too, since the select's result has one. Without
// a shadow for the table, the select's shadow was null when the table was chosen, and the callee's
// derivative read or wrote through it. The table's shadow must read as zeros: the defaults carry no
// derivative. Checked with the argument chosen (f = Σx_i²·x_0) and with the table chosen
// (f = Σd_i²·x_0), in both modes, against the hand-derived partials.
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

static const double defaults[4] = {1, 2, 3, 4};

__attribute__((noinline)) double sum_squares(const double *p, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += p[i] * p[i];
  return s;
}

double scaled_norm(double *x, int use_x) {
  const double *src = use_x ? x : defaults;
  return sum_squares(src, 4) * x[0];
}

// The partials for use_x = 1 (the argument chosen: ∂f/∂x_0 = S + 2·x_0², ∂f/∂x_i = 2·x_i·x_0) and
// use_x = 0 (the table chosen: ∂f/∂x_0 = D, the others 0), S = Σx_i², D = Σd_i².
static void partials(double *want, const double *x, int use_x) {
  double sx = 0, sd = 0;
  for (int i = 0; i < 4; i++) sx += x[i] * x[i], sd += defaults[i] * defaults[i];
  for (int i = 0; i < 4; i++)
    want[i] = use_x ? (i == 0 ? sx + 2 * x[0] * x[0] : 2 * x[i] * x[0]) : (i == 0 ? sd : 0);
}

int main(void) {
  char what[96];
  double x[4] = {0.5, 1.5, -2.0, 3.0};
  const double t[4] = {1.0, -0.5, 0.25, 2.0};
  double want[4];

  // Forward mode before and after the gradients: the table's shadow for forward mode stays zero
  // (reverse mode accumulates adjoints into a zero shadow of its own).
  for (int round = 0; round < 2; round++) {
    if (round == 1) {
      for (int k = 0; k < 2; k++) {
        double dx[4] = {0};
        __enzyme_autodiff((void *)scaled_norm, enzyme_dup, x, dx, enzyme_const, k);
      }
    }
  for (int use_x = 1; use_x >= 0; use_x--) {
    partials(want, x, use_x);
    double want_tangent = 0;
    for (int i = 0; i < 4; i++) want_tangent += want[i] * t[i];
    snprintf(what, sizeof what, "round %d use_x=%d forward", round, use_x);
    check_rel(what, __enzyme_fwddiff((void *)scaled_norm, enzyme_dup, x, t, enzyme_const, use_x), want_tangent,
              1e-12);
  }
  }

  // Gradients, the table chosen twice in a row.
  const int choices[3] = {1, 0, 0};
  for (int k = 0; k < 3; k++) {
    int use_x = choices[k];
    partials(want, x, use_x);
    double dx[4] = {0};
    __enzyme_autodiff((void *)scaled_norm, enzyme_dup, x, dx, enzyme_const, use_x);
    for (int i = 0; i < 4; i++) {
      snprintf(what, sizeof what, "call %d use_x=%d reverse dx[%d]", k, use_x, i);
      check_rel(what, dx[i], want[i], 1e-12);
    }
  }
  return finish();
}
