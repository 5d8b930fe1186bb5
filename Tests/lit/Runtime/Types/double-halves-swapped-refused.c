// RUN: %clang-ad %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: not %swad-opt %t.O0in.bc -o %t.O0in.opt.bc 2>&1 | FileCheck %s
// RUN: test ! -e %t.opt.bc && test ! -e %t.O0in.opt.bc
// CHECK: double-halves-swapped-refused.c:[[@LINE+17]]:{{[0-9]+}}: in function 'f': cannot differentiate in reverse mode this copy of data 4 bytes at a time that may be floating-point
// A generic swap that moves elements 4 bytes at a time through a `may_alias` uint32_t, over
// doubles: no adjoint can be moved back in halves, so reverse mode refuses, naming the line. It did
// not: optimized, the words (tagged `char`) were taken for integers and the gradient held the
// primal's values; unoptimized, each half was added to the shadow as a 32-bit float, right only
// while the bits survived a float addition. Forward mode is fine (`double-halves-swapped.c`).
#include <stddef.h>
#include <stdint.h>

extern int enzyme_dup;
void __enzyme_autodiff(void *, ...);

static void swap_words_32(void *a, void *b, size_t n) {
  typedef uint32_t __attribute__((__may_alias__)) u32;
  do {
    n -= 4;
    u32 t = *(u32 *)((char *)a + n);
    *(u32 *)((char *)a + n) = *(u32 *)((char *)b + n);
    *(u32 *)((char *)b + n) = t;
  } while (n);
}

double f(double *v, int n) {
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && v[j - 1] > v[j]; j--) swap_words_32(&v[j - 1], &v[j], 8);
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * v[i] * v[i];
  return s;
}

void gradient(double *v, double *g, int n) { __enzyme_autodiff((void *)f, enzyme_dup, v, g, n); }
