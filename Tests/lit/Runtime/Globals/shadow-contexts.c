// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Shadow contexts: gradients with respect to mutable globals (a scalar parameter and a table),
// read through __enzyme_shadow after __enzyme_autodiff, seeded before __enzyme_fwddiff (one lane and
// two), kept across split mode, zeroed by __enzyme_zero_shadows; compared with central differences.
#include <stdlib.h>
#include "../Inputs/check.h"

extern int enzyme_context, enzyme_out, enzyme_dup, enzyme_const, enzyme_width;
extern void *__enzyme_context(int);
extern void *__enzyme_shadow(void *, void *, int);
extern void __enzyme_zero_shadows(void *);
extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
typedef struct { double t[2]; } Tangents2;
extern Tangents2 __enzyme_fwddiff2(void *, ...);
extern void *__enzyme_augmentfwd(void *, ...);
extern double __enzyme_reverse(void *, ...);

double w = 1.5;
double table[3] = {0.5, 2.0, -1.0};
double last;  // written by f: its shadow is the adjoint of what f stored

double f(double x) {
  double s = 0;
  for (int i = 0; i < 3; i++) s += table[i] * sin(w * x + i);
  last = s;
  return s * w;
}

static double central(double *slot, double x) {
  double h = 1e-6, saved = *slot;
  *slot = saved + h;
  double up = f(x);
  *slot = saved - h;
  double down = f(x);
  *slot = saved;
  return (up - down) / (2 * h);
}

int main(void) {
  double x = 0.7;
  void *ctx = __enzyme_context(1);
  double dx = __enzyme_autodiff((void *)f, enzyme_context, ctx, enzyme_out, x);
  double dx_plain = __enzyme_autodiff((void *)f, enzyme_out, x);
  check_rel("dx with and without a context", dx, dx_plain, 0);
  check_fd("dw", *(double *)__enzyme_shadow(ctx, &w, 0), central(&w, x), 1e-7);
  double *dtable = (double *)__enzyme_shadow(ctx, &table[0], 0);
  for (int i = 0; i < 3; i++) check_fd("dtable", dtable[i], central(&table[i], x), 1e-7);
  check_rel("interior address", *(double *)__enzyme_shadow(ctx, &table[2], 0), dtable[2], 0);
  double dw_once = *(double *)__enzyme_shadow(ctx, &w, 0);
  double dtable1 = dtable[1];

  // A second gradient adds to the first, unless the context is zeroed.
  __enzyme_autodiff((void *)f, enzyme_context, ctx, enzyme_out, x);
  check_rel("accumulates", *(double *)__enzyme_shadow(ctx, &w, 0), 2 * dw_once, 1e-15);
  __enzyme_zero_shadows(ctx);
  check_rel("zeroed", *(double *)__enzyme_shadow(ctx, &w, 0), 0, 0);

  // Split mode: the caller seeds the adjoint of the global f wrote, between the two halves.
  void *tape = __enzyme_augmentfwd((void *)f, enzyme_context, ctx, enzyme_out, x);
  *(double *)__enzyme_shadow(ctx, &last, 0) = 1.0;  // the gradient of f + last
  double dx_split = __enzyme_reverse((void *)f, enzyme_context, ctx, enzyme_out, x, 1.0, tape);
  check_rel("split dx of f + last", dx_split, dx + dx / w, 1e-14);
  check_rel("split dw of f + last", *(double *)__enzyme_shadow(ctx, &w, 0),
            dw_once + (dw_once - f(x) / w) / w, 1e-14);
  free(ctx);

  // Forward mode: tangents of globals seeded in the context, one lane, then two lanes at once.
  void *one = __enzyme_context(1);
  *(double *)__enzyme_shadow(one, &w, 0) = 1.0;
  check_rel("forward dw", __enzyme_fwddiff((void *)f, enzyme_context, one, x, 0.0), dw_once, 1e-14);
  void *two = __enzyme_context(2);
  *(double *)__enzyme_shadow(two, &w, 0) = 1.0;
  ((double *)__enzyme_shadow(two, &table[0], 1))[1] = 1.0;
  Tangents2 t = __enzyme_fwddiff2((void *)f, enzyme_width, 2, enzyme_context, two, x, 0.0, 0.0);
  check_rel("forward lane 0: dw", t.t[0], dw_once, 1e-14);
  check_rel("forward lane 1: dtable[1]", t.t[1], dtable1, 1e-14);
  free(one);
  free(two);
  return finish();
}
