// RUN: %clang -O1 -g -emit-llvm -c %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.out.bc 2>&1 | FileCheck %s
// RUN: not test -e %t.out.bc
// RUN: %clang -O0 -g -emit-llvm -c %s -o %t.O0.bc
// RUN: not %swad-opt %t.O0.bc -o %t.O0.out.bc 2>&1 | FileCheck %s
// RUN: not test -e %t.O0.out.bc
// A library function with no rule that people call on active data gets an error that says what
// to write instead, not the generic advice to register a derivative: here qsort (sorting through
// the C library). Runtime/Reverse/sort-in-program.c checks the advice.
#include <stdlib.h>
#include <string.h>

double __enzyme_autodiff(void *, ...);

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

double median3(const double *x) {
  double c[3];
  memcpy(c, x, sizeof c);
  qsort(c, 3, sizeof(double), compare);
  // CHECK: swad-opt: error: {{.*}}error-known-gaps.c:[[@LINE-1]]:{{[0-9]+}}: in function 'median3': cannot differentiate a call of 'qsort': sorting through the C library has no derivative rule in swad (the order it finds is not visible to it); write the sort in the program (an insertion sort, a merge sort: its swaps move the values and their derivatives), or sort outside the differentiated function
  return c[1];
}

void gradient(const double *x, double *dx) { __enzyme_autodiff((void *)median3, x, dx); }
