// A double copied into an integer (memcpy) whose sign is then flipped on the bits (xor) and passed to
// a function that reads a double out of it: the integer holds a double that integer operations
// changed, which swad does not differentiate across the call. It is an error naming the load, not a
// derivative silently 0 (found by scripts/fuzz --int-doubles). Unoptimized, the helper is inlined
// before AD and the flip on the bits read back as a double becomes a negation of the double
// (FloatCarriers.signOperationsAsFloats): differentiated, -0.5. The same copy without the xor is
// differentiated (Runtime/Types/floats-in-integers.c).
// RUN: %clang-ad %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in
// RUN: %t.O0in
// CHECK: swad-opt: error: {{.*}}float-bits-manipulated.c:[[@LINE+9]]:{{.*}}in function 'f': floating-point memory is loaded as an integer here, and the integer reaches a call of 'from_bits'
#include <stdint.h>
#include <stdio.h>
#include <string.h>
extern void __enzyme_autodiff(void*, ...);
extern int enzyme_dup;
__attribute__((noinline)) static double from_bits(uint64_t b) { double d; memcpy(&d, &b, sizeof d); return d; }
__attribute__((noinline)) void f(const double *x, double *y) {
  uint64_t b;
  memcpy(&b, &x[1], sizeof b);
  b ^= 1ull << 63;  // -x[1], computed on the bits
  y[0] = x[0] * from_bits(b);
}
int main(void) {
  double x[2] = {0.5, 3}, dx[2] = {0}, y[1], dy[1] = {1};
  __enzyme_autodiff((void*)f, enzyme_dup, x, dx, enzyme_dup, y, dy);
  printf("d/dx1 %g want -0.5\n", dx[1]);
  return !(dx[1] == -0.5);
}
