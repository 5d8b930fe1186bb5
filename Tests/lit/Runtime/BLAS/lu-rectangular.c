// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %openblas
// RUN: not --crash %t 2>&1 | FileCheck %s
// The rules of dgetrf_ are written for square matrices; a rectangular one, known only at run time,
// stops the program with a message naming the routine instead of giving a wrong derivative.
#include <stdio.h>

void dgetrf_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);
extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);

static double factor(double *a, int *m, int *n) {
  int ipiv[4], info;
  dgetrf_(m, n, a, m, ipiv, &info);
  double s = 0;
  for (int i = 0; i < *m * *n; i++) s += a[i] * a[i];
  return s;
}

int main(void) {
  int m = 3, n = 2;
  double a[6] = {4, 1, 2, 1, 3, 1}, da[6] = {0};
  printf("gradient of a 3x2 factorization\n");
  fflush(stdout);
  __enzyme_autodiff((void *)factor, enzyme_dup, a, da, enzyme_const, &m, enzyme_const, &n);
  printf("not reached %g\n", da[0]);
  return 0;
}
// CHECK: gradient of a 3x2 factorization
// CHECK: swad: the derivative of dgetrf_ is written for square matrices only (m = n)
// CHECK-NOT: not reached
