// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Loops that walk a pointer (a pointer phi): the shadow pointer walks with it.
#include "../Inputs/check.h"

extern int enzyme_const;
extern double __enzyme_fwddiff(void *, ...);
extern void __enzyme_fwddiff_void(void *, ...);

double sum_squares(const double *p, const double *end) {
  double s = 0;
  while (p < end) {
    s += *p * *p;
    p++;
  }
  return s;
}

// Writes out[i] = in[i] * in[n-1-i] walking two pointers towards each other.
void mirror_product(const double *in, double *out, int n) {
  const double *lo = in, *hi = in + n - 1;
  while (n-- > 0) *out++ = *lo++ * *hi--;
}

int main(void) {
  double a[5] = {1.0, -2.0, 0.5, 3.0, 1.5}, da[5] = {0.5, 1.0, 0.0, -1.0, 2.0};
  double want = 0;
  for (int i = 0; i < 5; i++) want += 2 * a[i] * da[i];
  check_rel("d sum_squares", __enzyme_fwddiff((void *)sum_squares, a, da, enzyme_const, a + 5), want, 1e-12);

  double out[5], dout[5];
  __enzyme_fwddiff_void((void *)mirror_product, a, da, out, dout, 5);
  for (int i = 0; i < 5; i++) {
    check_rel("mirror primal", out[i], a[i] * a[4 - i], 1e-12);
    check_rel("mirror tangent", dout[i], da[i] * a[4 - i] + a[i] * da[4 - i], 1e-12);
  }
  return finish();
}
