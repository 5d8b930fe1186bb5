// __enzyme_fwdsplit against __enzyme_fwddiff (to machine precision) and central differences, at -O2
// and -O0 input: an in-place update (x[i] *= …, which must not be applied twice), a loop with a
// data-dependent branch, calls of other functions (each with its own split tangent), recursion,
// a heap buffer malloc'd and freed inside the function, and a function returning nothing that
// writes its outputs through a pointer. Each tape is recorded once and read once (freed by the
// tangent), or read for several directions with enzyme_nofree and freed by the caller.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include <stdlib.h>
#include <string.h>
#include "../Inputs/check.h"

extern void *__enzyme_augmentfwd(void *, ...);
extern double __enzyme_fwdsplit(void *, ...);
extern void __enzyme_fwdsplit_void(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern void __enzyme_fwddiff_void(void *, ...);
extern int enzyme_dup, enzyme_const, enzyme_nofree;

enum { N = 6 };

__attribute__((noinline)) double bump(double v) { return v > 1.0 ? log(v) : v * v * 0.5; }

__attribute__((noinline)) double power(double v, int k) { return k == 0 ? 1.0 : v * power(v, k - 1); }

// Updates x in place and returns a sum over the old and new values; the branch depends on data.
double update(double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    double old = x[i];
    if (old > 0) x[i] = sin(old) * old;
    else x[i] *= x[i] + 1.0;
    s += bump(x[i] * x[i]) + power(old, 3);
  }
  return s;
}

// A heap temporary inside: prefix sums in a malloc'd buffer, freed before returning.
double prefix(const double *x, int n) {
  double *buf = malloc(n * sizeof(double));
  buf[0] = x[0];
  for (int i = 1; i < n; i++) buf[i] = buf[i - 1] * 0.5 + exp(x[i] * 0.1);
  double r = 0;
  for (int i = 0; i < n; i++) r += buf[i] * buf[i];
  free(buf);
  return r;
}

// Outputs through a pointer, nothing returned.
void outputs(const double *x, double *y, int n) {
  for (int i = 0; i < n; i++) y[i] = x[i] * x[(i + 1) % n] + (x[i] > 0.2 ? x[i] : -x[i]);
}

// Scalars: the same argument list in both calls (enzyme_dup on floats: a float is active either way).
double scalars(double x, double y) { return x > y ? pow(x, 2.5) * y : atan2(y, x) + x * y; }

static const double X0[N] = {0.7, -0.4, 1.3, -1.1, 0.2, 2.5};
static const double V0[N] = {1.0, -0.5, 0.25, 2.0, -1.5, 0.75};

static double update_copy(const double *x) {
  double c[N];
  memcpy(c, x, sizeof c);
  return update(c, N);
}

int main(void) {
  // update: fwddiff on a copy, then augmentfwd + fwdsplit on another copy.
  double xa[N], va[N], xb[N], vb[N];
  memcpy(xa, X0, sizeof xa); memcpy(va, V0, sizeof va);
  memcpy(xb, X0, sizeof xb); memcpy(vb, V0, sizeof vb);
  double want = __enzyme_fwddiff((void *)update, enzyme_dup, xa, va, enzyme_const, N);
  void *tape = __enzyme_augmentfwd((void *)update, enzyme_dup, xb, vb, enzyme_const, N);
  for (int i = 0; i < N; i++) check_exact("update: primal applied once by the augmented primal", xb[i], xa[i]);
  double got = __enzyme_fwdsplit((void *)update, enzyme_dup, xb, vb, enzyme_const, N, tape);
  check_rel("update: tangent", got, want, 1e-15);
  for (int i = 0; i < N; i++) {
    check_exact("update: x not updated again by the tangent", xb[i], xa[i]);
    check_rel("update: tangent of x in place", vb[i], va[i], 1e-15);
  }
  double h = 1e-6, xp[N], xm[N];
  for (int i = 0; i < N; i++) { xp[i] = X0[i] + h * V0[i]; xm[i] = X0[i] - h * V0[i]; }
  check_fd("update: central differences", got, (update_copy(xp) - update_copy(xm)) / (2 * h), 1e-7);

  // prefix: one tape, several directions (enzyme_nofree), then freed by the caller.
  double x[N];
  memcpy(x, X0, sizeof x);
  void *kept = __enzyme_augmentfwd((void *)prefix, enzyme_dup, x, (double *)0, enzyme_const, N);
  for (int d = 0; d < N; d++) {
    double e[N] = {0}, e2[N] = {0};
    e[d] = 1; e2[d] = 1;
    double split = __enzyme_fwdsplit((void *)prefix, enzyme_nofree, enzyme_dup, x, e, enzyme_const, N, kept);
    double full = __enzyme_fwddiff((void *)prefix, enzyme_dup, x, e2, enzyme_const, N);
    check_rel("prefix: partial derivative", split, full, 1e-15);
    double p[N], m[N];
    memcpy(p, x, sizeof p); memcpy(m, x, sizeof m);
    p[d] += h; m[d] -= h;
    check_fd("prefix: central differences", split, (prefix(p, N) - prefix(m, N)) / (2 * h), 1e-7);
  }
  free(kept);

  // outputs: a void function; the tangent is written into the shadow of y.
  double y[N], dy[N] = {0}, y2[N], dy2[N] = {0}, y3[N];
  outputs(X0, y3, N);
  void *t3 = __enzyme_augmentfwd((void *)outputs, enzyme_dup, X0, V0, enzyme_dup, y, dy, enzyme_const, N);
  __enzyme_fwdsplit_void((void *)outputs, enzyme_dup, X0, V0, enzyme_dup, y, dy, enzyme_const, N, t3);
  __enzyme_fwddiff_void((void *)outputs, enzyme_dup, X0, V0, enzyme_dup, y2, dy2, enzyme_const, N);
  for (int i = 0; i < N; i++) {
    check_exact("outputs: primal", y[i], y3[i]);
    check_rel("outputs: tangent", dy[i], dy2[i], 1e-15);
  }
  for (int k = 0; k < 2; k++) {
    double sx = k ? 0.4 : 1.7, sy = 0.9, dsx = 0.3, dsy = -1.1;
    void *t4 = __enzyme_augmentfwd((void *)scalars, enzyme_dup, sx, dsx, enzyme_dup, sy, dsy);
    double split = __enzyme_fwdsplit((void *)scalars, enzyme_dup, sx, dsx, enzyme_dup, sy, dsy, t4);
    double full = __enzyme_fwddiff((void *)scalars, sx, dsx, sy, dsy);
    check_rel("scalars: tangent", split, full, 1e-15);
    double fd = (scalars(sx + h * dsx, sy + h * dsy) - scalars(sx - h * dsx, sy - h * dsy)) / (2 * h);
    check_fd("scalars: central differences", split, fd, 1e-7);
  }
  return finish();
}
