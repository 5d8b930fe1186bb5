// The functions AD makes are compiled for the target the program is compiled for, not for the host:
// a dispatcher that the primal itself calls (the indirect call below) inlines the targets, and
// compiled for a host with FMA it fused their `s * 0.1 + 0.7`, which clang compiles for x86-64 as a
// multiply and an add: the primal's results changed in the last bit. (On a host without FMA the
// results agree either way.)
// RUN: %swad %s -o %t
// RUN: %t | FileCheck %s
// RUN: %swad -O0 %s -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad %t.O0in.bc -o %t.O0in
// RUN: %t.O0in | FileCheck %s
// RUN: %swad %s -emit-llvm -S -o - | FileCheck %s --check-prefix=IR
// CHECK: primal results that differ from the unfused ones: 0 of 1000
// CHECK: derivative 0.1
// The dispatcher is inlined into the primal by then; AD's own helpers are left, compiled as it is.
// IR: define internal {{.*}}@swad.tape.grow({{.*}}) {{.*}}[[GROW:#[0-9]+]] {
// IR: attributes [[GROW]] = { {{.*}}"target-cpu"="x86-64"
#include <stdio.h>

extern double __enzyme_autodiff(void *, ...);
extern int enzyme_const;

static double slow(double s) { return s * 0.1 + 0.7; }
static double fast(double s) { return s * 0.2 + 0.3; }
static double (*volatile table[2])(double) = {slow, fast};

__attribute__((noinline)) double objective(double x, int k) { return table[k](x); }

int main(int argc, char **argv) {
  (void)argv;
  int differ = 0;
  for (int i = 0; i < 1000; i++) {
    double x = 0.3 + i * 0.0123456789;
    volatile double product = x * 0.1;
    differ += objective(x, argc - 1) != product + 0.7;
  }
  printf("primal results that differ from the unfused ones: %d of 1000\n", differ);
  printf("derivative %g\n", __enzyme_autodiff((void *)objective, 0.3, enzyme_const, argc - 1));
  return differ != 0;
}
