// RUN: %clang-ad %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: not %swad-opt %t.O0in.bc -o %t.O0in.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad -DFIXED %s -o %t.fixed.bc
// RUN: not %swad-opt %t.fixed.bc -o %t.fixed.opt.bc 2>&1 | FileCheck %s
// A least-significant-digit radix sort of positive doubles by their bits, as fast sorting code
// writes it: the values copied into a malloc'd block of uint64_t keys, moved as integers into a
// second block pass after pass (the blocks swapped), copied back; then a rank-weighted sum. The
// derivatives were silently wrong in both modes (forward mode gave the primal as every tangent).
// Now an error naming the line where the keys are read as integers; a stack array of keys was
// refused so already.
// CHECK: radix-sort-of-double-bits-refused.c:[[@LINE+15]]:{{[0-9]+}}: in function '{{.*}}': an integer array that a copy filled with floating-point data is loaded as an integer here
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);

static void radix_sort(double *a, int n) {
  uint64_t *k = malloc(n * sizeof(uint64_t)), *tmp = malloc(n * sizeof(uint64_t));
  memcpy(k, a, n * sizeof(double));
  for (int shift = 0; shift < 64; shift += 8) {
    int count[257] = {0};
    for (int i = 0; i < n; i++) count[((k[i] >> shift) & 0xFF) + 1]++;
    for (int b = 0; b < 256; b++) count[b + 1] += count[b];
    for (int i = 0; i < n; i++) tmp[count[(k[i] >> shift) & 0xFF]++] = k[i];
    uint64_t *t = k;
    k = tmp;
    tmp = t;
  }
  memcpy(a, k, n * sizeof(double));
  free(k);
  free(tmp);
}

double ranked(const double *x, int n) {
#ifdef FIXED
  n = 6;
#endif
  double c[6];
  for (int i = 0; i < n; i++) c[i] = x[i] * x[i] + 0.1 * i;
  radix_sort(c, n);
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * c[i];
  return s;
}

void gradient(const double *x, double *g, int n) {
  __enzyme_autodiff((void *)ranked, enzyme_dup, x, g, enzyme_const, n);
}
