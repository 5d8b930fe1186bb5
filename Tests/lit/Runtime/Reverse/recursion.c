// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Recursive functions: each level's augmented call pushes its record after its callee's, and the
// reverse calls pop them in the opposite order. A power by repeated squaring (depth log n, two
// kinds of step), a recursive sum over an array (with an enzyme_dup shadow), and mutual recursion.
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern void __enzyme_autodiff_v(void *, ...);
extern int enzyme_const, enzyme_out, enzyme_dup;

double power(double x, int n) {
  if (n == 0) return 1.0;
  double half = power(x, n / 2);
  if (n % 2) return half * half * x;
  return half * half;
}

// Σ sin(a[i]) · i over a[0..n) by halving.
double rec_sum(const double *a, int lo, int hi) {
  if (hi - lo == 1) return sin(a[lo]) * lo;
  if (hi <= lo) return 0;
  int mid = lo + (hi - lo) / 2;
  return rec_sum(a, lo, mid) + rec_sum(a, mid, hi);
}

double odd_chain(double x, int n);
// even_chain(x, n) = n == 0 ? x : odd_chain(x*x..., n-1): a mutual recursion of two defined functions.
double even_chain(double x, int n) { return n == 0 ? x : odd_chain(sin(x) + x, n - 1); }
double odd_chain(double x, int n) { return n == 0 ? x : even_chain(x * 0.5 + 0.1 * x * x, n - 1); }

static double chain_derivative(double x, int n, int even) {
  double d = 1;
  for (; n > 0; n--, even = !even) {
    if (even) {
      d *= cos(x) + 1;
      x = sin(x) + x;
    } else {
      d *= 0.5 + 0.2 * x;
      x = x * 0.5 + 0.1 * x * x;
    }
  }
  return d;
}

int main(void) {
  char what[96];
  const double xs[] = {-1.3, 0.5, 0.999, 1.7};
  for (unsigned t = 0; t < sizeof xs / sizeof xs[0]; t++)
    for (int n = 0; n <= 33; n += 3) {
      double x = xs[t];
      double d = __enzyme_autodiff((void *)power, enzyme_out, x, enzyme_const, n);
      snprintf(what, sizeof what, "power'(%g, %d)", x, n);
      check_rel(what, d, n == 0 ? 0.0 : n * pow(x, n - 1), 1e-12);
    }

  enum { N = 23 };
  double a[N], da[N];
  rng_fill(a, N);
  for (int n = 0; n <= N; n += 5) {
    for (int i = 0; i < N; i++) da[i] = 1.0;
    __enzyme_autodiff_v((void *)rec_sum, enzyme_dup, a, da, enzyme_const, 0, enzyme_const, n);
    for (int i = 0; i < N; i++) {
      snprintf(what, sizeof what, "rec_sum n=%d da[%d]", n, i);
      check_rel(what, da[i], i < n ? 1.0 + cos(a[i]) * i : 1.0, 1e-12);
    }
  }

  for (unsigned t = 0; t < sizeof xs / sizeof xs[0]; t++)
    for (int n = 0; n <= 12; n++) {
      double x = xs[t] * 0.5;
      double d = __enzyme_autodiff((void *)even_chain, enzyme_out, x, enzyme_const, n);
      snprintf(what, sizeof what, "even_chain'(%g, %d)", x, n);
      check_rel(what, d, chain_derivative(x, n, 1), 1e-12);
    }
  return finish();
}
