// An allocation freed by a helper (`destroy(p)`) rather than in the differentiated function itself:
// its shadow is freed by the reverse sweep all the same, so repeated gradient calls do not leak.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include <malloc.h>
#include <stdlib.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern int enzyme_dup, enzyme_const;

__attribute__((noinline)) void destroy(double *p) { free(p); }
__attribute__((noinline)) void destroy_twice_removed(double *p) { destroy(p); }

// Σ x_i², through a heap temporary freed by a helper of a helper.
double sum_of_squares(const double *x, int n) {
  double *t = malloc(n * sizeof(double));
  for (int i = 0; i < n; i++) t[i] = x[i] * x[i];
  double s = 0;
  for (int i = 0; i < n; i++) s += t[i];
  destroy_twice_removed(t);
  return s;
}

int main(void) {
  enum { N = 1000, CALLS = 2000 };
  static double x[N], dx[N];
  for (int i = 0; i < N; i++) x[i] = 0.001 * i;
  __enzyme_autodiff((void *)sum_of_squares, enzyme_dup, x, dx, enzyme_const, N);
  struct mallinfo2 before = mallinfo2();
  for (int k = 1; k < CALLS; k++) __enzyme_autodiff((void *)sum_of_squares, enzyme_dup, x, dx, enzyme_const, N);
  struct mallinfo2 after = mallinfo2();
  check_rel("dx[3]", dx[3], CALLS * 2 * x[3], 1e-12);
  // A leaked shadow would be 8 KB a call: 16 MB over the calls.
  long grown = (long)after.uordblks - (long)before.uordblks;
  if (grown > 1 << 20) { printf("FAIL heap grew by %ld bytes over %d calls\n", grown, CALLS); return 1; }
  return finish();
}
