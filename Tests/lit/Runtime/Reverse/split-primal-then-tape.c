// __enzyme_augmentfwd declared to return {primal, tape} (the primal first) gets them in that order,
// as it gets {tape, primal} when declared so: the declared type decides, as in Enzyme. Both orders
// in one program (entry points by any suffix, as Enzyme allows), each followed by __enzyme_reverse,
// against the hand-derived gradient.
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

typedef struct { double primal; void *tape; } PrimalThenTape;
typedef struct { void *tape; double primal; } TapeThenPrimal;
extern PrimalThenTape __enzyme_augmentfwd_primal_first(void *, ...);
extern TapeThenPrimal __enzyme_augmentfwd_tape_first(void *, ...);
extern void __enzyme_reverse(void *, ...);
extern int enzyme_dup, enzyme_const;

double energy(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += sin(x[i]) * x[i];
  return s;
}

int main(void) {
  double x[3] = {0.3, -1.2, 2.0}, d1[3] = {0}, d2[3] = {0}, unused[3] = {0};
  double want = 0;
  for (int i = 0; i < 3; i++) want += sin(x[i]) * x[i];

  PrimalThenTape a = __enzyme_augmentfwd_primal_first((void *)energy, enzyme_dup, x, unused, enzyme_const, 3);
  check_rel("primal (primal first)", a.primal, want, 1e-15);
  __enzyme_reverse((void *)energy, enzyme_dup, x, d1, enzyme_const, 3, 1.0, a.tape);

  TapeThenPrimal b = __enzyme_augmentfwd_tape_first((void *)energy, enzyme_dup, x, unused, enzyme_const, 3);
  check_rel("primal (tape first)", b.primal, want, 1e-15);
  __enzyme_reverse((void *)energy, enzyme_dup, x, d2, enzyme_const, 3, 1.0, b.tape);

  for (int i = 0; i < 3; i++) {
    double g = cos(x[i]) * x[i] + sin(x[i]);
    check_rel("gradient (primal first)", d1[i], g, 1e-15);
    check_rel("gradient (tape first)", d2[i], g, 1e-15);
  }
  return finish();
}
