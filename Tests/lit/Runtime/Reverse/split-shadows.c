// Split mode: __enzyme_reverse takes the arguments again, and the adjoints go into the shadows it is
// given (as in Enzyme), not into those given to __enzyme_augmentfwd. Arguments come from there rather
// than from the tape, so the tape holds only what the function computed.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include "../Inputs/check.h"

extern void *__enzyme_augmentfwd(void *, ...);
extern void __enzyme_reverse(void *, ...);
extern int enzyme_dup, enzyme_const;

double sum_of_squares(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] * x[i];
  return s;
}

int main(void) {
  double x[3] = {1, 2, -0.5}, given_forward[3] = {0}, given_reverse[3] = {0};
  void *tape = __enzyme_augmentfwd((void *)sum_of_squares, enzyme_dup, x, given_forward, enzyme_const, 3);
  __enzyme_reverse((void *)sum_of_squares, enzyme_dup, x, given_reverse, enzyme_const, 3, 2.0, tape);
  for (int i = 0; i < 3; i++) {
    char what[64];
    snprintf(what, sizeof what, "reverse shadow[%d]", i);
    check_rel(what, given_reverse[i], 2.0 * 2 * x[i], 0);
    snprintf(what, sizeof what, "augmentfwd shadow[%d] untouched", i);
    check_rel(what, given_forward[i], 0, 0);
  }
  return finish();
}
