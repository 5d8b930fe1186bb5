// Irreducible control flow (two blocks that jump into each other, each entered from outside), with
// data-dependent trips through it: the reverse sweep retraces the path from the block indices on the
// tape. Checked against forward mode and central differences.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern void __enzyme_fwddiff(void *, ...);

__attribute__((noinline)) void f(double *x) {
  double t;
  int steps = 0;
  if (x[0] > x[1]) goto B;
A:
  t = 4 * cos(x[0] + x[1]);
  x[0] = 3 * sin(2 * x[0] + x[1]);
  x[1] = t;
  if (++steps > 6 || x[0] * x[0] < x[1]) return;
  if (x[0] > 0) goto A;
B:
  t = 4 * sin(2 * x[0] + x[1]);
  x[0] = 4 * cos(x[0] + 2 * x[1]);
  x[1] = t;
  if (++steps > 6 || x[0] * x[0] < x[1]) return;
  if (x[0] > 0) goto A;
  goto B;
}

static double weighted(const double *start, const double *w) {
  double x[2] = {start[0], start[1]};
  f(x);
  return w[0] * x[0] + w[1] * x[1];
}

int main(void) {
  const double starts[3][2] = {{0.9, 0.7}, {0.3, -0.2}, {-0.4, 0.5}};
  const double w[2] = {0.8, -1.3};
  for (int s = 0; s < 3; s++) {
    // Reverse: seed the outputs with w; the shadow of the input is the gradient of w·f(x).
    double x[2] = {starts[s][0], starts[s][1]}, dx[2] = {w[0], w[1]};
    __enzyme_autodiff((void *)f, x, dx);
    for (int i = 0; i < 2; i++) {
      // Forward: the tangent along e_i, projected on w.
      double y[2] = {starts[s][0], starts[s][1]}, dy[2] = {i == 0, i == 1};
      __enzyme_fwddiff((void *)f, y, dy);
      double forward = w[0] * dy[0] + w[1] * dy[1];
      double h = 1e-9, plus[2] = {starts[s][0], starts[s][1]}, minus[2] = {starts[s][0], starts[s][1]};
      plus[i] += h;
      minus[i] -= h;
      double fd = (weighted(plus, w) - weighted(minus, w)) / (2 * h);
      char what[64];
      snprintf(what, sizeof what, "start %d, d/dx%d reverse vs forward", s, i);
      check_rel(what, dx[i], forward, 1e-10);
      snprintf(what, sizeof what, "start %d, d/dx%d reverse vs differences", s, i);
      check_fd(what, dx[i], fd, 1e-5);
    }
  }
  return finish();
}
