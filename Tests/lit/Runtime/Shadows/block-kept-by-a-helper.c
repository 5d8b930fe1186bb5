// A buffer grown block by block (each old block freed) and handed, at the end, to a helper left as
// a call that stores it into the caller's holder (enzyme_dup): the last block's shadow belongs to
// the caller's shadow holder. The reverse sweep released it with the others (only stores and
// returns counted as keeping a block): the caller read freed memory and freed it again. A block
// passed to a call that may keep it (no `captures(none)`) now keeps its shadow. Against the
// derivative by hand; the caller frees the shadow block it was given.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0 | FileCheck %s
// CHECK: 39 checks passed
#include <string.h>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);

typedef struct {
  double *data;
  int n;
} Holder;

__attribute__((noinline)) void attach(Holder *h, double *p, int n) {
  h->data = p;
  h->n = n;
}

// buf[i] = x[i]·sin x[i], in a buffer doubled as it fills; returns Σ buf[i]·(i+1).
__attribute__((noinline)) double fill(Holder *h, const double *x, int n) {
  double *buf = NULL;
  int cap = 0;
  for (int i = 0; i < n; i++) {
    if (i == cap) {
      int grown = cap ? 2 * cap : 1;
      double *next = malloc(grown * sizeof(double));
      if (cap) memcpy(next, buf, cap * sizeof(double));
      free(buf);
      buf = next;
      cap = grown;
    }
    buf[i] = x[i] * sin(x[i]);
  }
  attach(h, buf, n);
  double s = 0;
  for (int i = 0; i < n; i++) s += buf[i] * (i + 1);
  return s;
}

int main(void) {
  for (int n = 1; n <= 6; n++) {
    double x[6] = {0.1, -0.2, 0.3, 0.4, -0.5, 0.6}, dx[6] = {0};
    Holder h = {0}, dh = {0};
    __enzyme_autodiff((void *)fill, enzyme_dup, &h, &dh, enzyme_dup, x, dx, enzyme_const, n);
    for (int i = 0; i < n; i++) {
      double want = (i + 1) * (sin(x[i]) + x[i] * cos(x[i]));
      check_rel("d/dx", dx[i], want, 1e-15);
    }
    check_exact("the shadow holder's size", dh.n, n);
    check_exact("the shadow block given", dh.data != NULL && dh.data != h.data, 1);
    // The shadow block is the caller's: its adjoints were taken, and it is the caller's to free.
    double left = 0;
    for (int i = 0; i < n; i++) left += fabs(dh.data[i]);
    check_exact("the shadow block's adjoints taken", left, 0);
    free(dh.data);
    free(h.data);
  }
  return finish();
}
