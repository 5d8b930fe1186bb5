// A pointer that may be a read-only constant table (`static const`) gets the table itself as its
// shadow (runtime activity): the reverse sweep must not store into it, not even the unchanged value
// (found by scripts/fuzz --rodata: a segfault in the gradient).
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include <stdio.h>
extern void __enzyme_autodiff(void*, ...);
extern int enzyme_dup, enzyme_const;
typedef struct { const double *a; const double *c; } View;
__attribute__((noinline)) static double view_dot(const View *s) {
  double r = 0;
  for (int i = 0; i < 4; i++) r += s->a[i] * s->c[i];
  return r;
}
// x_0 + q_1 q_2 with q = k ? x : c
__attribute__((noinline)) void select_case(const double *x, const double *c, double *y, int k) {
  const double *q = k ? x : c;
  y[0] = q[1] * q[2] + x[0];
}
// Σ x_i c_i through a struct
__attribute__((noinline)) void field_case(const double *x, const double *c, double *y) {
  View v = { x, c };
  y[0] = view_dot(&v);
}
static const double cdata[4] = {0.5, -1, 2, 0.25};
int main(void) {
  double x[4] = {0.2, 0.07, 0.94, 0.81}, dx[4] = {0}, y[1], dy[1] = {1};
  __enzyme_autodiff((void*)select_case, enzyme_dup, x, dx, enzyme_const, cdata, enzyme_dup, y, dy, enzyme_const, 0);
  printf("select: rev %g %g want 1 0\n", dx[0], dx[1]);
  int ok = dx[0] == 1 && dx[1] == 0;
  double ex[4] = {0}, ey[1] = {1};
  __enzyme_autodiff((void*)field_case, enzyme_dup, x, ex, enzyme_const, cdata, enzyme_dup, y, ey);
  printf("field: rev %g %g want 0.5 -1\n", ex[0], ex[1]);
  return !(ok && ex[0] == 0.5 && ex[1] == -1);
}
