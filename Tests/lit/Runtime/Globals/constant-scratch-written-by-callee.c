// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t ok
// RUN: not %t reverse 2>&1 | FileCheck %s
// RUN: not %t forward 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in ok
// RUN: %t.O0in reverse | FileCheck %s --check-prefix=RIGHT
// RUN: %t.O0in forward | FileCheck %s --check-prefix=RIGHT
// A scratch buffer passed as enzyme_const, written with values that have a derivative by one helper
// and read back by another called with no active argument (`put(work, x); return get(work) + x;`).
// The derivative has no shadow for it; the argument is passed with the primal pointer as its shadow
// (CallSites/ConstantArgumentsWrittenThrough.swift), so `get` is differentiated and its read stops
// the program with the error naming the read and the write (Support/UnshadowedMemory.swift). Before,
// `get` was taken for inactive and the derivative was silently 1 instead of 2x + 1 in both modes.
// A constant buffer only written (a log, by a helper) costs its records and is no error: the
// derivative is right and the log holds the primal's values. From unoptimized input the helpers
// are inlined and the values never reach memory: the derivative is right.
// CHECK: swad: error: a derivative would be wrong: {{.*}}constant-scratch-written-by-callee.c:[[@LINE+10]]:{{[0-9]+}}: a load of a 'double' in function 'get' reads memory that has no shadow, where {{.*}}constant-scratch-written-by-callee.c:[[@LINE+9]]:{{[0-9]+}}: a store of a 'double' in function 'put' wrote a value with a derivative
// RIGHT: right
#include <string.h>
#include "../Inputs/check.h"

extern int enzyme_const, enzyme_dup, enzyme_out;
double __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

__attribute__((noinline)) static void put(double *w, double v) { *w = v * v; }
__attribute__((noinline)) static double get(const double *w) { return *w; }
__attribute__((noinline)) double scratch(double x, double *work) {
  put(work, x);
  return get(work) + x; /* x^2 + x */
}

__attribute__((noinline)) static void record(double *log, int i, double v) { log[i] = v; }
__attribute__((noinline)) double logged(double x, double *log) {
  double y = x * x * x;
  record(log, 0, y);
  record(log, 1, 2 * y);
  return y; /* x^3 */
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "ok";
  double *work = malloc(4 * sizeof(double)), x = 1.5;
  if (strcmp(mode, "ok")) {
    double d = !strcmp(mode, "reverse") ? __enzyme_autodiff((void *)scratch, enzyme_out, x, enzyme_const, work)
                                         : __enzyme_fwddiff((void *)scratch, x, 1.0, enzyme_const, work);
    printf("%s: %g, want %g\n", d == 2 * x + 1 ? "right" : "wrong", d, 2 * x + 1);
    return d != 2 * x + 1;
  }
  double log[2] = {0, 0};
  check_rel("log, reverse", __enzyme_autodiff((void *)logged, enzyme_out, x, enzyme_const, log), 3 * x * x, 1e-15);
  check_rel("log holds the primal's value", log[0], x * x * x, 1e-15);
  check_rel("log holds the primal's value", log[1], 2 * x * x * x, 1e-15);
  log[0] = log[1] = 0;
  check_rel("log, forward", __enzyme_fwddiff((void *)logged, x, 1.0, enzyme_const, log), 3 * x * x, 1e-15);
  check_rel("log holds the primal's value", log[0], x * x * x, 1e-15);
  check_rel("log holds the primal's value", log[1], 2 * x * x * x, 1e-15);
  return finish();
}
