// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Loops that read an element whose address does not change in the loop, left inside it because
// the arrays may alias: the reverse loop sums that element's adjoint in a register and adds it to
// memory once (`Gradient+RotatedAdjoints`), unless the check on entering the loop finds that a store
// of the loop may write the same adjoint (the same array passed twice). GMM's triangular product, a
// row accumulated in place, a rescaling by an element of the other array, and a read that only some
// iterations make. Each with the two arrays apart and the same. Reverse mode against forward mode
// in every direction, and against central differences.
#include "../Inputs/check.h"

enum { N = 9, STEPS = 3 };
#include "../Inputs/two-arrays.h"

// GMM's Q x: v[j] += L[i][j] u[i] for j > i. In place, u[i] is never a v[j] of the same loop.
static double triangle(double *u, double *v, int n, int steps) {
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++) v[j] += (0.1 + 0.01 * (i * n + j)) * u[i];
  double sum = 0;
  for (int j = 0; j < n; j++) sum += v[j] * v[j] + sin(u[j]);
  return sum;
}

// v[i] accumulated over the inner loop: the element read in every iteration is stored in every
// iteration too, so its additions must stay in memory. The other reads are not affine.
static double accumulate(double *u, double *v, int n, int steps) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) v[i] += u[j] * u[(i + j) % n] * 0.1;
  double sum = 0;
  for (int j = 0; j < n; j++) sum += v[j] * cos(v[j]);
  return sum;
}

// Every element of v rescaled by u[i]: in place, u[i]'s adjoint is among those the stores clear.
static double rescale(double *u, double *v, int n, int steps) {
  for (int i = 0; i < steps; i++)
    for (int j = 0; j < n; j++) v[j] = v[j] * (0.5 + 0.2 * u[i]) + 0.1 * u[j];
  double sum = 0;
  for (int j = 0; j < n; j++) sum += v[j] * (j + 1);
  return sum;
}

// u[i] read only in the iterations where u[j] is large enough.
static double sometimes(double *u, double *v, int n, int steps) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      if (u[j] > 0.45) v[j] += u[i] * u[j] * 0.2;
  double sum = 0;
  for (int j = 0; j < n; j++) sum += exp(0.3 * v[j]);
  return sum;
}

DERIVATIVES(triangle)
DERIVATIVES(accumulate)
DERIVATIVES(rescale)
DERIVATIVES(sometimes)

int main(void) {
  for (int same = 0; same <= 1; same++) {
    triangle_check(same);
    accumulate_check(same);
    rescale_check(same);
    sometimes_check(same);
  }
  return finish();
}
