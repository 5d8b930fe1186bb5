// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Forward mode against reverse mode, with no reference derivative at all: for f: R^n → R^m written
// with pointers (void f(const double *x, double *y)), forward mode gives J v (the tangent of y for
// the tangent v of x) and reverse mode gives uᵀ J (the adjoint of x for the seed u in y's shadow);
// uᵀ (J v) must equal (uᵀ J) v for random u and v, to 1e-12 relative to the size of the terms.
// The functions cover libm calls, data-dependent branches, loops, nested loops, calls of defined
// functions, in-place updates and heap temporaries.
#include <stdlib.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern void __enzyme_fwddiff(void *, ...);

enum { N = 6 };

// 2 → 2 (uses x[0..1] and y[0..1]): polar to cartesian, scaled.
void polar(const double *x, double *y) {
  y[0] = x[0] * cos(x[1]) * exp(0.1 * x[0]);
  y[1] = x[0] * sin(x[1]);
}

// Softmax, N → N.
void softmax(const double *x, double *y) {
  double m = x[0];
  for (int i = 1; i < N; i++) m = fmax(m, x[i]);
  double s = 0;
  for (int i = 0; i < N; i++) s += (y[i] = exp(x[i] - m));
  for (int i = 0; i < N; i++) y[i] /= s;
}

__attribute__((noinline)) static double cell(double a, double b) { return tanh(a + 0.5 * b); }

// A small recurrent net, N → N: h ← tanh(W h + x) for 5 steps, with W fixed.
void rnn(const double *x, double *y) {
  double h[N];
  for (int i = 0; i < N; i++) h[i] = 0;
  for (int t = 0; t < 5; t++) {
    double next[N];
    for (int i = 0; i < N; i++) {
      double a = 0;
      for (int j = 0; j < N; j++) a += sin(i + 2.0 * j) * h[j];
      next[i] = cell(a, x[i]);
    }
    for (int i = 0; i < N; i++) h[i] = next[i];
  }
  for (int i = 0; i < N; i++) y[i] = h[i];
}

// Data-dependent branches, N → N: a running state updated one way or another by sign.
void branchy(const double *x, double *y) {
  double s = 1.0;
  for (int i = 0; i < N; i++) {
    if (x[i] * s > 0.1)
      s = s * x[i] + sin(s);
    else if (x[i] < -0.5)
      s = cbrt(s + x[i] * x[i]);
    else
      s = s - x[i] / (1 + s * s);
    y[i] = s;
  }
}

// The gradient of the Rosenbrock function, N → N.
void rosenbrock_gradient(const double *x, double *g) {
  for (int i = 0; i < N; i++) g[i] = 0;
  for (int i = 0; i + 1 < N; i++) {
    double t = x[i + 1] - x[i] * x[i];
    g[i] += -400 * x[i] * t - 2 * (1 - x[i]);
    g[i + 1] += 200 * t;
  }
}

// A heap temporary and an in-place update of the output, N → N.
void heap_and_in_place(const double *x, double *y) {
  double *t = malloc(N * sizeof(double));
  for (int i = 0; i < N; i++) t[i] = x[i] * x[(i + 1) % N];
  for (int i = 0; i < N; i++) y[i] = t[i] + t[(i + 2) % N];
  for (int i = 1; i < N; i++) y[i] = y[i] * y[i - 1] * 0.5 + hypot(y[i], 1.0);
  free(t);
}

#define CONSISTENT(fn, n, m)                                                                          \
  for (int trial = 0; trial < 6; trial++) {                                                           \
    double x[N], v[N], u[N], yf[N], ydot[N], yr[N], ybar[N], xbar[N];                                 \
    rng_fill(x, N);                                                                                   \
    rng_fill(v, N);                                                                                   \
    rng_fill(u, N);                                                                                   \
    for (int i = 0; i < N; i++) yf[i] = yr[i] = ydot[i] = xbar[i] = 0;                                \
    __enzyme_fwddiff((void *)fn, x, v, yf, ydot);                                                     \
    for (int i = 0; i < N; i++) ybar[i] = u[i];                                                       \
    __enzyme_autodiff((void *)fn, x, xbar, yr, ybar);                                                 \
    char what[96];                                                                                    \
    snprintf(what, sizeof what, #fn " trial %d: u.(Jv) vs (J^T u).v", trial);                         \
    check_scaled(what, vector_dot(u, ydot, m), vector_dot(xbar, v, n), vector_dot_scale(xbar, v, n) + vector_dot_scale(u, ydot, m), \
                 1e-12);                                                                              \
    for (int i = 0; i < m; i++) {                                                                     \
      snprintf(what, sizeof what, #fn " trial %d: y[%d] equal in both modes", trial, i);              \
      check_exact(what, yr[i], yf[i]);                                                                \
      snprintf(what, sizeof what, #fn " trial %d: seed ybar[%d] consumed", trial, i);                 \
      check_exact(what, ybar[i], 0.0);                                                                \
    }                                                                                                 \
  }

int main(void) {
  CONSISTENT(polar, 2, 2)
  CONSISTENT(softmax, N, N)
  CONSISTENT(rnn, N, N)
  CONSISTENT(branchy, N, N)
  CONSISTENT(rosenbrock_gradient, N, N)
  CONSISTENT(heap_and_in_place, N, N)
  return finish();
}
