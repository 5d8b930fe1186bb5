// RUN: %clang -O2 -DAS_WRITTEN -c %s -o %t.as-written.o
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc %t.as-written.o -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc %t.as-written.o -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: checks passed
// A scratch array filled from memory that is freed before the array is read: a helper ranks the
// inputs into a heap block of {index, value} pairs (as an argsort over qsort does), the indices are
// copied out into a local array, the block is freed, then the objective reads x[order[k]]. The loads
// of order[k] must not be read again from the freed block (ScratchArrayForwarding once did, before
// AD, so the primal itself read freed memory: the allocator reuses its first bytes). The outputs must
// be exactly those of the same code built by clang alone (-DAS_WRITTEN); the gradient is checked
// against central differences and along a direction against forward mode.
#include <stdlib.h>

#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup;

#define N 6

typedef struct {
  long index;
  double value;
} Ranked;

void rank_inputs(Ranked *ranked, const double *x, long n);

#define WEIGHTED_BODY                                                                                  \
  long order[N];                                                                                       \
  Ranked *ranked = malloc(sizeof(Ranked) * N);                                                         \
  rank_inputs(ranked, x, N);                                                                           \
  for (long i = 0; i < N; i++) order[i] = ranked[i].index;                                             \
  free(ranked);                                                                                        \
  double total = 0;                                                                                    \
  for (int k = 0; k < N; k++) total += (1.0 + k) * x[order[k]] * x[order[k]] * x[k];                  \
  return total;

#ifdef AS_WRITTEN
double weighted_as_written(const double *x) { WEIGHTED_BODY }
#else
double weighted_as_written(const double *x);

// Out of line, like qsort: the ranking the indices come from (x[i] above the mean goes last).
__attribute__((noinline)) void rank_inputs(Ranked *ranked, const double *x, long n) {
  double mean = 0;
  for (long i = 0; i < n; i++) mean += x[i] / n;
  for (long i = 0; i < n; i++) {
    ranked[i].index = x[i] > mean ? n - 1 - i : i;
    ranked[i].value = x[i];
  }
}

__attribute__((noinline)) static double weighted(const double *x) { WEIGHTED_BODY }

static double packed(const double *p, int count) {
  (void)count;
  return weighted(p);
}

int main(void) {
  double x[N], dx[N] = {0}, v[N];
  for (int i = 0; i < N; i++) x[i] = 1.0 + 0.3 * sin(1.7 * i + 0.2), v[i] = cos(0.9 * i - 0.4);
  check_exact("objective", weighted(x), weighted_as_written(x));

  __enzyme_autodiff((void *)weighted, enzyme_dup, x, dx);
  check_gradient_fd("weighted", packed, x, dx, N, 1e-6, 1e-8);

  double along = 0;
  for (int i = 0; i < N; i++) along += v[i] * dx[i];
  check_rel("forward along v", __enzyme_fwddiff((void *)weighted, enzyme_dup, x, v), along, 1e-12);
  return finish();
}
#endif
