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
// Loops whose per-iteration tape values are kept as arrays indexed by the iteration
// (`Reverse/Gradient+RecordArrays.swift`), in the shapes that decide how: counting up and down,
// 32-bit counters starting below zero, triangular nests whose inner trip count changes with the
// outer index, a buffer overwritten for every sample (its values must be saved), blocks that some
// iterations skip (every other one, the first part, the triangle's last row; their elements of the
// skipped iterations stay unwritten), a loop its guard skips (n = 0 and 1), a stride of two and a
// data-dependent exit (not arrays: pushed and popped per iteration), and a loop nested in a loop of
// the same kind. Each gradient against central differences, at -O2, -O0 and raw input.
#include "../Inputs/check.h"
#include <stdlib.h>

extern void __enzyme_autodiff(void *, ...);
extern int enzyme_dup, enzyme_const;

#define N 7

// A running product (the reverse needs each iteration's partial product).
static double up(const double *x, int n) {
  double p = 1.0;
  for (int i = 0; i < n; i++) p = p * x[i] + sin(p);
  return p;
}

static double down(const double *x, int n) {
  double p = 0.5;
  for (int i = n - 1; i >= 0; i--) p = p * cos(x[i]) + x[i] * p;
  return p;
}

static double from_below_zero(const double *x, int n) {
  double p = 1.0;
  for (int i = -3; i < n - 3; i++) p = p * x[i + 3] + 0.1 * i * p * p;
  return p;
}

// Triangular: out[j] += l[idx] * v[i] over j > i, like a triangular matrix times a vector, with v
// and out in buffers rewritten for each of several samples.
static double triangular(const double *l, const double *x, int n, int samples) {
  double *v = malloc(sizeof(double) * n), *out = malloc(sizeof(double) * n);
  double total = 0.0;
  for (int s = 0; s < samples; s++) {
    for (int i = 0; i < n; i++) v[i] = x[i] - 0.1 * s;
    for (int i = 0; i < n; i++) out[i] = v[i] * v[i];
    int idx = 0;
    for (int i = 0; i < n; i++)
      for (int j = i + 1; j < n; j++) {
        out[j] += l[idx] * v[i];
        idx++;
      }
    for (int i = 0; i < n; i++) total += out[i] * out[i];
  }
  free(v);
  free(out);
  return total;
}

// The record of a block that runs in every other iteration, and of one that runs in the first part.
static double every_other(const double *x, int n) {
  double p = 1.0;
  for (int i = 0; i < n; i++) {
    if ((i & 1) == 0) p = p * x[i] + sin(p);
    p = p + 0.1 * x[i];
  }
  return p;
}

static double first_part(const double *x, int n, int m) {
  double p = 0.5, q = 1.0;
  for (int i = 0; i < n; i++) {
    if (i < m) {
      p = p * cos(x[i]) + q;
      q = q * p;
    }
    q = q + x[i] * x[i];
  }
  return p + q;
}

// From 1: the loop's guard (n > 1) may skip it, and with n = 0 the trip count from the exit test
// would be -1; the array is reserved only when the loop is entered.
static double from_one(const double *x, int n) {
  double p = x[0];
  for (int i = 1; i < n; i++) p = p * x[i] + sin(p);
  return p;
}

static double stride_two(const double *x, int n) {
  double p = 1.0;
  for (int i = 0; i < n; i += 2) p = p * x[i] + sin(p);
  return p;
}

static double until_small(const double *x, int n) {
  double p = x[0] * x[0] + 4.0;
  int i = 0;
  while (p > 1e-3 && i < 100) {
    p = p * 0.5 * (1.0 + 0.1 * sin(x[i % n]));
    i++;
  }
  return p;
}

static double objective(const double *x, const double *l, int n) {
  return up(x, n) + down(x, n) + from_below_zero(x, n) + 0.01 * triangular(l, x, n, 3) + stride_two(x, n)
         + until_small(x, n) + every_other(x, n) + 0.1 * first_part(x, n, n / 2)
         + from_one(x, n) + from_one(x, n - N) + from_one(x, n - N + 1);
}

static void gradient(const double *x, double *dx, const double *l, double *dl, int n) {
  __enzyme_autodiff((void *)objective, enzyme_dup, x, dx, enzyme_dup, l, dl, enzyme_const, n);
}

int main(void) {
  double x[N], l[N * (N - 1) / 2];
  for (int i = 0; i < N; i++) x[i] = 0.3 + 0.1 * i - 0.02 * i * i;
  for (int i = 0; i < N * (N - 1) / 2; i++) l[i] = 0.05 * (i % 5) - 0.1;
  double dx[N] = {0}, dl[N * (N - 1) / 2] = {0};
  gradient(x, dx, l, dl, N);
  // A second call on the same tape buffer (kept between calls) gives the same gradient.
  double dx2[N] = {0}, dl2[N * (N - 1) / 2] = {0};
  gradient(x, dx2, l, dl2, N);
  check_gradient_two_arrays(objective, x, l, N, N * (N - 1) / 2, dx, dl, 1e-6, 1e-6);
  for (int i = 0; i < N; i++) check_rel("dx again", dx2[i], dx[i], 0);
  for (int i = 0; i < N * (N - 1) / 2; i++) check_rel("dl again", dl2[i], dl[i], 0);
  return finish();
}
