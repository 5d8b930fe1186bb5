// RUN: %clang-ad %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: not %swad-opt %t.O0in.bc -o %t.O0in.opt.bc 2>&1 | FileCheck %s
// A generic byte swap of doubles reached through a struct's `double *data` field. Inside the swap
// nothing types the bytes (the optimizer indexes them as bytes); reverse mode moved them forward
// like a pointer's and the gradient was silently 200 3 instead of 2 300 (found by the review).
// The alias tag of the pointer loaded from the field says its pointee is doubles
// (CopiedBytes.mayHoldFloats); without tags (-O0 input), another pointer loaded from the same
// field is used for doubles. Reverse mode refuses the copy, naming the function.
// CHECK: error: {{.*}}in function '{{swap_bytes|f}}': cannot differentiate in reverse mode this copy of data byte by byte that may be floating-point
#include <stddef.h>

extern double __enzyme_autodiff(void *, ...);
extern int enzyme_dup;

typedef struct { double *data; int n; } Vec;

__attribute__((noinline)) static void swap_bytes(void *a, void *b, size_t n) {
  unsigned char *p = a, *q = b;
  for (size_t i = 0; i < n; i++) {
    unsigned char t = p[i];
    p[i] = q[i];
    q[i] = t;
  }
}

__attribute__((noinline)) static void vec_swap(Vec *v, int i, int j) {
  swap_bytes(&v->data[i], &v->data[j], sizeof(double));
}

__attribute__((noinline)) double f(double *x, Vec *v) {
  v->data[0] = 2 * x[0];
  v->data[1] = 3 * x[1];
  vec_swap(v, 0, 1);
  return v->data[0] * 100 + v->data[1];
}

void gradient(double *x, double *dx, Vec *v, Vec *dv) {
  __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_dup, v, dv);
}
