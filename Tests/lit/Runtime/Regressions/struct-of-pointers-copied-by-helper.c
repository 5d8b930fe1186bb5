// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// RUN: %clang-ad -Xclang -disable-llvm-passes %s -o %t.raw.bc
// RUN: %swad-opt %t.raw.bc --pre-passes '' -O0 -o %t.raw.opt.bc
// RUN: %clang %t.raw.opt.bc -o %t.raw -lm
// RUN: %t.raw
// A struct of pointers built on the stack, copied by a helper (`*dst = *src`, a memcpy whose own
// function accesses no field), then read by another helper. Without the pre-AD simplification the
// helpers keep their parameters in stack slots: the copy's shadow must still carry the shadow
// pointers (the caller's hint about the struct reaches the memcpy through the slots), or the
// reverse sweep adds adjoints through null (the fuzzer's crash, seeds 5 and 29 of --pointers --raw).
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

typedef struct {
  const double *a;
  const double *c;
  double *out;
  int n;
} View;

__attribute__((noinline)) static double view_dot(const View *s) {
  double r = 0;
  for (int i = 0; i < s->n; i++) r += s->a[i] * s->c[i] + 0.25 * s->a[i] * s->out[i];
  return r;
}
__attribute__((noinline)) static void copy_view(View *dst, const View *src) { *dst = *src; }

__attribute__((noinline)) void f(const double *x, double *y) {
  double k[4] = {-0.436, 0.0741, 0.827, -1.18};
  double squares[4];
  for (int i = 0; i < 4; i++) squares[i] = x[i] * x[i];
  View view = {squares, k, squares, 4};
  View copy;
  copy_view(&copy, &view);
  y[0] = view_dot(&copy);
}

int main(void) {
  double x[4] = {1, 2, 3, 4}, dx[4] = {0}, y[1], dy[1] = {1};
  double k[4] = {-0.436, 0.0741, 0.827, -1.18};
  __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_dup, y, dy);
  for (int i = 0; i < 4; i++) {
    // y = Σ x²k + x⁴/4: dy/dx = 2xk + x³.
    check_rel("reverse", dx[i], 2 * x[i] * k[i] + x[i] * x[i] * x[i], 1e-14);
    double v[4] = {0}, ty[1] = {0};
    v[i] = 1;
    __enzyme_fwddiff((void *)f, enzyme_dup, x, v, enzyme_dup, y, ty);
    check_rel("forward", ty[0], dx[i], 1e-14);
  }
  return finish();
}
