// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A constant object read by a helper (no argument with a derivative), then written with the loss
// after the call: nothing with a derivative was handed to the helper, and the error that guards
// such calls (Support/UnshadowedMemory.swift, requireNoDerivativeHandedAway) must not fire for a
// store that comes after it; it did (found by the review). Both modes, against hand derivatives.
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

typedef struct { double scale; double last; } Stats;

__attribute__((noinline)) static double get_scale(const Stats *s) { return s->scale; }

// scale · x0², recorded in the stats after the scale is read
__attribute__((noinline)) double f(double *x, Stats *st) {
  double s = get_scale(st);
  double loss = x[0] * x[0] * s;
  st->last = loss;
  return loss;
}

int main(void) {
  double x[1] = {3}, dx[1] = {0};
  Stats st = {2, 0};
  __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_const, &st);
  check_rel("reverse", dx[0], 2 * st.scale * x[0], 1e-15);
  check_rel("loss recorded", st.last, st.scale * x[0] * x[0], 1e-15);
  double t[1] = {1};
  check_rel("forward", __enzyme_fwddiff((void *)f, enzyme_dup, x, t, enzyme_const, &st), dx[0], 1e-15);
  return finish();
}
