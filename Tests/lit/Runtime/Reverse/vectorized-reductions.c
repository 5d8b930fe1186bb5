// Loops the vectorizer turns into llvm.vector.reduce.*: a maximum and a minimum (fmax and fmin in a
// loop, at plain -O2 with the vectorizer on), a sum and a product (with -ffast-math's
// reassociation), in double and float, at sizes with and without a scalar tail, with ties for the
// maximum. They were refused ("no body in this module and no derivative rule"). Both modes
// against the derivatives by hand; unoptimized input too (the post-AD pipeline vectorizes it).
// RUN: %clang -O2 -emit-llvm -c %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang -O3 -ffast-math -emit-llvm -c %s -o %t.fast.bc
// RUN: %swad-opt %t.fast.bc -o %t.fast.opt.bc
// RUN: %clang %t.fast.opt.bc -o %t.fast -lm
// RUN: %t.fast
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include <math.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

// m² with m the largest: the derivative 2m goes to the first element equal to m.
double largest_squared(const double *x, int n) {
  double m = x[0];
  for (int i = 1; i < n; i++) m = fmax(m, x[i]);
  return m * m;
}

double smallest(const double *x, int n) {
  double m = x[0];
  for (int i = 1; i < n; i++) m = fmin(m, x[i]);
  return 3 * m;
}

double sum_of_squares(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] * x[i];
  return s;
}

double product(const double *x, int n) {
  double p = 1;
  for (int i = 0; i < n; i++) p *= x[i];
  return p;
}

double float_largest_and_sum(const double *x, int n) {
  float m = (float)x[0], s = 0;
  for (int i = 0; i < n; i++) {
    float v = (float)x[i];
    m = fmaxf(m, v);
    s += v * v;
  }
  return (double)m + (double)s;
}

typedef double (*Loss)(const double *, int);

#define CHECK_BOTH(F, WANT)                                                        \
  do {                                                                             \
    double dx[64] = {0}, v[64], along = 0, scale = 0;                              \
    __enzyme_autodiff((void *)F, enzyme_dup, x, dx, enzyme_const, n);              \
    for (int i = 0; i < n; i++) {                                                  \
      check_rel(#F, dx[i], WANT, tolerance);                                       \
      v[i] = 0.1 * ((i * 5) % 7) - 0.3;                                            \
      along += v[i] * dx[i];                                                       \
      scale += fabs(v[i] * dx[i]);                                                 \
    }                                                                              \
    double t = __enzyme_fwddiff((void *)F, enzyme_dup, x, v, enzyme_const, n);     \
    check_scaled(#F " forward", t, along, scale, tolerance);                       \
  } while (0)

int main(void) {
  int sizes[] = {5, 8, 13, 32, 37};
  for (int k = 0; k < 5; k++) {
    int n = sizes[k];
    double x[64], tolerance = 1e-12;
    for (int i = 0; i < n; i++) x[i] = 0.5 + 0.9 * sin(1.3 * i + 0.2);
    // A tie for the largest, later in the array than the first: the first one takes it.
    int top = 0;
    for (int i = 1; i < n; i++) if (x[i] > x[top]) top = i;
    x[n - 1] = x[top];
    int low = 0;
    for (int i = 1; i < n; i++) if (x[i] < x[low]) low = i;
    double m = x[top], p = 1;
    for (int i = 0; i < n; i++) p *= x[i];
    CHECK_BOTH(largest_squared, i == top ? 2 * m : 0);
    CHECK_BOTH(smallest, i == low ? 3 : 0);
    CHECK_BOTH(sum_of_squares, 2 * x[i]);
    CHECK_BOTH(product, p / x[i]);
    int ftop = 0;
    for (int i = 1; i < n; i++) if ((float)x[i] > (float)x[ftop]) ftop = i;
    tolerance = 1e-6;
    CHECK_BOTH(float_largest_and_sum, (i == ftop ? 1 : 0) + 2 * (double)(float)x[i]);
  }
  return finish();
}
