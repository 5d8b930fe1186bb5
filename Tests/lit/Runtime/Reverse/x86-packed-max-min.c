// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// SSE2's packed maximum and minimum (`_mm_max_pd`, `_mm_min_pd`, C code vectorized by hand, as
// a clamp of a ReLU-like activation), both modes, against derivatives by hand, with lanes on both
// sides of each comparison. Before, the intrinsics were an error.
#include <emmintrin.h>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

enum { N = 8 };

/* sum_i min(max(x_i, 0.5 x_i^2), 2)^2, two lanes at a time. */
__attribute__((noinline)) double clamped(const double *x) {
  __m128d total = _mm_setzero_pd();
  for (int i = 0; i < N; i += 2) {
    __m128d v = _mm_loadu_pd(x + i);
    __m128d h = _mm_mul_pd(_mm_set1_pd(0.5), _mm_mul_pd(v, v));
    __m128d c = _mm_min_pd(_mm_max_pd(v, h), _mm_set1_pd(2.0));
    total = _mm_add_pd(total, _mm_mul_pd(c, c));
  }
  double lanes[2];
  _mm_storeu_pd(lanes, total);
  return lanes[0] + lanes[1];
}

static double by_hand(double x) {
  double h = 0.5 * x * x, m = x > h ? x : h, dm = x > h ? 1 : x;
  return m < 2.0 ? 2 * m * dm : 0;
}

int main(void) {
  double x[N] = {0.3, 1.5, 2.5, -0.7, 1.9, 3.2, -2.4, 1.1}, dx[N] = {0};
  __enzyme_autodiff((void *)clamped, enzyme_dup, x, dx);
  for (int i = 0; i < N; i++) {
    check_rel("reverse", dx[i], by_hand(x[i]), 1e-15);
    double v[N] = {0};
    v[i] = 1;
    check_rel("forward", __enzyme_fwddiff((void *)clamped, enzyme_dup, x, v), by_hand(x[i]), 1e-15);
  }
  return finish();
}
