// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A generic swap that moves elements 4 bytes at a time through a `may_alias` uint32_t, here over
// records of two doubles: each word is half of a double. Tagged `char`, the words were taken for
// integers and the primal's bits mirrored into the shadow (every tangent was the value of f, in
// forward mode; reverse mode put primal values into the gradient). The function reads the memory
// as doubles, so the words are pieces of doubles (`WholeFloatCopies.copiesPieces`): forward mode
// moves the shadow's words with the primal's, which puts the tangents back together whole. Reverse
// mode refuses (`double-halves-swapped-refused.c`).
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

extern int enzyme_dup;
double __enzyme_fwddiff(void *, ...);

static void swap_words_32(void *a, void *b, size_t n) {
  typedef uint32_t __attribute__((__may_alias__)) u32;
  do {
    n -= 4;
    u32 t = *(u32 *)((char *)a + n);
    *(u32 *)((char *)a + n) = *(u32 *)((char *)b + n);
    *(u32 *)((char *)b + n) = t;
  } while (n);
}

// Records {key, weight} ordered by key (an insertion sort), then a weighted sum that depends on
// where each record ends up.
double f(double *v, int n) {
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && v[2 * (j - 1)] > v[2 * j]; j--) swap_words_32(&v[2 * (j - 1)], &v[2 * j], 16);
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * v[2 * i] * v[2 * i + 1];
  return s;
}

int main(void) {
  enum { N = 4 };
  const double start[2 * N] = {0.9, 0.5, 0.1, 0.7, 0.4, 1.5, 0.2, -0.3};
  // Sorted by key: records 1 (0.1), 3 (0.2), 2 (0.4), 0 (0.9) at ranks 1..4.
  const int rank[N] = {4, 1, 3, 2};
  int failures = 0;
  for (int r = 0; r < N; r++) {
    // Record r ends at rank[r]: d/dkey = rank * weight, d/dweight = rank * key.
    double key = rank[r] * start[2 * r + 1], weight = rank[r] * start[2 * r];
    for (int part = 0; part < 2; part++) {
      double expected = part == 0 ? key : weight;
      double w[2 * N], d[2 * N] = {0};
      for (int i = 0; i < 2 * N; i++) w[i] = start[i];
      d[2 * r + part] = 1;
      double tangent = __enzyme_fwddiff((void *)f, enzyme_dup, w, d, N);
      printf("record %d part %d: forward %g expected %g\n", r, part, tangent, expected);
      if (tangent != expected) failures++;
    }
  }
  return failures != 0;
}
