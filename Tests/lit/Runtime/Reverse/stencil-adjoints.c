// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Stencils, whose reverse loops sum the adjoints of neighbouring elements in registers across
// iterations (`Gradient+RotatedAdjoints`): three and five points, a descending loop, offsets with
// gaps, loads that only some iterations make (at the boundaries), two arrays swapped every step,
// and the same arrays passed twice (in place), where the check on entering the loop must keep the
// additions in memory. Reverse mode against forward mode in every direction, and against central
// differences.
#include "../Inputs/check.h"

enum { N = 14, STEPS = 3 };
#include "../Inputs/two-arrays.h"

// The heat equation with a cubic term, two buffers swapped every step.
static double heat(double *u, double *v, int n, int steps) {
  double *a = u, *b = v;
  for (int t = 0; t < steps; t++) {
    for (int i = 1; i < n - 1; i++) b[i] = a[i] + 0.2 * (a[i - 1] - 2 * a[i] + a[i + 1]) - 0.05 * a[i] * a[i] * a[i];
    b[0] = a[0];
    b[n - 1] = a[n - 1];
    double *s = a;
    a = b;
    b = s;
  }
  double sum = 0;
  for (int i = 0; i < n; i++) sum += a[i] * a[i];
  return sum;
}

// Five points, offsets -2..2, reading an input it does not write.
static double five(double *u, double *v, int n, int steps) {
  double sum = 0;
  for (int t = 0; t < steps; t++) {
    for (int i = 2; i < n - 2; i++)
      v[i] = u[i] - 0.02 * (u[i - 2] - 4 * u[i - 1] + 6 * u[i] - 4 * u[i + 1] + u[i + 2]) + 0.1 * t * v[i];
    for (int i = 0; i < n; i++) sum += sin(v[i]) * u[i];
  }
  return sum;
}

// Descending, with offsets -2, 0 and +1 only (a gap at -1), products of neighbours.
static double descending(double *u, double *v, int n, int steps) {
  double sum = 0;
  for (int t = 0; t < steps; t++) {
    for (int i = n - 2; i >= 2; i--) v[i] = 0.3 * u[i + 1] * u[i - 2] + u[i] * (1 + 0.01 * t);
    for (int i = 0; i < n; i++) sum += v[i] * v[i] * (i + 1);
  }
  return sum;
}

// The neighbours only where they exist: loads that some iterations skip, at indices that are
// outside the array in those iterations.
static double boundary(double *u, double *v, int n, int steps) {
  double sum = 0;
  for (int t = 0; t < steps; t++) {
    for (int i = 0; i < n; i++) {
      double left = i > 0 ? u[i - 1] : 0, right = i < n - 1 ? u[i + 1] : 0;
      v[i] = 0.5 * u[i] + 0.25 * (left + right) * (1 + t);
    }
    for (int i = 0; i < n; i++) sum += exp(0.1 * v[i]) * (2 - 0.1 * i);
  }
  return sum;
}

DERIVATIVES(heat)
DERIVATIVES(five)
DERIVATIVES(descending)
DERIVATIVES(boundary)

int main(void) {
  for (int same = 0; same <= 1; same++) {
    heat_check(same);
    five_check(same);
    descending_check(same);
    boundary_check(same);
  }
  return finish();
}
