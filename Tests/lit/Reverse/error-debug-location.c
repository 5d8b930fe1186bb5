// RUN: %clang -O1 -g -emit-llvm -c %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.out.bc 2>&1 | FileCheck %s
// Reverse mode, with debug info: the error points at the file and line of the offending call.

extern double mystery(double);
double __enzyme_autodiff(void *, ...);

double f(double x) {
  double y = x * x;
  return y + mystery(y);
  // CHECK: swad-opt: error: {{.*}}error-debug-location.c:[[@LINE-1]]:{{[0-9]+}}: in function 'f': cannot differentiate a call of 'mystery'
}

double df(double x) { return __enzyme_autodiff((void *)f, x); }
