// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// GNU's sincos (one argument reduction for both values), in double and float, inside a rotation
// applied in a loop: the gradient in reverse mode and the tangent in forward mode against the hand
// derivative and central differences, at several angles. It was refused (no body, no rule); the
// call is now split into sin and cos (Rules/CombinedMathCalls.swift).
#define _GNU_SOURCE
#include <math.h>
#include "../Inputs/check.h"

extern int enzyme_const;
double __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);
float __enzyme_autodifff(void *, ...);

// The x coordinate of (1, 0) rotated n times by θ·k for k = 1..n: cos(θ n(n+1)/2), computed step by step.
double rotated(double theta, int n) {
  double x = 1, y = 0;
  for (int k = 1; k <= n; k++) {
    double s, c;
    sincos(theta * k, &s, &c);
    double nx = c * x - s * y, ny = s * x + c * y;
    x = nx, y = ny;
  }
  return x;
}

float rotatedf(float theta) {
  float s, c;
  sincosf(theta * theta, &s, &c);
  return 2 * s + c * theta;
}

int main(void) {
  const double angles[] = {0.3, -1.2, 2.5, 0.0};
  for (int i = 0; i < 4; i++) {
    double t = angles[i];
    int n = 4;
    double m = n * (n + 1) / 2.0;
    double want = -m * sin(m * t);
    check_rel("reverse", __enzyme_autodiff((void *)rotated, t, enzyme_const, n), want, 1e-12);
    check_rel("forward", __enzyme_fwddiff((void *)rotated, t, 1.0, enzyme_const, n), want, 1e-12);
    double h = 1e-6;
    check_fd("differences", __enzyme_autodiff((void *)rotated, t, enzyme_const, n),
             (rotated(t + h, n) - rotated(t - h, n)) / (2 * h), 1e-7);
    float tf = (float)t;
    float wantf = 4 * tf * cosf(tf * tf) - 2 * tf * tf * sinf(tf * tf) + cosf(tf * tf);
    check_rel("reverse float", __enzyme_autodifff((void *)rotatedf, tf), wantf, 1e-5);
  }
  return finish();
}
