// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// __enzyme_allocation_like: a pool allocator that is not malloc (its blocks start as garbage, and
// malloc_usable_size would be wrong on them) gets shadows from the same allocator, zeroed over the
// bytes asked for and released by its own deallocator, in both modes; no block stays live.
#include <stdlib.h>
#include <string.h>
#include "../Inputs/check.h"
extern int enzyme_dup, enzyme_out, enzyme_const;
extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);

// A pool allocator: not malloc, so malloc_usable_size would be wrong on its blocks.
static char pool[1 << 20];
static size_t used;
static int live;
__attribute__((noinline)) void *pool_alloc(int tag, size_t bytes) {
  void *p = pool + used;
  used += (bytes + 15) & ~(size_t)15;
  live++;
  memset(p, 0xAB, bytes);  // garbage, as uninitialized memory may be
  return p;
}
__attribute__((noinline)) void pool_free(void *p) {
  if ((char *)p < pool || (char *)p >= pool + sizeof pool) abort();  // not one of ours
  live--;
}
void *__enzyme_allocation_like[4] = {(void *)pool_alloc, (void *)1, (void *)"-1", (void *)pool_free};

double f(const double *x, int n) {
  double *t = pool_alloc(7, n * sizeof(double));
  for (int i = 0; i < n; i++) t[i] = sin(x[i]) * x[i];
  double s = 0;
  for (int i = 0; i < n; i++) s += t[i] * t[(i + 1) % n];
  pool_free(t);
  return s;
}

int main(void) {
  double x[5] = {0.1, 0.7, -0.3, 1.2, 2.0}, dx[5] = {0};
  __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_const, 5);
  check_rel("blocks live after the gradient", live, 0, 0);
  for (int i = 0; i < 5; i++) {
    double h = 1e-6, s = x[i];
    x[i] = s + h;
    double up = f(x, 5);
    x[i] = s - h;
    double down = f(x, 5);
    x[i] = s;
    check_fd("df/dx", dx[i], (up - down) / (2 * h), 1e-7);
  }
  for (int i = 0; i < 5; i++) {
    double v[5] = {0};
    v[i] = 1;
    check_rel("forward = reverse", __enzyme_fwddiff((void *)f, x, v, enzyme_const, 5), dx[i], 1e-13);
  }
  check_rel("blocks live at the end", live, 0, 0);
  return finish();
}
