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
// Regression: a struct passed by value in memory (a byval pointer argument) is the callee's own
// copy, which the callee may change. The derivative of such a callee must receive a copy too, and
// so must the argument's shadow: a derivative that took the struct as a plain pointer changed the
// caller's struct, and a second call with the same struct saw the first call's change. Here
// scaled_product triples its copy's first element and is called twice with the same struct, so
// twice(x) = 3·x0·x1 + 3·x0·x1 = 6·x0·x1 only when neither call sees the other's change. Checked:
// the gradient (6·x1, 6·x0, 0, ...), the forward tangent 6·(ẋ0·x1 + x0·ẋ1), the primal value, and
// that x itself is left alone.
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup;

struct Block {
  double a[6];
};

__attribute__((noinline)) double product01(const double *p) { return p[0] * p[1]; }

// Changes its private copy: b.a[0] *= 3, then returns b.a[0]·b.a[1].
__attribute__((noinline)) double scaled_product(struct Block b) {
  b.a[0] *= 3;
  return product01(b.a);
}

double twice(double *x) {
  struct Block b;
  for (int i = 0; i < 6; i++) b.a[i] = x[i];
  double r = scaled_product(b);
  return r + scaled_product(b);
}

int main(void) {
  char what[96];
  double x[6] = {1.5, -2.25, 3.0, 0.5, 4.0, -1.0}, x0[6];
  const double t[6] = {0.75, 1.25, -3.0, 2.0, 0.5, 1.0};
  for (int i = 0; i < 6; i++) x0[i] = x[i];

  check_rel("primal", twice(x), 6 * x[0] * x[1], 1e-12);

  double dx[6] = {0};
  __enzyme_autodiff((void *)twice, enzyme_dup, x, dx);
  for (int i = 0; i < 6; i++) {
    double want = i == 0 ? 6 * x0[1] : i == 1 ? 6 * x0[0] : 0;
    snprintf(what, sizeof what, "reverse dx[%d]", i);
    check_rel(what, dx[i], want, 1e-12);
    snprintf(what, sizeof what, "reverse leaves x[%d]", i);
    check_exact(what, x[i], x0[i]);
  }

  double tangent = __enzyme_fwddiff((void *)twice, enzyme_dup, x, t);
  check_rel("forward", tangent, 6 * (t[0] * x0[1] + x0[0] * t[1]), 1e-12);
  for (int i = 0; i < 6; i++) {
    snprintf(what, sizeof what, "forward leaves x[%d]", i);
    check_exact(what, x[i], x0[i]);
  }
  return finish();
}
