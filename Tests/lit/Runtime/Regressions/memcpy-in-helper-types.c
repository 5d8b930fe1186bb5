// A memcpy in a helper that never looks at the data: which bytes are floats and which are pointers
// comes from the caller (its loads, stores and GEPs of the same memory), passed to the helper's
// derivative. Pointers are copied shadow and all in the forward sweep and left alone in the reverse
// sweep; a struct of a float and a double gets each leaf's adjoint in its own type.
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
#include <string.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern int enzyme_dup, enzyme_const;

__attribute__((noinline)) void copy_rows(double **d, double *const *s, int n) { memcpy(d, s, n * sizeof(double *)); }

// Σ rows[i][0] · rows[i][1], through a local copy of the row pointers.
double rows_product(double **rows, int n) {
  double *local[4];
  copy_rows(local, rows, n);
  double s = 0;
  for (int i = 0; i < n; i++) s += local[i][0] * local[i][1];
  return s;
}

typedef struct { float w; double v; } Pair;
__attribute__((noinline)) void copy_pairs(Pair *d, const Pair *s, int n) { memcpy(d, s, n * sizeof(Pair)); }

// out[i].v = in[i].v², out[i].w = 3 in[i].w, through a local copy.
void pairs(Pair *out, const Pair *in, int n) {
  Pair local[4];
  copy_pairs(local, in, n);
  for (int i = 0; i < n; i++) {
    out[i].v = local[i].v * local[i].v;
    out[i].w = local[i].w * 3.0f;
  }
}

int main(void) {
  double a[2] = {1, 2}, b[2] = {3, 4}, da[2] = {0}, db[2] = {0};
  double *rows[2] = {a, b}, *drows[2] = {da, db};
  __enzyme_autodiff((void *)rows_product, enzyme_dup, rows, drows, enzyme_const, 2);
  check_rel("da[0]", da[0], 2, 0);
  check_rel("da[1]", da[1], 1, 0);
  check_rel("db[0]", db[0], 4, 0);
  check_rel("db[1]", db[1], 3, 0);
  if (drows[0] != da || drows[1] != db) { printf("FAIL the shadow row pointers were changed\n"); return 1; }

  Pair in[2] = {{1, 2}, {3, 4}}, din[2] = {{1, 1}, {1, 1}}, out[2], dout[2] = {{1, 1}, {1, 1}};
  __enzyme_autodiff((void *)pairs, enzyme_dup, out, dout, enzyme_dup, in, din, enzyme_const, 2);
  check_rel("din[0].w", din[0].w, 1 + 3, 0);
  check_rel("din[1].w", din[1].w, 1 + 3, 0);
  check_rel("din[0].v", din[0].v, 1 + 2 * 2, 0);
  check_rel("din[1].v", din[1].v, 1 + 2 * 4, 0);
  return finish();
}
