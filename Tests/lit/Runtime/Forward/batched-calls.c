// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// enzyme_width 4 through a call of a defined function and libm calls: the four directions of a
// two-input function, compared with the unbatched derivatives.
#include "../Inputs/check.h"

extern int enzyme_width;
typedef struct {
  double d[4];
} double4;
extern double4 __enzyme_fwddiff4(void *, ...);
extern double __enzyme_fwddiff(void *, ...);

__attribute__((noinline)) double helper(double a, double b) { return sin(a) * b; }

double f(double x, double y) { return helper(x, y) + exp(x * y) + sqrt(x * x + y * y); }

int main(void) {
  const double pts[][2] = {{0.5, 1.5}, {-1.0, 0.25}, {2.0, -0.75}};
  for (int i = 0; i < 3; i++) {
    double x = pts[i][0], y = pts[i][1], r = sqrt(x * x + y * y);
    double fx = cos(x) * y + y * exp(x * y) + x / r;
    double fy = sin(x) + x * exp(x * y) + y / r;
    // Directions: (1, 0), (0, 1), (2, 1), (1, -1).
    double4 d = __enzyme_fwddiff4((void *)f, enzyme_width, 4, x, 1.0, 0.0, 2.0, 1.0, y, 0.0, 1.0, 1.0, -1.0);
    check_rel("lane 0", d.d[0], fx, 1e-12);
    check_rel("lane 1", d.d[1], fy, 1e-12);
    check_rel("lane 2", d.d[2], 2 * fx + fy, 1e-12);
    check_rel("lane 3", d.d[3], fx - fy, 1e-12);
    check_rel("lane 0 = unbatched", d.d[0], __enzyme_fwddiff((void *)f, x, 1.0, y, 0.0), 1e-14);
  }
  return finish();
}
