// A struct holding a pointer copied as one 64-bit integer by a helper that is not inlined (as
// libstdc++'s std::function clones a lambda that captured a pointer): the integer carries a pointer,
// which the callers' accesses to the struct say (CopiedBytes), so the forward sweep copies the
// shadow pointer along and the reverse sweep moves no adjoint. Before, the copy was taken for a
// double's bits: the shadow stayed null and the gradient crashed (or came out 0). Checked against
// hand-derived values in both modes, on optimized and unoptimized input.
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
#include <string.h>

#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

typedef struct {
  const double *coefficients;
} Closure;

// Copies the closure as the integer it fits in.
__attribute__((noinline)) void clone(Closure *destination, const Closure *source) {
  uint64_t bits;
  memcpy(&bits, source, sizeof bits);
  memcpy(destination, &bits, sizeof bits);
}

__attribute__((noinline)) static double apply(const Closure *closure, double x) {
  return closure->coefficients[0] * x * x + closure->coefficients[1] * sin(x);
}

// f(c, x) = c0 x^2 + c1 sin x, through a cloned closure.
static double f(const double *c, double x) {
  Closure original = {c}, copy;
  clone(&copy, &original);
  return apply(&copy, x);
}

static double f_of(const double *c, int count) {
  (void)count;
  return f(c, 0.8);
}

int main(void) {
  double c[2] = {1.5, -0.4}, dc[2] = {0, 0}, v[2] = {0.3, 0.7};
  __enzyme_autodiff((void *)f, enzyme_dup, c, dc, enzyme_const, 0.8);
  check_rel("d/dc0", dc[0], 0.8 * 0.8, 1e-14);
  check_rel("d/dc1", dc[1], sin(0.8), 1e-14);
  check_gradient_fd("f", f_of, c, dc, 2, 1e-6, 1e-9);
  check_rel("forward along v", __enzyme_fwddiff((void *)f, enzyme_dup, c, v, enzyme_const, 0.8),
            v[0] * dc[0] + v[1] * dc[1], 1e-14);
  return finish();
}
