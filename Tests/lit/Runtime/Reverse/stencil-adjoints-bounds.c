// REQUIRES: valgrind
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: valgrind --quiet --error-exitcode=9 %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: valgrind --quiet --error-exitcode=9 %t.O0in
// RUN: %swad-opt %t.O0in.bc --pre-passes '' -o %t.raw.opt.bc
// RUN: %clang %t.raw.opt.bc -o %t.raw -lm
// RUN: valgrind --quiet --error-exitcode=9 %t.raw
// Stencil adjoints summed in registers (`Gradient+RotatedAdjoints`) touch only elements the loop
// read: on arrays allocated to their exact size, no access outside them, also where the loop's
// header tests and leaves after a last run without the body (clang -O0 without swad's pre-AD
// simplification, which would rotate the loop), and where the neighbours
// are read only when they exist. Gradients checked against forward mode.
#include <stdlib.h>

#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

static double interior(const double *a, double *b, int n) {
  double sum = 0;
  for (int i = 1; i < n - 1; i++) b[i] = a[i - 1] - 2 * a[i] + a[i + 1] + a[i] * a[i];
  for (int i = 1; i < n - 1; i++) sum += b[i] * b[i];
  return sum;
}

static double neighbours(const double *a, double *b, int n) {
  double sum = 0;
  for (int i = n - 1; i >= 0; i--) b[i] = (i > 0 ? a[i - 1] : 0) + (i + 2 < n ? a[i + 2] : 0) + 0.5 * a[i];
  for (int i = 0; i < n; i++) sum += sin(b[i]);
  return sum;
}

#define CHECK(f, n)                                                                                          \
  do {                                                                                                       \
    double *a = malloc(n * sizeof(double)), *b = malloc(n * sizeof(double));                                 \
    double *da = calloc(n, sizeof(double)), *db = calloc(n, sizeof(double));                                 \
    double *va = calloc(n, sizeof(double)), *vb = calloc(n, sizeof(double));                                 \
    for (int i = 0; i < n; i++) a[i] = 0.3 + 0.1 * i, b[i] = 0;                                              \
    __enzyme_autodiff((void *)f, enzyme_dup, a, da, enzyme_dup, b, db, enzyme_const, n);                     \
    for (int k = 0; k < n; k++) {                                                                            \
      for (int i = 0; i < n; i++) va[i] = i == k, vb[i] = 0;                                                 \
      double forward = __enzyme_fwddiff((void *)f, enzyme_dup, a, va, enzyme_dup, b, vb, enzyme_const, n);   \
      char what[64];                                                                                         \
      snprintf(what, sizeof what, "%s n=%d da[%d] vs forward", #f, n, k);                                    \
      check_rel(what, da[k], forward, 1e-12);                                                                \
    }                                                                                                        \
    free(a), free(b), free(da), free(db), free(va), free(vb);                                                \
  } while (0)

int main(void) {
  for (int n = 3; n <= 9; n += 3) {
    CHECK(interior, n);
    CHECK(neighbours, n);
  }
  return finish();
}
