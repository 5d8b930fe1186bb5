// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clang %t.O2.opt.bc -o %t.O2 -lm
// RUN: %t.O2 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: checks passed
// Records `{long c; double v}` in a small local array shifted in place by a constant number of
// places, with memmove or with a loop of assignments (which the optimizer makes a memmove): the
// copy overlaps itself, and its layout holds more than one record. The reverse sweep went over the
// doubles of one layout element in the copy's own order: the first double's adjoint moved onto the
// second before the second's moved on, and all of it piled up on the last record, silently (a
// gradient of [0, 0, 6] for [0, 1, 5]). Down and up, against hand-derived gradients, central
// differences and forward mode.
#include <string.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

struct R {
  long c;
  double v;
};

// [x0, x1, x2, x3] -> [x1, x2, x3, x3]: f = x1 + 2 x2 + 3 x3 + 4 x3.
double down(const double *x, int n) {
  struct R a[4];
  for (int i = 0; i < 4; i++) a[i] = (struct R){i, x[i] * x[i]};
  memmove(a, a + 1, 3 * sizeof(struct R));
  return a[0].v + 2 * a[1].v + 3 * a[2].v + 4 * a[3].v;
}

// [x0, x1, x2, x3] -> [x0, x0, x1, x2]: f = x0 + 2 x0 + 3 x1 + 4 x2.
double up(const double *x, int n) {
  struct R a[4];
  for (int i = 0; i < 4; i++) a[i] = (struct R){i, x[i] * x[i]};
  memmove(a + 1, a, 3 * sizeof(struct R));
  return a[0].v + 2 * a[1].v + 3 * a[2].v + 4 * a[3].v;
}

// The same shift down written as assignments.
double assigned(const double *x, int n) {
  struct R a[4];
  for (int i = 0; i < 4; i++) a[i] = (struct R){i, x[i] * x[i]};
  for (int i = 0; i < 3; i++) a[i] = a[i + 1];
  return a[0].v + 2 * a[1].v + 3 * a[2].v + 4 * a[3].v;
}

static void check_one(const char *name, double (*f)(const double *, int), const double *dx, const double *want,
                      double *x, double (*forward)(const double *, const double *)) {
  char what[64];
  for (int i = 0; i < 4; i++) {
    snprintf(what, sizeof what, "%s hand-derived d/dx[%d]", name, i);
    check_rel(what, dx[i], want[i], 1e-12);
    double direction[4] = {0};
    direction[i] = 1;
    snprintf(what, sizeof what, "%s forward d/dx[%d]", name, i);
    check_rel(what, forward(x, direction), dx[i], 1e-12);
  }
  check_gradient_fd(name, f, x, (double *)dx, 4, 1e-6, 1e-6);
}

static double down_forward(const double *x, const double *d) {
  return __enzyme_fwddiff((void *)down, enzyme_dup, x, d, enzyme_const, 4);
}
static double up_forward(const double *x, const double *d) {
  return __enzyme_fwddiff((void *)up, enzyme_dup, x, d, enzyme_const, 4);
}
static double assigned_forward(const double *x, const double *d) {
  return __enzyme_fwddiff((void *)assigned, enzyme_dup, x, d, enzyme_const, 4);
}

int main(void) {
  double x[4] = {0.5, 0.7, 1.1, 1.3};
  double dx[4] = {0};
  __enzyme_autodiff((void *)down, enzyme_dup, x, dx, enzyme_const, 4);
  double want_down[4] = {0, 2 * x[1], 2 * 2 * x[2], 7 * 2 * x[3]};
  check_one("down", down, dx, want_down, x, down_forward);
  double dy[4] = {0};
  __enzyme_autodiff((void *)up, enzyme_dup, x, dy, enzyme_const, 4);
  double want_up[4] = {3 * 2 * x[0], 3 * 2 * x[1], 4 * 2 * x[2], 0};
  check_one("up", up, dy, want_up, x, up_forward);
  double dz[4] = {0};
  __enzyme_autodiff((void *)assigned, enzyme_dup, x, dz, enzyme_const, 4);
  check_one("assigned", assigned, dz, want_down, x, assigned_forward);
  return finish();
}
