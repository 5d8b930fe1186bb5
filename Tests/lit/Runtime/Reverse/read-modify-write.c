// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// RUN: %clang-ad -Xclang -disable-llvm-passes %s -o %t.raw.bc
// RUN: %swad-opt %t.raw.bc --pre-passes '' -O0 -o %t.raw.opt.bc
// RUN: %clang %t.raw.opt.bc -o %t.raw -lm
// RUN: %t.raw
// Updates in place, `a[i] op= …`, whose reverse leaves the shadow uncleared for the load's reverse
// to overwrite (`Reverse/Gradient+Memory.swift`): accumulations, the four compound operators, a
// constant table read between the load and the store, an
// update reading another element of the same array (sometimes the same element), GMM's triangular
// product with the vector and the result in one buffer, a float array, and an update whose stored
// value does not depend on the load. The arrays live in helpers that are not inlined, so the
// pointers may alias. Each gradient against central differences, at -O2, -O0 and raw input.
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern int enzyme_dup, enzyme_const;

#define N 9
#define HELPER __attribute__((noinline))

HELPER static void accumulate(double *a, const double *b, int n, double c) {
  for (int i = 0; i < n; i++) a[i] += b[i] * c;
}

// a[i] = a[i] + w[i] a[i + 1 wrapped], w a constant table read between a[i]'s load and store.
static const double weights[N] = {0.1, -0.2, 0.3, 0.05, -0.15, 0.25, 0.2, -0.1, 0.12};
HELPER static void weighted_neighbour(double *a, const double *w, int n) {
  for (int i = 0; i < n; i++) {
    double next = sin(a[(i + 1) % n]);
    a[i] = a[i] + w[i] * next;
  }
}

HELPER static void compound(double *a, const double *b, int n) {
  for (int i = 0; i < n; i++) {
    a[i] -= 0.5 * b[i];
    a[i] *= b[i];
    a[i] /= 1.0 + b[i] * b[i];
  }
}

// a[i] += 0.3 a[(7 i) % n]: the element read is a[i] itself when 7 i ≡ i (mod n).
HELPER static void self_reading(double *a, int n) {
  for (int i = 0; i < n; i++) a[i] += 0.3 * a[(7 * i) % n];
}

// out[j] += l[k] x[i] over j > i, out and x in one buffer: out starts `shift` elements after x.
HELPER static void triangle(double *buffer, const double *l, int n, int shift) {
  double *x = buffer, *out = buffer + shift;
  int k = 0;
  for (int i = 0; i < n - shift; i++)
    for (int j = i + 1; j < n - shift; j++) out[j] += l[k++ % (N * (N - 1) / 2)] * x[i];
}

HELPER static void single_precision(float *a, const float *b, int n) {
  for (int i = 0; i < n; i++) a[i] += b[i] * a[i];
}

// The stored value does not depend on the loaded one, which is used after the store.
HELPER static double replace(double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    double old = a[i];
    a[i] = b[i] * b[i];
    s += old * old;
  }
  return s;
}

static double objective(const double *x, const double *l, int n) {
  double a[N], b[N], buffer[N];
  for (int i = 0; i < n; i++) a[i] = x[i], b[i] = sin(x[i]) + 1.5, buffer[i] = cos(x[i]);
  accumulate(a, b, n, 0.7);
  compound(a, b, n);
  weighted_neighbour(a, weights, n);
  self_reading(a, n);
  self_reading(b, n);
  triangle(buffer, l, n, 0);
  triangle(buffer, l, n, 2);
  double s = replace(b, a, n);
  for (int i = 0; i < n; i++) s += a[i] * (1.0 + 0.1 * i) + b[i] * b[i] + buffer[i] * buffer[i];
  return s;
}

// Float: a[i] (1 + b[i]) weighted, against its derivative by hand (float rounding would swamp
// central differences).
static float float_objective(const float *x, int n) {
  float a[N], b[N], s = 0;
  for (int i = 0; i < n; i++) a[i] = x[i] * x[i], b[i] = 0.5f * x[i];
  single_precision(a, b, n);
  for (int i = 0; i < n; i++) s += (1.0f + 0.1f * i) * a[i];
  return s;
}

int main(void) {
  double x[N], l[N * (N - 1) / 2], dx[N] = {0}, dl[N * (N - 1) / 2] = {0};
  for (int i = 0; i < N; i++) x[i] = 0.3 + 0.1 * i - 0.02 * i * i;
  for (int i = 0; i < N * (N - 1) / 2; i++) l[i] = 0.05 * (i % 5) - 0.1;
  __enzyme_autodiff((void *)objective, enzyme_dup, x, dx, enzyme_dup, l, dl, enzyme_const, N);
  check_gradient_two_arrays(objective, x, l, N, N * (N - 1) / 2, dx, dl, 1e-6, 1e-6);
  float xf[N], dxf[N] = {0};
  for (int i = 0; i < N; i++) xf[i] = (float)x[i];
  __enzyme_autodiff((void *)float_objective, enzyme_dup, xf, dxf, enzyme_const, N);
  for (int i = 0; i < N; i++) {
    // d/dx (x² (1 + x/2)) = 2x + 1.5x².
    double xi = xf[i];
    check_rel("dx float", dxf[i], (1.0 + 0.1 * i) * (2 * xi + 1.5 * xi * xi), 1e-6);
  }
  return finish();
}
