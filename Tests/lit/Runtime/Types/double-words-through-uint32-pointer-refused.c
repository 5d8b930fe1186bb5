// RUN: %clang-ad -fno-strict-aliasing %s -o %t.alias.bc
// RUN: not %swad-opt %t.alias.bc -o %t.alias.opt.bc 2>&1 | FileCheck %s
// RUN: test ! -e %t.alias.opt.bc
// CHECK: double-words-through-uint32-pointer-refused.c:[[@LINE+13]]:{{[0-9]+}}: in function 'copy_words': cannot differentiate in reverse mode this copy of data 4 bytes at a time that may be floating-point
// Doubles copied through `uint32_t *`, built with -fno-strict-aliasing as such code must be (the
// words are untagged): no adjoint can go back in halves, so reverse mode refuses, naming the line.
// With strict aliasing the copy is undefined behaviour and its `int`-tagged words stay integers.
// Unoptimized input is not refused: the pre-AD simplification makes the loop a memcpy.
#include <stdint.h>

void __enzyme_autodiff(void *, ...);
extern int enzyme_dup;

__attribute__((noinline)) static void copy_words(void *dst, const void *src, int n) {
  uint32_t *d = dst;
  const uint32_t *s = src;
  for (int i = 0; i < n; i++) d[i] = s[i];
}

double f(const double *x) {
  double copy[2];
  copy_words(copy, x, 4);
  return copy[0] * copy[1];
}

void gradient(const double *x, double *g) { __enzyme_autodiff((void *)f, enzyme_dup, x, g); }
