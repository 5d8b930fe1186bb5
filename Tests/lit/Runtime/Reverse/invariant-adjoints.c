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

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

enum { N = 9 };

// GMM's Q x: v[j] += L[i][j] u[i] for j > i. In place, u[i] is never a v[j] of the same loop.
static double triangle(double *u, double *v, int n) {
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++) v[j] += (0.1 + 0.01 * (i * n + j)) * u[i];
  double sum = 0;
  for (int j = 0; j < n; j++) sum += v[j] * v[j] + sin(u[j]);
  return sum;
}

// v[i] accumulated over the inner loop: the element read in every iteration is stored in every
// iteration too, so its additions must stay in memory. The other reads are not affine.
static double accumulate(double *u, double *v, int n) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) v[i] += u[j] * u[(i + j) % n] * 0.1;
  double sum = 0;
  for (int j = 0; j < n; j++) sum += v[j] * cos(v[j]);
  return sum;
}

// Every element of v rescaled by u[i]: in place, u[i]'s adjoint is among those the stores clear.
static double rescale(double *u, double *v, int n) {
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < n; j++) v[j] = v[j] * (0.5 + 0.2 * u[i]) + 0.1 * u[j];
  double sum = 0;
  for (int j = 0; j < n; j++) sum += v[j] * (j + 1);
  return sum;
}

// u[i] read only in the iterations where u[j] is large enough.
static double sometimes(double *u, double *v, int n) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      if (u[j] > 0.45) v[j] += u[i] * u[j] * 0.2;
  double sum = 0;
  for (int j = 0; j < n; j++) sum += exp(0.3 * v[j]);
  return sum;
}

typedef double (*Kernel)(double *, double *, int);

// Reverse mode's gradient (made by the caller, for u and v distinct or the same array) against
// forward mode in each direction and against central differences.
static void compare(const char *name, Kernel f, Kernel fwd_same, Kernel fwd_apart, int same, const double *du,
                    const double *dv, const double *u0, const double *v0);

// __enzyme_autodiff and __enzyme_fwddiff need the function itself: one set of wrappers per kernel.
#define DERIVATIVES(f)                                                                                        \
  static double f##_forward_same(double *u, double *vu, int n) {                                              \
    return __enzyme_fwddiff((void *)f, enzyme_dup, u, vu, enzyme_dup, u, vu, enzyme_const, n);                \
  }                                                                                                           \
  static double f##_forward_apart(double *u, double *v, int k) {                                              \
    double vu[N] = {0}, vv[N] = {0};                                                                          \
    if (k < N) vu[k] = 1; else vv[k - N] = 1;                                                                 \
    return __enzyme_fwddiff((void *)f, enzyme_dup, u, vu, enzyme_dup, v, vv, enzyme_const, N);                \
  }                                                                                                           \
  static void f##_check(int same) {                                                                           \
    double u[N], v[N], du[N] = {0}, dv[N] = {0}, u0[N], v0[N];                                                \
    for (int i = 0; i < N; i++) u0[i] = u[i] = 0.4 + 0.3 * sin(1.0 + i), v0[i] = v[i] = 0.2 - 0.05 * i;       \
    if (same)                                                                                                 \
      __enzyme_autodiff((void *)f, enzyme_dup, u, du, enzyme_dup, u, du, enzyme_const, N);                    \
    else                                                                                                      \
      __enzyme_autodiff((void *)f, enzyme_dup, u, du, enzyme_dup, v, dv, enzyme_const, N);                    \
    compare(#f, f, f##_forward_same, f##_forward_apart, same, du, dv, u0, v0);                                \
  }
DERIVATIVES(triangle)
DERIVATIVES(accumulate)
DERIVATIVES(rescale)
DERIVATIVES(sometimes)

static void compare(const char *name, Kernel f, Kernel fwd_same, Kernel fwd_apart, int same, const double *du,
                    const double *dv, const double *u0, const double *v0) {
  double u[N], v[N];
  char what[96];
  int inputs = same ? N : 2 * N;
  for (int k = 0; k < inputs; k++) {
    for (int i = 0; i < N; i++) u[i] = u0[i], v[i] = v0[i];
    double forward;
    if (same) {
      double vu[N] = {0};
      vu[k] = 1;
      forward = fwd_same(u, vu, N);
    } else {
      forward = fwd_apart(u, v, k);
    }
    double h = 1e-6, up, down;
    double *p = k < N ? &u[k] : &v[k - N];
    for (int i = 0; i < N; i++) u[i] = u0[i], v[i] = v0[i];
    *p += h;
    up = same ? f(u, u, N) : f(u, v, N);
    for (int i = 0; i < N; i++) u[i] = u0[i], v[i] = v0[i];
    *p -= h;
    down = same ? f(u, u, N) : f(u, v, N);
    double reverse = k < N ? du[k] : dv[k - N];
    snprintf(what, sizeof what, "%s%s d%s[%d] vs forward", name, same ? " in place" : "", k < N ? "u" : "v",
             k % N);
    check_rel(what, reverse, forward, 1e-12);
    snprintf(what, sizeof what, "%s%s d%s[%d] vs central differences", name, same ? " in place" : "",
             k < N ? "u" : "v", k % N);
    check_fd(what, reverse, (up - down) / (2 * h), 1e-6);
  }
}

int main(void) {
  for (int same = 0; same <= 1; same++) {
    triangle_check(same);
    accumulate_check(same);
    rescale_check(same);
    sometimes_check(same);
  }
  return finish();
}
