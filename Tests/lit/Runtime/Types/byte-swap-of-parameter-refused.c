// RUN: rm -f %t.opt.bc
// RUN: %clang-ad %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: not %swad-opt %t.O0in.bc -o %t.O0in.opt.bc 2>&1 | FileCheck %s
// RUN: test ! -e %t.opt.bc
// CHECK: byte-swap-of-parameter-refused.c:[[@LINE+14]]:{{[0-9]+}}: in function 'f': cannot differentiate in reverse mode this copy of data byte by byte that may be floating-point
// A K&R byte swap (`unsigned char` pointers stepped through the elements) sorting the doubles the
// caller hands over, not a local array: nothing declares what the bytes are (the parameter is a
// `double *` only in the function's own loads), so the byte loop was taken for characters and the
// doubles' adjoints stayed where they were (silently wrong: 1 2 instead of 2 1). The function
// moves the same memory as doubles (CopiedBytes.floatOverlap), so reverse mode refuses, naming the
// line.
#include <stddef.h>

extern int enzyme_dup;
void __enzyme_autodiff(void *, ...);

static void byte_swap(void *a, void *b, size_t size) {
  unsigned char *p = a, *q = b, t;
  while (size--) { t = *p; *p++ = *q; *q++ = t; }
}

double f(double *v) {
  if (v[0] > v[1]) byte_swap(&v[0], &v[1], sizeof(double));
  return v[0] + 2 * v[1];
}

void gradient(double *v, double *g) { __enzyme_autodiff((void *)f, enzyme_dup, v, g); }
