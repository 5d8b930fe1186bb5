// A call through a function pointer of a type no function of the module has its address taken for:
// the pointer can only hold a function outside the module (here, one linked natively beside it), or
// the call never runs. It was refused when the derivative was built, so a program whose gradient
// never takes that path could not be differentiated at all (a Swift interpreter's closure case that
// no instruction of the program uses was refused so). Now the derivative is built, is right on the
// path without the call, and stops at the call with a message naming it if the call runs.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang -c %S/Inputs/outside.c -o %t.outside.o
// RUN: %clang %t.opt.bc %t.outside.o -o %t -lm
// RUN: %t
// RUN: not --crash %t outside 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc %t.outside.o -o %t.O0in -lm
// RUN: %t.O0in
// RUN: not --crash %t.O0in outside 2>&1 | FileCheck %s
// CHECK: swad: {{.*}}no-target-in-module.c:[[@LINE+12]]{{.*}}in function '{{shaped|objective}}': a call through a function pointer reached a function outside the differentiated module
#include <math.h>
#include <string.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
double (*outside_function(void))(double);

// The transform a user may plug in; none by default.
double (*volatile transform)(double) = 0;

__attribute__((noinline)) double shaped(double x) {
  if (transform) return transform(x);
  return sin(x) * x;
}
double objective(double x) { return shaped(x) + x * x; }

int main(int argc, char **argv) {
  double x = 0.7;
  if (argc > 1 && strcmp(argv[1], "outside") == 0) transform = outside_function();
  if (!transform) check_rel("primal", objective(x), sin(x) * x + x * x, 0);
  check_rel("gradient", __enzyme_autodiff((void *)objective, x), cos(x) * x + sin(x) + 2 * x, 1e-15);
  return finish();
}
