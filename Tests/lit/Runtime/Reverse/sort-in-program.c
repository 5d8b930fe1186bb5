// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A sort written in the program (what Reverse/error-known-gaps.ll advises where the C library's sort
// has no rule, and what many programs do anyway) is differentiated through its swaps (qsort itself:
// Runtime/Sort/qsort.c). A trimmed mean of squares (sort a copy with an insertion sort,
// average the middle half) and a median of five by a sorting network of compare-and-swap; the
// gradients against central differences, at points where no two values tie.
#include <string.h>

#include "../Inputs/check.h"

extern int enzyme_const;
extern void __enzyme_autodiff(void *, ...);

double trimmed(const double *x, int n) {
  double *c = malloc(n * sizeof(double));
  memcpy(c, x, n * sizeof(double));
  for (int i = 1; i < n; i++) {
    double v = c[i];
    int j = i - 1;
    while (j >= 0 && c[j] > v) {
      c[j + 1] = c[j];
      j--;
    }
    c[j + 1] = v;
  }
  double s = 0;
  for (int i = n / 4; i < n - n / 4; i++) s += c[i] * c[i];
  free(c);
  return s / (n - 2 * (n / 4));
}

static void order(double *a, double *b) {
  if (*a > *b) {
    double t = *a;
    *a = *b;
    *b = t;
  }
}

double median5(const double *x, int unused) {
  (void)unused;
  double c[5] = {x[0], x[1], x[2], x[3], x[4]};
  order(&c[0], &c[1]), order(&c[3], &c[4]), order(&c[0], &c[3]), order(&c[1], &c[4]);
  order(&c[1], &c[2]), order(&c[2], &c[3]), order(&c[1], &c[2]);
  return c[2] * sin(c[2]);
}

int main(void) {
  double x[9] = {0.3, -1.2, 2.5, 0.7, -0.1, 1.9, -2.2, 0.05, 1.1}, dx[9] = {0};
  __enzyme_autodiff((void *)trimmed, x, dx, enzyme_const, 9);
  check_gradient_fd("trimmed mean", trimmed, x, dx, 9, 1e-6, 1e-7);
  double y[5] = {0.9, -0.4, 1.7, 0.2, 1.3}, dy[5] = {0};
  __enzyme_autodiff((void *)median5, y, dy, enzyme_const, 5);
  check_gradient_fd("median of five", median5, y, dy, 5, 1e-6, 1e-7);
  double z[5] = {-2.0, 3.0, 0.5, 0.6, -1.0}, dz[5] = {0};
  __enzyme_autodiff((void *)median5, z, dz, enzyme_const, 5);
  check_gradient_fd("median of five, another order", median5, z, dz, 5, 1e-6, 1e-7);
  return finish();
}
