// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// enzyme_strong_zero, both modes, batched too, through a callee the optimizer keeps out of line: a
// term whose weight is 0 evaluates pow(x, 0.5) at x = 0, where the partial is infinite. IEEE
// arithmetic, and swad without the flag (as Enzyme), give 0 · ∞ = NaN for that input's derivative:
// in reverse mode the term's adjoint 0 times pow's partial ∞, in forward mode the weight 0 times
// pow's tangent ∞. With the flag a derivative term is 0 where its seed or its partial is, so the
// derivative is the one of the terms that count.
// enzyme_runtime_activity is accepted and changes nothing (swad checks at run time where a shadow
// may be its primal anyway).
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const, enzyme_width, enzyme_strong_zero, enzyme_runtime_activity;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);
typedef struct {
  double d[2];
} Pair;
Pair __enzyme_fwddiff_pair(void *, ...);

enum { N = 4 };

__attribute__((noinline)) static double root_term(double x, double w) { return w * pow(x, 0.5); }

// Σ wᵢ √xᵢ + xᵢ²: ∂/∂xᵢ = wᵢ / (2√xᵢ) + 2xᵢ, and 2xᵢ where wᵢ = 0.
__attribute__((noinline)) double weighted(const double *x, const double *w, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += root_term(x[i], w[i]) + x[i] * x[i];
  return s;
}

// √x · y: along (ẋ, ẏ) = (0, 1) the tangent is √x, 0 at x = 0.
__attribute__((noinline)) double product(double x, double y) { return pow(x, 0.5) * y; }

int main(void) {
  double x[N] = {4.0, 0.0, 9.0, 0.25}, w[N] = {1.0, 0.0, 2.0, 0.0};
  double want[N];
  for (int i = 0; i < N; i++) want[i] = (w[i] != 0 ? w[i] / (2 * sqrt(x[i])) : 0) + 2 * x[i];

  double strong[N] = {0}, plain[N] = {0}, runtime[N] = {0};
  __enzyme_autodiff((void *)weighted, enzyme_strong_zero, enzyme_dup, x, strong, enzyme_const, w, enzyme_const, N);
  __enzyme_autodiff((void *)weighted, enzyme_dup, x, plain, enzyme_const, w, enzyme_const, N);
  __enzyme_autodiff((void *)weighted, enzyme_runtime_activity, enzyme_strong_zero, enzyme_dup, x, runtime,
                    enzyme_const, w, enzyme_const, N);
  for (int i = 0; i < N; i++) {
    check_rel("reverse, strong zero", strong[i], want[i], 1e-15);
    check_rel("reverse, runtime activity and strong zero", runtime[i], want[i], 1e-15);
    if (i != 1) check_rel("reverse, without the flag", plain[i], want[i], 1e-15);
  }
  check_exact("reverse, without the flag: 0 · inf at x = 0", isnan(plain[1]), 1);

  // Batched: two adjoint lanes, each seeded with 1.
  double lane0[N] = {0}, lane1[N] = {0};
  __enzyme_autodiff((void *)weighted, enzyme_strong_zero, enzyme_width, 2, enzyme_dup, x, lane0, lane1,
                    enzyme_const, w, enzyme_const, N);
  for (int i = 0; i < N; i++) {
    check_rel("batched reverse, lane 0", lane0[i], want[i], 1e-15);
    check_rel("batched reverse, lane 1", lane1[i], want[i], 1e-15);
  }

  // Forward mode along each axis, and along two axes at once (enzyme_width 2).
  for (int i = 0; i < N; i++) {
    double v[N] = {0};
    v[i] = 1;
    double t = __enzyme_fwddiff((void *)weighted, enzyme_strong_zero, enzyme_dup, x, v, enzyme_const, w, enzyme_const, N);
    check_rel("forward, strong zero", t, want[i], 1e-15);
    if (i == 1) {
      double t_plain = __enzyme_fwddiff((void *)weighted, enzyme_dup, x, v, enzyme_const, w, enzyme_const, N);
      check_exact("forward, without the flag: 0 · inf at x = 0", isnan(t_plain), 1);
    }
  }
  double e1[N] = {0, 1, 0, 0}, e3[N] = {0, 0, 0, 1};
  Pair both = __enzyme_fwddiff_pair((void *)weighted, enzyme_width, 2, enzyme_strong_zero, enzyme_dup, x, e1, e3,
                                    enzyme_const, w, enzyme_const, N);
  check_rel("batched forward, lane 0", both.d[0], want[1], 1e-15);
  check_rel("batched forward, lane 1", both.d[1], want[3], 1e-15);

  double t_strong = __enzyme_fwddiff((void *)product, enzyme_strong_zero, 0.0, 0.0, 3.0, 1.0);
  double t_plain = __enzyme_fwddiff((void *)product, 0.0, 0.0, 3.0, 1.0);
  double t_away = __enzyme_fwddiff((void *)product, enzyme_strong_zero, 4.0, 0.5, 3.0, 1.0);
  check_exact("forward, strong zero", t_strong, 0.0);
  check_exact("forward, without the flag: 0 · inf at x = 0", isnan(t_plain), 1);
  check_rel("forward, strong zero away from 0", t_away, 0.5 * 3.0 / (2 * 2.0) + 2.0, 1e-15);
  return finish();
}
