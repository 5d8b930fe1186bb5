// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.out.bc 2>&1 | FileCheck %s
// RUN: not test -e %t.out.bc
// From C with debug info: a BLAS call in a function given to __enzyme_fwdsplit is refused at its
// file and line, in the function that makes it.
#include <cblas.h>

extern void *__enzyme_augmentfwd(void *, ...);
extern double __enzyme_fwdsplit(void *, ...);
extern int enzyme_dup, enzyme_const;

double norm2(const double *x, int n) {
  return cblas_ddot(n, x, 1, x, 1);
  // CHECK: swad-opt: error: {{.*}}error-blas-location.c:[[@LINE-1]]:{{[0-9]+}}: in function 'norm2': __enzyme_fwdsplit cannot differentiate a call of the BLAS routine 'cblas_ddot' yet
}

double dnorm2(const double *x, double *dx, int n) {
  void *tape = __enzyme_augmentfwd((void *)norm2, enzyme_dup, x, dx, enzyme_const, n);
  return __enzyme_fwdsplit((void *)norm2, enzyme_dup, x, dx, enzyme_const, n, tape);
}
