// RUN: %clang -O1 -g -emit-llvm -c %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.out.bc 2>&1 | FileCheck %s
// With debug info, an error points at the file and line of the offending call.

extern double mystery(double);
extern int enzyme_dup;
double __enzyme_fwddiff(void *, ...);

double f(double x) {
  return 2.0 * mystery(x);
  // CHECK: swad-opt: error: {{.*}}error-debug-location.c:[[@LINE-1]]:{{[0-9]+}}: in function 'f': cannot differentiate a call of 'mystery'
}

double df(double x, double dx) {
  return __enzyme_fwddiff((void *)f, enzyme_dup, x, dx);
}
