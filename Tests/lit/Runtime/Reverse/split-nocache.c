// enzyme_nocache before an argument promises that it does not change between __enzyme_augmentfwd
// and __enzyme_reverse (Enzyme's per-argument "no cache"). swad accepts it as the hint it is: it
// saves what the reverse sweep needs either way, so the gradient is the same with and without it.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include <math.h>
#include "../Inputs/check.h"

extern void *__enzyme_augmentfwd(void *, ...);
extern void __enzyme_reverse(void *, ...);
extern int enzyme_dup, enzyme_const, enzyme_nocache;

double weighted_exp(const double *x, const double *w, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += w[i] * exp(x[i]);
  return s;
}

int main(void) {
  double x[3] = {0.5, -1, 0.25}, w[3] = {2, 3, -1}, dx[3] = {0}, unused[3] = {0};
  void *tape = __enzyme_augmentfwd((void *)weighted_exp, enzyme_nocache, enzyme_dup, x, unused,
                                   enzyme_nocache, enzyme_const, w, enzyme_const, 3);
  __enzyme_reverse((void *)weighted_exp, enzyme_nocache, enzyme_dup, x, dx, enzyme_nocache, enzyme_const, w,
                   enzyme_const, 3, 1.0, tape);
  for (int i = 0; i < 3; i++) check_rel("gradient", dx[i], w[i] * exp(x[i]), 1e-15);
  return finish();
}
