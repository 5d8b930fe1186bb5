// RUN: %clang-ad %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.opt.bc 2>&1 | FileCheck %s
// RUN: %clang -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.plain.bc
// RUN: not %swad-opt %t.plain.bc -o %t.plain.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: not %swad-opt %t.O0in.bc -o %t.O0in.opt.bc 2>&1 | FileCheck %s
// CHECK: byte-swap-refused.c:[[@LINE+13]]:{{[0-9]+}}: in function '{{.*}}': cannot differentiate in reverse mode this copy of data byte by byte that may be floating-point
// Two doubles swapped byte by byte (the classic `unsigned char` loop of a generic sort's swap):
// no adjoint can be moved back in pieces, so reverse mode refuses, naming the line. It did not:
// inlined, the loop's moving pointers were phis, through which nothing looked for the doubles
// they reach, and the gradient was silently wrong (found by a corpus of code nobody here wrote).
// CopiedBytes.mayHoldFloats now looks through phis and selects.
#include <stddef.h>

extern int enzyme_dup;
void __enzyme_autodiff(void *, ...);

static void swap_bytes(void *a, void *b, size_t n) {
  unsigned char *x = a, *y = b;
  while (n--) { unsigned char c = *x; *x++ = *y; *y++ = c; }
}

double f(const double *p) {
  double v[2] = {p[0], 3 * p[1]};
  if (v[0] < v[1]) swap_bytes(&v[0], &v[1], sizeof(double));
  return v[0] * 2 + v[1] * v[1];
}

void gradient(const double *p, double *g) { __enzyme_autodiff((void *)f, enzyme_dup, p, g); }
