// A double copied into an integer straight from memory with a shadow (`memcpy(&bits, &x[1], 8)`, an
// integer load of floating-point memory) and passed to a non-inlined function: swad does not carry
// derivatives through integers, so it is an error naming the load, not a derivative silently 0
// (found by scripts/fuzz --int-doubles). From -O0 input the helper is inlined, the integer never
// leaves the function, and the derivative is right.
// RUN: %clang-ad %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// CHECK: swad-opt: error: {{.*}}float-memory-loaded-as-integer.c:[[@LINE+10]]:{{.*}}in function 'f': floating-point memory is loaded as an integer here, and the integer reaches a call of 'from_bits'
#include <stdint.h>
#include <stdio.h>
#include <string.h>
extern void __enzyme_autodiff(void*, ...);
extern void __enzyme_fwddiff(void*, ...);
extern int enzyme_dup;
__attribute__((noinline)) static double from_bits(uint64_t b) { double d; memcpy(&d, &b, sizeof d); return d; }
__attribute__((noinline)) void f(const double *x, double *y) {
  uint64_t b;
  memcpy(&b, &x[1], sizeof b);
  y[0] = x[0] * from_bits(b);
}
int main(void) {
  double x[2] = {0.5, 3}, dx[2] = {0}, y[1], dy[1] = {1}, v[2] = {0, 1}, ty[1] = {0};
  __enzyme_autodiff((void*)f, enzyme_dup, x, dx, enzyme_dup, y, dy);
  __enzyme_fwddiff((void*)f, enzyme_dup, x, v, enzyme_dup, y, ty);
  printf("d/dx1: rev %g fwd %g want 0.5\n", dx[1], ty[0]);
  return !(dx[1] == 0.5 && ty[0] == 0.5);
}
