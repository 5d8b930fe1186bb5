// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A differentiated function calling other defined functions: twice in a row with different
// arguments, in a loop, through two levels, with pointer arguments. The callees are kept out of
// line (noinline) so that the calls reach the transform as calls.
#include "../Inputs/check.h"

typedef struct { double d0, d1; } Grad2;
extern double __enzyme_autodiff(void *, ...);
extern Grad2 __enzyme_autodiff2(void *, ...);
extern void __enzyme_autodiff_v(void *, ...);
extern int enzyme_const, enzyme_out, enzyme_dup;

__attribute__((noinline)) double bump(double x, double y) { return x * sin(y) + y * y; }
__attribute__((noinline)) double twice_bump(double x, double y) { return bump(x, y) * bump(y, x); }
__attribute__((noinline)) void axpy(double a, const double *x, double *y, int n) {
  for (int i = 0; i < n; i++) y[i] += a * x[i];
}

// bump twice: f(x, y) = bump(x, y) + bump(y, x·y)
double two_calls(double x, double y) { return bump(x, y) + bump(y, x * y); }

// bump in a loop: s_{k+1} = bump(s_k, c) for n steps.
double loop_calls(double s, double c, int n) {
  for (int k = 0; k < n; k++) s = bump(s, c);
  return s;
}

// Two levels: calls twice_bump, which calls bump twice.
double nested_calls(double x, double y) { return twice_bump(x, y) + x; }

// A callee with pointer arguments, in a loop: y += a_k x for k = 1..n, returns Σ y².
double axpy_loop(const double *x, double *y, int len, int n) {
  for (int k = 1; k <= n; k++) axpy(0.5 * k, x, y, len);
  double s = 0;
  for (int i = 0; i < len; i++) s += y[i] * y[i];
  return s;
}

// Partials of bump.
static double bx(double x, double y) { (void)x; return sin(y); }
static double by(double x, double y) { return x * cos(y) + 2 * y; }

int main(void) {
  char what[96];
  const double pts[][2] = {{0.5, 1.5}, {-1.0, 0.25}, {2.0, -0.75}};
  for (int t = 0; t < 3; t++) {
    double x = pts[t][0], y = pts[t][1];
    Grad2 g = __enzyme_autodiff2((void *)two_calls, x, y);
    // d/dx = bx(x,y) + by(y, xy)·y ; d/dy = by(x,y) + bx(y, xy) + by(y, xy)·x
    snprintf(what, sizeof what, "two_calls d/dx (%g, %g)", x, y);
    check_rel(what, g.d0, bx(x, y) + by(y, x * y) * y, 1e-12);
    snprintf(what, sizeof what, "two_calls d/dy (%g, %g)", x, y);
    check_rel(what, g.d1, by(x, y) + bx(y, x * y) + by(y, x * y) * x, 1e-12);

    Grad2 h = __enzyme_autodiff2((void *)nested_calls, x, y);
    double b1 = bump(x, y), b2 = bump(y, x);
    snprintf(what, sizeof what, "nested_calls d/dx (%g, %g)", x, y);
    check_rel(what, h.d0, bx(x, y) * b2 + b1 * by(y, x) + 1, 1e-12);
    snprintf(what, sizeof what, "nested_calls d/dy (%g, %g)", x, y);
    check_rel(what, h.d1, by(x, y) * b2 + b1 * bx(y, x), 1e-12);
  }

  for (int n = 0; n <= 12; n += 4) {
    double s0 = 0.3, c = 0.7;
    Grad2 g = __enzyme_autodiff2((void *)loop_calls, s0, c, enzyme_const, n);
    double s = s0, ds = 1, dc = 0;
    for (int k = 0; k < n; k++) {
      dc = bx(s, c) * dc + by(s, c);
      ds = bx(s, c) * ds;
      s = bump(s, c);
    }
    snprintf(what, sizeof what, "loop_calls n=%d d/ds", n);
    check_rel(what, g.d0, ds, 1e-12);
    snprintf(what, sizeof what, "loop_calls n=%d d/dc", n);
    check_rel(what, g.d1, dc, 1e-12);
  }

  enum { L = 6 };
  for (int n = 0; n <= 5; n += 5) {
    double x[L], y[L], y0[L], dx[L], dy[L];
    rng_fill(x, L);
    rng_fill(y0, L);
    for (int i = 0; i < L; i++) y[i] = y0[i], dx[i] = 0, dy[i] = 0;
    double A = 0;
    for (int k = 1; k <= n; k++) A += 0.5 * k;
    __enzyme_autodiff_v((void *)axpy_loop, x, dx, y, dy, L, n);
    for (int i = 0; i < L; i++) {
      double yf = y0[i] + A * x[i];
      snprintf(what, sizeof what, "axpy_loop n=%d y[%d]", n, i);
      check_rel(what, y[i], yf, 1e-14);
      snprintf(what, sizeof what, "axpy_loop n=%d dx[%d]", n, i);
      check_rel(what, dx[i], 2 * yf * A, 1e-12);
      snprintf(what, sizeof what, "axpy_loop n=%d dy[%d]", n, i);
      check_rel(what, dy[i], 2 * yf, 1e-12);
    }
  }
  return finish();
}
