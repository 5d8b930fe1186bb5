// An address passed and computed on as an integer (uintptr_t arithmetic in a helper; Swift passes
// optional pointers this way) keeps its shadow: through ptrtoint, an integer argument, address
// arithmetic (add of an offset) and inttoptr, in both modes.
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
#include <stdint.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

__attribute__((noinline)) double *element(uintptr_t base, long i) { return (double *)(base + 8 * i); }

// Σ x_i³ through addresses made from integers.
double sum_of_cubes(double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    double *p = element((uintptr_t)x, i);
    s += *p * *p * *p;
  }
  return s;
}

int main(void) {
  double x[4] = {1, -2, 0.5, 3}, dx[4] = {0}, t[4] = {1, 0.5, -1, 2};
  __enzyme_autodiff((void *)sum_of_cubes, enzyme_dup, x, dx, enzyme_const, 4);
  double want_tangent = 0;
  for (int i = 0; i < 4; i++) {
    char what[32];
    snprintf(what, sizeof what, "dx[%d]", i);
    check_rel(what, dx[i], 3 * x[i] * x[i], 1e-15);
    want_tangent += 3 * x[i] * x[i] * t[i];
  }
  check_rel("tangent", __enzyme_fwddiff((void *)sum_of_cubes, enzyme_dup, x, t, enzyme_const, 4), want_tangent, 1e-15);
  return finish();
}
