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
// Regression: a callee with no active arguments can still carry derivatives, through a global
// variable that has a shadow. A call of such a callee was treated as constant, so what it read from
// the global (or the pointer into the global it returned) lost its derivative. Pinned with a getter
// that takes no arguments and returns the global's value, set just before by a setter with the
// active argument, and with a function that returns a pointer into a global array from an integer
// index. Both modes; the hand-derived derivative of each is 2·x.
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);

double G;
__attribute__((noinline)) void set_global(double v) { G = v; }
__attribute__((noinline)) double get_global(void) { return G; }

// G = x; returns G².
double through_getter(double x) {
  set_global(x);
  double g = get_global();
  return g * g;
}

double table[4];
__attribute__((noinline)) double *slot(int i) { return &table[i]; }

// table[1] = x; returns table[1]·x read through slot(1).
double through_slot(double x) {
  table[1] = x;
  double *p = slot(1);
  return *p * x;
}

int main(void) {
  char what[96];
  const double xs[3] = {3.0, -0.625, 1.75};
  // All gradients first: the globals' shadows are shared by both modes, and a forward call leaves
  // the global's tangent in its shadow, where a later gradient would take it for a seed.
  for (int k = 0; k < 3; k++) {
    double x = xs[k];
    snprintf(what, sizeof what, "through_getter reverse x=%g", x);
    check_rel(what, __enzyme_autodiff((void *)through_getter, x), 2 * x, 1e-12);
    snprintf(what, sizeof what, "through_slot reverse x=%g", x);
    check_rel(what, __enzyme_autodiff((void *)through_slot, x), 2 * x, 1e-12);
  }
  for (int k = 0; k < 3; k++) {
    double x = xs[k];
    snprintf(what, sizeof what, "through_getter forward x=%g", x);
    check_rel(what, __enzyme_fwddiff((void *)through_getter, x, 0.5), 2 * x * 0.5, 1e-12);
    snprintf(what, sizeof what, "through_slot forward x=%g", x);
    check_rel(what, __enzyme_fwddiff((void *)through_slot, x, 0.5), 2 * x * 0.5, 1e-12);
  }
  return finish();
}
