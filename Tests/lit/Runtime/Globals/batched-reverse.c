// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Batched reverse mode through a mutable global: a callee writes it, the caller reads it back, so
// the adjoints flow through the global's shadow, one per lane (each starting at zero). Three lanes
// seeded 1, -1 and 0.5 against the unbatched gradient, twice in a row (no lane's adjoint may leak
// into the next call).
#include "../Inputs/check.h"

extern int enzyme_width, enzyme_const;
typedef struct { double d[3]; } double3;
double3 __enzyme_autodiff3(void *, ...);
double __enzyme_autodiff1(void *, ...);

static double work[4];

__attribute__((noinline)) static void stage(double x) {
  for (int i = 0; i < 4; i++) work[i] = sin(x * (i + 1));
}

static double f(double x, double y) {
  stage(x);
  double s = 0;
  for (int i = 0; i < 4; i++) s += work[i] * y * (i + 1);
  return s;
}

int main(void) {
  const double y = 1.7;
  for (int round = 0; round < 2; round++) {
    double x = 0.4 + 0.3 * round, want = 0;
    for (int i = 0; i < 4; i++) want += cos(x * (i + 1)) * (i + 1) * y * (i + 1);
    check_rel("unbatched", __enzyme_autodiff1((void *)f, x, enzyme_const, y), want, 1e-13);
    double3 lanes = __enzyme_autodiff3((void *)f, enzyme_width, 3, x, enzyme_const, y, 1.0, -1.0, 0.5);
    check_rel("lane 0", lanes.d[0], want, 1e-13);
    check_rel("lane 1", lanes.d[1], -want, 1e-13);
    check_rel("lane 2", lanes.d[2], 0.5 * want, 1e-13);
  }
  return finish();
}
