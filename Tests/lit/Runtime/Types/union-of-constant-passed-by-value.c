// A union of a double and its bits passed and returned by value (one i64 in x86-64's C ABI), set
// to constants: `put(&a, (du){.d = 2.0})` into a helper kept out of line, and a helper returning
// `r.d = i ? 2.0 : 0.5`. The constant's bits were taken for an integer and mirrored into the
// shadow: forward mode gave 8 where 2 was right (the constant its own tangent). A 64-bit constant
// that can only be a double's bits now says the parameter carries a double. Both modes against the
// hand derivative, from optimized and unoptimized input.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: checks passed
#include <stdint.h>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
double __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

typedef union {
  double d;
  uint64_t u;
} du;

__attribute__((noinline)) void put(du *a, du v) { *a = v; }

__attribute__((noinline)) du pick(int i) {
  du r;
  r.d = i ? 2.0 : 0.5;
  return r;
}

// 2 x0
double stored(double x0) {
  du a;
  put(&a, (du){.d = 2.0});
  return a.d * x0;
}

// Σ_i pick(i) x_i over three entries: 0.5 x0 + 2 x1 + 2 x2
double picked(const double *x) {
  du a[3];
  for (int i = 0; i < 3; i++) a[i] = pick(i);
  double s = 0;
  for (int i = 0; i < 3; i++) s += a[i].d * x[i];
  return s;
}

int main(void) {
  check_rel("stored reverse", __enzyme_autodiff((void *)stored, 3.0), 2, 1e-15);
  check_rel("stored forward", __enzyme_fwddiff((void *)stored, 3.0, 1.0), 2, 1e-15);
  double x[3] = {5, 7, 9}, g[3] = {0, 0, 0};
  __enzyme_autodiff((void *)picked, enzyme_dup, x, g);
  double want[3] = {0.5, 2, 2};
  for (int i = 0; i < 3; i++) {
    check_rel("picked reverse", g[i], want[i], 1e-15);
    double direction[3] = {0, 0, 0};
    direction[i] = 1;
    check_rel("picked forward", __enzyme_fwddiff((void *)picked, enzyme_dup, x, direction), want[i], 1e-15);
  }
  return finish();
}
