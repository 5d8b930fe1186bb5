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
// Regression: an induction variable narrower than 64 bits whose increment may wrap (an 8-bit ring
// index, no nsw/nuw) is not a trip counter. Counting a loop's iterations with it, or rebuilding
// its values from such a count, goes wrong once it passes 255 and starts again at 0. Pinned with
// an 8-bit index that wraps inside a counted loop of 300 iterations (it starts at an argument, so
// that the optimizer cannot fold it into the 32-bit count), and with one that is the only induction
// variable of a loop that stops on the data after more than 256 iterations. Reverse mode is
// compared with the adjoint recurrences worked out by hand, forward mode with the tangent ones.
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

enum { R = 256 };

// s_{c+1} = 0.99·s_c + x[k_c]², k_c = (k0 + c) mod 256 kept in an unsigned char.
double decayed_ring(const double *x, int n, unsigned char k0) {
  double s = 0;
  unsigned char k = k0;
  for (int c = 0; c < n; c++) {
    s = s * 0.99 + x[k] * x[k];
    k += 1;
  }
  return s;
}

// s += x[k]² with an unsigned char k until s reaches T.
double ring_until(const double *x, double T) {
  double s = 0;
  unsigned char k = 0;
  while (s < T) {
    s += x[k] * x[k];
    k++;
  }
  return s;
}

static double x[R], t[R], dx[R];

int main(void) {
  char what[96];
  for (int i = 0; i < R; i++) x[i] = 1.0 + 0.001 * i, t[i] = 0.5 - 0.003 * i;

  // decayed_ring, n = 300, starting at k0 = 0 and at k0 = 200: ∂s/∂x_j = Σ 2·x_j·0.99^(n−1−c) over the
  // c with (k0 + c) mod 256 = j. The weights 0.99^(n−1−c) are built as the adjoint of s builds
  // them: w_{n−1} = 1, w_c = 0.99·w_{c+1}.
  for (int k0 = 0; k0 <= 200; k0 += 200) {
    enum { n = 300 };
    static double weight[n];
    double want[R] = {0};
    weight[n - 1] = 1;
    for (int c = n - 2; c >= 0; c--) weight[c] = 0.99 * weight[c + 1];
    for (int c = 0; c < n; c++) want[(k0 + c) % R] += 2 * x[(k0 + c) % R] * weight[c];
    for (int i = 0; i < R; i++) dx[i] = 0;
    __enzyme_autodiff((void *)decayed_ring, enzyme_dup, x, dx, enzyme_const, n, enzyme_const, (unsigned char)k0);
    for (int i = 0; i < R; i++) {
      snprintf(what, sizeof what, "decayed_ring k0=%d reverse dx[%d]", k0, i);
      check_rel(what, dx[i], want[i], 1e-12);
    }
    // Tangent: ṡ_{c+1} = 0.99·ṡ_c + 2·x[k]·t[k].
    double ds = 0;
    for (int c = 0; c < n; c++) ds = ds * 0.99 + 2 * x[(k0 + c) % R] * t[(k0 + c) % R];
    snprintf(what, sizeof what, "decayed_ring k0=%d forward", k0);
    check_rel(what,
              __enzyme_fwddiff((void *)decayed_ring, enzyme_dup, x, t, enzyme_const, n, enzyme_const,
                               (unsigned char)k0),
              ds, 1e-12);
  }

  // ring_until with every x_i = 1 and T = 299.5: 300 iterations, so x_0..x_43 are used twice and
  // the others once; ∂s/∂x_j = 2·x_j·(uses of j).
  {
    for (int i = 0; i < R; i++) x[i] = 1.0, dx[i] = 0;
    __enzyme_autodiff((void *)ring_until, enzyme_dup, x, dx, enzyme_const, 299.5);
    double ds = 0;
    for (int i = 0; i < R; i++) {
      int uses = i < 300 - R ? 2 : 1;
      ds += 2 * x[i] * t[i] * uses;
      snprintf(what, sizeof what, "ring_until reverse dx[%d]", i);
      check_rel(what, dx[i], 2.0 * uses, 1e-12);
    }
    check_rel("ring_until forward", __enzyme_fwddiff((void *)ring_until, enzyme_dup, x, t, enzyme_const, 299.5), ds,
              1e-12);
  }

  // ring_until with x_i = 1 + i/1024 and T = 700: the stop depends on the data; the number of
  // iterations is found by running the primal loop, and then ∂s/∂x_j = 2·x_j·(uses of j) again.
  {
    const double T = 700;
    for (int i = 0; i < R; i++) x[i] = 1.0 + i / 1024.0, dx[i] = 0;
    int uses[R] = {0}, iterations = 0;
    for (double s = 0; s < T; iterations++) {
      s += x[iterations % R] * x[iterations % R];
      uses[iterations % R]++;
    }
    if (iterations <= R) {
      check_failures++;
      fprintf(stderr, "FAIL ring_until: %d iterations do not wrap the index\n", iterations);
    }
    __enzyme_autodiff((void *)ring_until, enzyme_dup, x, dx, enzyme_const, T);
    double ds = 0;
    for (int i = 0; i < R; i++) {
      ds += 2 * x[i] * t[i] * uses[i];
      snprintf(what, sizeof what, "ring_until (%d iterations) reverse dx[%d]", iterations, i);
      check_rel(what, dx[i], 2 * x[i] * uses[i], 1e-12);
    }
    snprintf(what, sizeof what, "ring_until (%d iterations) forward", iterations);
    check_rel(what, __enzyme_fwddiff((void *)ring_until, enzyme_dup, x, t, enzyme_const, T), ds, 1e-12);
  }
  return finish();
}
