// Floating-point values carried by integers across calls: a double's bits copied into a uint64_t
// (memcpy) and passed on, a union passed by value, a {float, int} struct that C's ABI passes and
// returns as one i64, and an array of such structs read element by element. The integer type
// analysis finds the floats and swad gives them back their types, so both modes follow them; the
// derivatives are checked against hand-derived values, on optimized and unoptimized input (with and without the pre-AD simplification).
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
#include <stdint.h>
#include <stdio.h>
#include <string.h>
extern double __enzyme_autodiff(void*, ...);
extern double __enzyme_fwddiff(void*, ...);
extern int enzyme_dup, enzyme_const;

typedef struct { float a; int n; } Scaled;      // passed and returned as i64 on x86-64
typedef union { double d; uint64_t u; } Bits;   // passed as i64

__attribute__((noinline)) static double from_bits(uint64_t b) { double d; memcpy(&d, &b, sizeof d); return d; }
__attribute__((noinline)) static double scaled(Scaled s) { return (double)s.a * s.n; }
__attribute__((noinline)) static Scaled make(float a, int n) { Scaled s = {a * a, n}; return s; }
__attribute__((noinline)) static double cube(Bits b) { return b.d * b.d * b.d; }
__attribute__((noinline)) static uint64_t to_bits(double x) { uint64_t b; memcpy(&b, &x, sizeof b); return b; }

// f(x) = x * 3 x^2 + x^3 + sin(x) = 4 x^3 + sin(x); the float rounding of make() is exact for x = 1.5.
double f(double x) {
  uint64_t b;
  memcpy(&b, &x, sizeof b);
  Bits u;
  u.d = x;
  return from_bits(b) * scaled(make((float)x, 3)) + cube(u) + sin(from_bits(to_bits(x)));
}

// g(arr) = sum a_i * n_i * a_i, so dg/da_i = 2 a_i n_i.
double g(const Scaled *arr, int m) {
  double t = 0;
  for (int i = 0; i < m; i++) t += scaled(arr[i]) * arr[i].a;
  return t;
}

// A double copied into an integer straight from memory, and back in the callee.
__attribute__((noinline)) void h(const double *x, double *y) {
  uint64_t b;
  memcpy(&b, &x[1], sizeof b);
  y[0] = x[0] * from_bits(b);
}

static int close(double got, double want) { return fabs(got - want) <= 1e-12 * fmax(1, fabs(want)); }

int main(void) {
  int ok = 1;
  double x = 1.5, want = 12 * x * x + cos(x);
  double rev = __enzyme_autodiff((void*)f, x), fwd = __enzyme_fwddiff((void*)f, x, 1.0);
  printf("f'(1.5): reverse %.17g forward %.17g want %.17g\n", rev, fwd, want);
  ok &= close(rev, want) && close(fwd, want);

  Scaled arr[3] = {{1.5f, 2}, {-2.0f, 4}, {0.25f, 6}}, darr[3] = {{0}}, tarr[3] = {{0}};
  __enzyme_autodiff((void*)g, enzyme_dup, arr, darr, enzyme_const, 3);
  for (int i = 0; i < 3; i++) {
    double wantA = 2.0 * arr[i].a * arr[i].n;
    memset(tarr, 0, sizeof tarr);
    tarr[i].a = 1;
    double t = __enzyme_fwddiff((void*)g, enzyme_dup, arr, tarr, enzyme_const, 3);
    printf("dg/da%d: reverse %g forward %g want %g (dn: %d)\n", i, darr[i].a, t, wantA, darr[i].n);
    ok &= darr[i].a == wantA && t == wantA && darr[i].n == 0;
  }

  double hx[2] = {0.5, 3}, dhx[2] = {0}, hy[1], dhy[1] = {1}, v[2] = {0, 1}, thy[1] = {0};
  __enzyme_autodiff((void*)h, enzyme_dup, hx, dhx, enzyme_dup, hy, dhy);
  __enzyme_fwddiff((void*)h, enzyme_dup, hx, v, enzyme_dup, hy, thy);
  printf("dh/dx: reverse (%g, %g) forward dx1 %g want (3, 0.5)\n", dhx[0], dhx[1], thy[0]);
  ok &= dhx[0] == 3 && dhx[1] == 0.5 && thy[0] == 0.5;
  return !ok;
}
