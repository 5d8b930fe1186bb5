// An AD error inside a helper names the calls through which the differentiated code reached it,
// innermost first, each at the place in its caller's own code: the error's own place may be a
// library's or the compiler's (a Swift standard-library specialization's `<compiler-generated>:0`),
// the user's line is in the chain.
// RUN: not %swad -g %s -o %t 2>&1 | FileCheck %s
// CHECK: swad: error: {{.*}}error-reached-from.c:[[@LINE+9]]:{{[0-9]+}}: in function 'inner': cannot differentiate a call of 'mystery'
// CHECK-SAME: (reached from 'middle' at {{.*}}error-reached-from.c:[[@LINE+13]]:{{[0-9]+}}, from 'outer' at {{.*}}error-reached-from.c:[[@LINE+18]]:{{[0-9]+}})
#include <stdio.h>

extern double __enzyme_autodiff(void *, ...);
double mystery(double);

__attribute__((noinline)) double inner(double x) {
  double y = x * x;
  return mystery(y) + y;
}

__attribute__((noinline)) double middle(double x) {
  double s = 0;
  for (int i = 0; i < 3; i++) s += inner(x + i);
  return s;
}

double outer(double x) {
  double t = middle(x) * 2;
  return t;
}

int main(void) {
  printf("%g\n", __enzyme_autodiff((void *)outer, 1.5));
  return 0;
}
