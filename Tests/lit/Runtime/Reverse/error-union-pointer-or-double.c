// RUN: %clang-ad %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad -DFORWARD_ONLY %s -o %t.fwd.bc
// RUN: %swad-opt %t.fwd.bc -o %t.fwd.opt.bc
// RUN: %clang %t.fwd.opt.bc -o %t.fwd -lm
// RUN: %t.fwd
// RUN: %clang-ad-O0 -DREVERSE_CHECKED %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A union of a double and a pointer, chosen by one helper for cells that hold doubles and for
// cells that hold pointers. The optimizer copies it as a double: for the pointers, reverse mode
// would have to move the shadow pointer forward, for the doubles the adjoint back. Before, the
// shadow pointer stayed null and the gradient crashed; now reverse mode refuses the copy, naming
// the function and line. Forward mode copies the shadow's bytes, right for both. Unoptimized input
// keeps the union's copy a memcpy, which the pre-AD simplification makes the member's own type:
// there both modes are right.
// CHECK: error: {{.*}}.c:[[@LINE+10]]: in function 'choose': cannot differentiate in reverse mode this copy of a floating-point value of memory that holds a pointer for some accesses
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

typedef union { double d; double *p; } Cell;
__attribute__((noinline)) static void choose(Cell *out, const Cell *a, const Cell *b, int c) {
  Cell x = *a, y = *b;
  *out = c ? x : y;
}
__attribute__((noinline)) static double value(const Cell *c) { return c->d; }
__attribute__((noinline)) static double pointee(const Cell *c) { return *c->p; }

// 10 (2 x0 or 3 x1) + 100 (x2 or x3)
double f(double *x, int c) {
  Cell cells[4];
  cells[0].d = x[0] * 2; cells[1].d = x[1] * 3;
  cells[2].p = &x[2]; cells[3].p = &x[3];
  Cell a, b;
  choose(&a, &cells[0], &cells[1], c);
  choose(&b, &cells[2], &cells[3], c);
  return value(&a) * 10 + pointee(&b) * 100;
}

int main(void) {
  double x[4] = {1, 2, 3, 4}, t[4] = {1, 10, 100, 1000};
#if defined(REVERSE_CHECKED)
  for (int c = 0; c <= 1; c++) {
    double dx[4] = {0};
    __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_const, c);
    double want[4] = {c ? 20 : 0, c ? 0 : 30, c ? 100 : 0, c ? 0 : 100};
    for (int i = 0; i < 4; i++) check_rel("reverse", dx[i], want[i], 0);
  }
  check_rel("forward", __enzyme_fwddiff((void *)f, enzyme_dup, x, t, enzyme_const, 1), 20 + 10000, 0);
#elif defined(FORWARD_ONLY)
  check_rel("forward, first", __enzyme_fwddiff((void *)f, enzyme_dup, x, t, enzyme_const, 1), 20 + 10000, 0);
  check_rel("forward, second", __enzyme_fwddiff((void *)f, enzyme_dup, x, t, enzyme_const, 0), 300 + 100000, 0);
#else
  double dx[4] = {0};
  __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_const, 1);
#endif
  return finish();
}
