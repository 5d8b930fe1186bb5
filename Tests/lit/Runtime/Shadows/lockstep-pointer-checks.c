// Loops counted by a pointer that is the duplicated x or the enzyme_const c depending on a flag:
// the shadow walks beside the pointer, and whether it is the primal (c's shadow is c) is tested once
// before the loop, which is copied once per answer (SwadPipeline/LockstepPointerTests.swift). Both
// flag values, a walk up beside an output pointer and a walk down, in both modes, against
// hand-derived derivatives.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

enum { N = 37 };

// q = flag ? x : c; out[i] = sin(q[i]) walking up both, then s = Σ out[i]·(i+1) + q[i]² walking
// down.
__attribute__((noinline)) static double walk(const double *x, const double *c, double *out, int flag) {
  const double *q = flag ? x : c;
  double *o = out;
  for (const double *p = q; p != q + N; p++, o++) *o = sin(*p);
  double s = 0;
  for (const double *p = q + N; p != q;) {
    --p;
    long i = p - q;
    s += out[i] * (double)(i + 1) + *p * *p;
  }
  return s;
}

static void fill(double *x, double *c) {
  for (int i = 0; i < N; i++) x[i] = 0.3 + 0.05 * i, c[i] = 1.1 - 0.02 * i;
}

int main(void) {
  for (int flag = 0; flag < 2; flag++) {
    double x[N], dx[N] = {0}, c[N], out[N], dout[N] = {0};
    fill(x, c);
    __enzyme_autodiff((void *)walk, enzyme_dup, x, dx, enzyme_const, c, enzyme_dup, out, dout, enzyme_const, flag);
    char what[64];
    for (int i = 0; i < N; i++) {
      // d s / d x_i = (i+1) cos(x_i) + 2 x_i when q is x, 0 when it is c.
      snprintf(what, sizeof what, "reverse flag %d dx[%d]", flag, i);
      check_rel(what, dx[i], flag ? (i + 1) * cos(x[i]) + 2 * x[i] : 0, 1e-13);
      snprintf(what, sizeof what, "reverse flag %d out[%d]", flag, i);
      check_rel(what, out[i], sin(flag ? x[i] : c[i]), 1e-15);
    }

    double tx[N], tout[N];
    for (int i = 0; i < N; i++) tx[i] = 1.0 + 0.1 * i;
    double ds = __enzyme_fwddiff((void *)walk, enzyme_dup, x, tx, enzyme_const, c, enzyme_dup, out, tout,
                                 enzyme_const, flag);
    double want = 0;
    for (int i = 0; i < N; i++) {
      double derivative = flag ? (i + 1) * cos(x[i]) + 2 * x[i] : 0;
      want += derivative * tx[i];
      snprintf(what, sizeof what, "forward flag %d tout[%d]", flag, i);
      check_rel(what, tout[i], flag ? cos(x[i]) * tx[i] : 0, 1e-13);
    }
    snprintf(what, sizeof what, "forward flag %d", flag);
    check_rel(what, ds, want, 1e-13);
  }
  return finish();
}
