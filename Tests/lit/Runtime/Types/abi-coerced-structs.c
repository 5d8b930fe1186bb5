// Small structs by value, as x86-64's C ABI passes and returns them: four floats as two <2 x float>,
// {int, float} as one i64 with the float in its upper half, {float, short, char} as an i64 with
// padding, two floats as one <2 x float>. Each helper is kept out of line, so the floats cross the
// calls inside integers or vectors; both modes agree with the hand-derived derivative, from optimized
// and unoptimized input.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Unsimplified input (no pre-AD passes): the values travel through stack slots and memcpy.
// RUN: %clang-ad -Xclang -disable-llvm-passes %s -o %t.raw.bc
// RUN: %swad-opt %t.raw.bc --pre-passes '' -O0 -o %t.raw.opt.bc
// RUN: %clang %t.raw.opt.bc -o %t.raw -lm
// RUN: %t.raw
#include <math.h>
#include <stdio.h>
extern double __enzyme_autodiff(void*, ...);
extern double __enzyme_fwddiff(void*, ...);
typedef struct { float x, y, z, w; } F4;      // two <2 x float>
typedef struct { int k; float v; } IF;        // i64, float in the upper half
typedef struct { float a; short s; char c; } FSC;  // i64: float, i16, i8, padding
typedef struct { float a, b; } F2;            // <2 x float>
__attribute__((noinline)) static F4 make4(float t) { F4 r = {t, 2 * t, t * t, 1}; return r; }
__attribute__((noinline)) static double dot4(F4 p) { return (double)p.x * p.y + (double)p.z * p.w; }
__attribute__((noinline)) static IF makeIF(float t) { IF r = {7, t * 3}; return r; }
__attribute__((noinline)) static double useIF(IF r) { return (double)r.v * r.k; }
__attribute__((noinline)) static double useFSC(FSC r) { return (double)r.a * r.s + r.c; }
__attribute__((noinline)) static F2 swap2(F2 p) { F2 r = {p.b, p.a * p.a}; return r; }
double f(double x) {
  float t = (float)x;
  FSC s = {t, 5, 1};
  F2 p = swap2((F2){t, 2 * t});
  return dot4(make4(t)) + useIF(makeIF(t)) + useFSC(s) + p.a * p.b;
}
int main(void) {
  double x = 0.75;
  // f = 2t^2 + t^2 + 21 t + 5 t + 1 + 2t * t^2 = 3 t^2 + 26 t + 1 + 2 t^3
  double want = 6 * x + 26 + 6 * x * x;
  double rev = __enzyme_autodiff((void*)f, x), fwd = __enzyme_fwddiff((void*)f, x, 1.0);
  printf("rev %.17g fwd %.17g want %.17g\n", rev, fwd, want);
  return !(fabs(rev - want) <= 1e-12 * want && fabs(fwd - want) <= 1e-12 * want);
}
