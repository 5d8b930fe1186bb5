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
// Regression: the shadow of a malloc'd block must be zeroed over the block's whole usable size, not
// just the bytes asked for. realloc copies the usable size, and bytes the program never wrote (past
// the size asked for, up to where the grown block's elements are written) become part of the new
// block; when the shadow's slack held an old block's data, those bytes were taken for adjoints or
// tangents. The bug showed with swad-opt -O0 (hence the second pipeline). Before each derivative,
// blocks of the same size are filled over their usable size with 1000 and freed, so that the shadow
// gets such a block. f(x) = 4·x + (n − 4)·x², so f'(x) = 4 + 2·(n − 4)·x, in both modes.
#include <malloc.h>
#include <stdlib.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_const;

__attribute__((noinline)) double sum(const double *p, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += p[i];
  return s;
}

// p = [x, x, x, x], grown to n elements, the new ones x².
double grow(double x, int n) {
  double *p = malloc(4 * sizeof(double));
  for (int i = 0; i < 4; i++) p[i] = x;
  p = realloc(p, n * sizeof(double));
  for (int i = 4; i < n; i++) p[i] = x * x;
  double r = sum(p, n);
  free(p);
  return r;
}

// Leaves freed 32-byte blocks whose usable bytes all hold 1000.
static void dirty_heap(void) {
  void *blocks[6];
  for (int i = 0; i < 6; i++) {
    blocks[i] = malloc(32);
    double *d = blocks[i];
    size_t n = malloc_usable_size(d) / sizeof(double);
    for (size_t k = 0; k < n; k++) d[k] = 1000.0;
  }
  for (int i = 0; i < 6; i++) free(blocks[i]);
}

int main(void) {
  char what[96];
  const double xs[2] = {3.0, -1.25};
  for (int k = 0; k < 2; k++)
    for (int n = 6; n <= 12; n += 6) {
      double x = xs[k], want = 4 + 2 * (n - 4) * x;
      dirty_heap();
      snprintf(what, sizeof what, "reverse x=%g n=%d", x, n);
      check_rel(what, __enzyme_autodiff((void *)grow, x, enzyme_const, n), want, 1e-12);
      dirty_heap();
      snprintf(what, sizeof what, "forward x=%g n=%d", x, n);
      check_rel(what, __enzyme_fwddiff((void *)grow, x, 0.5, enzyme_const, n), 0.5 * want, 1e-12);
    }
  return finish();
}
