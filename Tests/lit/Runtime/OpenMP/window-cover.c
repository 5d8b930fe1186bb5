// REQUIRES: openmp
// RUN: %clang-ad -fopenmp %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang -fopenmp %t.opt.bc -o %t -lm
// RUN: env OMP_NUM_THREADS=1 %t
// RUN: env OMP_NUM_THREADS=2 %t
// RUN: env OMP_NUM_THREADS=3 %t
// RUN: %clang-ad-O0 -fopenmp %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang -fopenmp %t.O0.opt.bc -o %t.O0 -lm
// RUN: env OMP_NUM_THREADS=2 %t.O0
// RUN: env OMP_NUM_THREADS=4 %t.O0
// Adjoints of shared inputs read in counted inner loops whose index is affine in the loop's
// inductions go to the thread's window without a bounds check: the window is grown once per run of
// the loop, on entering its reverse, to the indices of its first and last iterations. Each shape
// below moves those ends differently (strided, descending, offset by the outer index, a second
// induction carried across rows, an access in only some iterations, a window that must grow
// downwards), mixed with accesses that are not affine and keep the check.
#include "Inputs/omp-check.h"

// Strided rows: x[3 j + i % 4] for j < 12, and a non-affine x[(i * 7) % n].
static double strided(const double *x, double *w, int n) {
  double s = 0;
  #pragma omp parallel for reduction(+:s) schedule(static)
  for (int i = 0; i < 40; i++) {
    double t = 0;
    for (int j = 0; j < 12; j++) t += x[3 * j + i % 4] * sin(0.1 * (i + j));
    s += t * t * x[(i * 7) % n];
  }
  return s;
}

// Descending inner loops over a suffix that starts at the outer index: the window first grows to
// the row's end, later rows reach below. Dynamically scheduled: each chunk loads the captured
// pointer x again, which is still the same pointer (the region never writes the variable).
static double descending(const double *x, double *w, int n) {
  double s = 0;
  #pragma omp parallel for reduction(+:s) schedule(dynamic, 3)
  for (int i = n - 1; i >= 0; i--) {
    double t = 1;
    for (int j = n - 1; j >= i; j -= 2) t += x[j] * x[n - 1 - j] * 0.01;
    s += log(t);
  }
  return s;
}

// GMM's triangular product: idx is a second induction, carried from row to row.
static double triangle(const double *x, double *w, int n) {
  const int d = 9;
  double s = 0;
  #pragma omp parallel for reduction(+:s) schedule(static, 2)
  for (int sample = 0; sample < 30; sample++) {
    double out[9];
    for (int a = 0; a < d; a++) out[a] = x[a] * cos(0.2 * sample + a);
    int idx = d;
    for (int a = 0; a < d; a++)
      for (int b = a + 1; b < d; b++) {
        out[b] += 0.2 * x[idx] * out[a];
        idx++;
      }
    for (int a = 0; a < d; a++) s += out[a] * out[a];
  }
  return s;
}

// An access in every third iteration only, with an index that leaves the array's end in the
// iterations it skips (covered anyway: the window's slack is never added to the shadow).
static double sometimes(const double *x, double *w, int n) {
  double s = 0;
  #pragma omp parallel for reduction(+:s) schedule(static)
  for (int i = 0; i < n; i++) {
    double t = 0;
    int base = n - 10 + i % 3;
    for (int j = 0; j < 10; j++)
      if ((i + j) % 3 == 0 && base + j < n) t += x[base + j] * x[i];
    s += exp(0.1 * t);
  }
  return s;
}

int main(void) {
  int failed = 0;
  failed |= CHECK(strided, 60);
  failed |= CHECK(descending, 45);
  failed |= CHECK(triangle, 50);
  failed |= CHECK(sometimes, 33);
  return failed;
}
