// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clang %t.O2.opt.bc -o %t.O2 -lm
// RUN: %t.O2 | FileCheck %s
// RUN: %clang -O2 -fno-strict-aliasing -g -emit-llvm -c %s -o %t.alias.bc
// RUN: %swad-opt %t.alias.bc -o %t.alias.opt.bc
// RUN: %clang %t.alias.opt.bc -o %t.alias -lm
// RUN: %t.alias | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0 | FileCheck %s
// CHECK: 300 checks passed
//
// Doubles (and floats) moved through integer words: each copied with `memcpy` into a
// `struct { uint64_t bits; }`, the structs copied into another array in a new order, each read back
// with `memcpy` (or through a union's members). The copies between the arrays declare integers (the struct's field, clang's `long`
// tag): their shadows mirrored the values, forward mode gave the values themselves as tangents and
// reverse mode lost the adjoints, silently, at every optimization level. Where the function reads
// the words it copies as floating-point values, the copies move those values
// (`Types/integer-copies-read-back-as-floats.ll`).
#include <stdint.h>
#include <string.h>
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);

typedef struct { uint64_t bits; } word;
typedef struct { uint32_t bits; } word32;
typedef struct { uint64_t bits; int weight; } weighted;

enum { capacity = 24 };

// The words reversed (the loop vectorizer copies them two at a time and swaps the pair).
__attribute__((noinline)) double reversed(const double *x, int n) {
  word w[capacity], v[capacity];
  for (int i = 0; i < n; i++) memcpy(&w[i].bits, &x[i], 8);
  for (int i = 0; i < n; i++) v[i] = w[n - 1 - i];
  double s = 0;
  for (int i = 0; i < n; i++) {
    double d;
    memcpy(&d, &v[i].bits, 8);
    s += d * d * (i + 1);
  }
  return s;
}

// Plain `uint64_t` arrays, rotated by one.
__attribute__((noinline)) double rotated(const double *x, int n) {
  uint64_t u[capacity], v[capacity];
  for (int i = 0; i < n; i++) memcpy(&u[i], &x[i], 8);
  for (int i = 0; i < n; i++) v[(i + 1) % n] = u[i];
  double s = 0;
  for (int i = 0; i < n; i++) {
    double d;
    memcpy(&d, &v[i], 8);
    s += sin(d) * (i + 2);
  }
  return s;
}

// Floats through 32-bit words, every other one.
__attribute__((noinline)) double narrowed(const double *x, int n) {
  word32 w[capacity], v[capacity];
  for (int i = 0; i < n; i++) {
    float f = (float)x[i];
    memcpy(&w[i].bits, &f, 4);
  }
  int m = 0;
  for (int i = 0; i < n; i += 2) v[m++] = w[i];
  double s = 0;
  for (int i = 0; i < m; i++) {
    float f;
    memcpy(&f, &v[i].bits, 4);
    s += (double)f * f;
  }
  return s;
}

// Records of a word and an integer weight beside it, copied whole in a new order.
__attribute__((noinline)) double records(const double *x, int n) {
  weighted r[capacity], t[capacity];
  for (int i = 0; i < n; i++) {
    memcpy(&r[i].bits, &x[i], 8);
    r[i].weight = i + 1;
  }
  for (int i = 0; i < n; i++) t[i] = r[(3 * i) % n];
  double s = 0;
  for (int i = 0; i < n; i++) {
    double d;
    memcpy(&d, &t[i].bits, 8);
    s += d * d * d * t[i].weight;
  }
  return s;
}

// Doubles stored through a union's `double`, moved through its `uint64_t` reversed, read back
// through the `double` (the loop vectorizer swaps the words in pairs).
__attribute__((noinline)) double unions(const double *x, int n) {
  union { double d; uint64_t u; } w[capacity], v[capacity];
  for (int i = 0; i < n; i++) w[i].d = x[i];
  for (int i = 0; i < n; i++) v[i].u = w[n - 1 - i].u;
  double s = 0;
  for (int i = 0; i < n; i++) s += v[i].d * v[i].d * (i + 1);
  return s;
}

// `int64_t` words swapped in pairs in place, then read back (the vectorizer swaps each pair as a
// `<2 x i64>`; untagged, its second word is addressed as a byte offset).
__attribute__((noinline)) double swapped(const double *x, int n) {
  int64_t a[capacity];
  for (int i = 0; i < n; i++) memcpy(&a[i], &x[i], 8);
  for (int i = 0; i + 1 < n; i += 2) {
    int64_t t = a[i];
    a[i] = a[i + 1];
    a[i + 1] = t;
  }
  double s = 0;
  for (int i = 0; i < n; i++) {
    double d;
    memcpy(&d, &a[i], 8);
    s += d * d * d * (i + 1);
  }
  return s;
}

// Reverse mode against forward mode, component by component, and against central differences.
#define CHECK(f, n, h, tolerance)                                                                      \
  do {                                                                                              \
    double x[capacity], g[capacity] = {0};                                                          \
    for (int i = 0; i < n; i++) x[i] = 0.3 + 0.11 * i - 0.004 * i * i;                              \
    __enzyme_autodiff((void *)f, enzyme_dup, x, g, enzyme_const, n);                                \
    char what[96];                                                                                  \
    for (int i = 0; i < n; i++) {                                                                   \
      double dx[capacity] = {0};                                                                    \
      dx[i] = 1;                                                                                    \
      snprintf(what, sizeof what, "%s, n = %d: d/dx%d against forward mode", #f, n, i);             \
      check_rel(what, g[i], __enzyme_fwddiff((void *)f, enzyme_dup, x, dx, enzyme_const, n), 1e-12); \
    }                                                                                               \
    snprintf(what, sizeof what, "%s, n = %d", #f, n);                                               \
    check_gradient_fd(what, f, x, g, n, h, tolerance);                                               \
  } while (0)

int main(void) {
  int sizes[] = {1, 2, 5, 8, 9};
  for (int k = 0; k < 5; k++) {
    CHECK(reversed, sizes[k], 1e-6, 1e-6);
    CHECK(rotated, sizes[k], 1e-6, 1e-6);
    CHECK(narrowed, sizes[k], 1e-2, 1e-4);
    CHECK(records, sizes[k], 1e-6, 1e-6);
    CHECK(unions, sizes[k], 1e-6, 1e-6);
    CHECK(swapped, sizes[k], 1e-6, 1e-6);
  }
  return finish();
}
