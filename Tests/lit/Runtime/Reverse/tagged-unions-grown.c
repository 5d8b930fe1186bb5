// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: ok realloc
// CHECK: ok copy
// An array of tagged unions, a double in one element and a pointer in the next, grown by realloc
// and then by malloc and memcpy. The double was written only into the first block; the grown
// blocks, laid out by the pointer alone, left its adjoint behind (reverse mode 1.3 for 3.3, no
// error). Against forward mode and the hand-derived gradient of 2 x0 + 3 x1 + x0 x1.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

typedef struct { int tag; union { double d; const double *p; } u; } T;

static double sum(T *v) {
  double r = 0;
  for (int i = 0; i < 3; i++) r += v[i].tag == 0 ? v[i].u.d : *v[i].u.p * 3;
  return r;
}

double grown(const double *x, int copy) {
  T *v = malloc(sizeof(T));
  v[0].tag = 0; v[0].u.d = 2.0 * x[0];
  v = realloc(v, 2 * sizeof(T));
  v[1].tag = 1; v[1].u.p = x + 1;
  if (copy) {
    T *w = malloc(3 * sizeof(T));
    memcpy(w, v, 2 * sizeof(T));
    free(v);
    v = w;
  } else {
    v = realloc(v, 3 * sizeof(T));
  }
  v[2].tag = 0; v[2].u.d = x[0] * x[1];
  double r = sum(v);
  free(v);
  return r;
}

static void check(const char *name, int copy) {
  double x[2] = {0.8, 1.3}, g[2] = {0, 0};
  __enzyme_autodiff((void *)grown, enzyme_dup, x, g, enzyme_const, copy);
  double want[2] = {2 + x[1], 3 + x[0]};
  int ok = 1;
  for (int i = 0; i < 2; i++) {
    double dx[2] = {0, 0};
    dx[i] = 1;
    double t = __enzyme_fwddiff((void *)grown, enzyme_dup, x, dx, enzyme_const, copy);
    ok = ok && fabs(g[i] - want[i]) < 1e-12 && fabs(t - want[i]) < 1e-12;
  }
  printf("%s %s: %g %g\n", ok ? "ok" : "FAIL", name, g[0], g[1]);
}

int main(void) {
  check("realloc", 0);
  check("copy", 1);
  return 0;
}
