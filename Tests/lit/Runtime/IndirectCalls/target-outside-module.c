// A function pointer that turns out to point outside the module (here: into an object file linked
// natively beside it) has no derivative swad could call. The primal still runs; the derivative stops
// at the call with a message naming it, rather than computing a wrong derivative. The message ends
// with the function reached, as the dynamic linker knows it: its symbol when the executable exports
// it (-rdynamic), else the file that holds it. Pointers to the
// module's own functions of that type still differentiate.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang -c %S/Inputs/outside.c -o %t.outside.o
// RUN: %clang %t.opt.bc %t.outside.o -o %t -lm
// RUN: %t inside
// RUN: not --crash %t outside 2>&1 | FileCheck %s
// RUN: %clang %t.opt.bc %t.outside.o -rdynamic -o %t.exported -lm
// RUN: not --crash %t.exported outside 2>&1 | FileCheck %s --check-prefix=NAMED
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc %t.outside.o -o %t.O0in -lm
// RUN: %t.O0in inside
// RUN: not --crash %t.O0in outside 2>&1 | FileCheck %s
// (From -O0 input, `apply` is inlined into `objective`: clang -O0 marks every function noinline, so
// the attribute written here cannot be told from clang's, and swad lets the simplification inline.)
// CHECK: swad: {{.*}}target-outside-module.c:[[@LINE+12]]{{.*}}in function '{{apply|objective}}': a call through a function pointer reached a function outside the differentiated module, whose derivative is unknown (a function without an exported name in {{.*}}target-outside-module.c.tmp{{(.O0in)?}})
// NAMED: swad: {{.*}}in function 'apply': a call through a function pointer reached a function outside the differentiated module, whose derivative is unknown ('outside_square' in {{.*}}target-outside-module.c.tmp.exported)
#include <string.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
typedef double (*Unary)(double);
double (*outside_function(void))(double);

double cube(double x) { return x * x * x; }
double (*volatile chosen)(double) = cube;

__attribute__((noinline)) double apply(Unary f, double x) { return f(x) + x; }
double objective(double x) { return apply(chosen, x); }

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "outside") == 0) chosen = outside_function();
  check_rel("primal", objective(2.0), chosen == cube ? 10.0 : 6.0, 0);
  check_rel("gradient", __enzyme_autodiff((void *)objective, 2.0), 13.0, 1e-15);
  return finish();
}
