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

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

enum { N = 14, STEPS = 3 };

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

typedef double (*Stencil)(double *, double *, int, int);

// Reverse mode's gradient (made by the caller, for u and v distinct or the same array) against
// forward mode in each direction and against central differences.
static void compare(const char *name, Stencil f, Stencil fwd_same, Stencil fwd_apart, int same, const double *du,
                    const double *dv, const double *u0, const double *v0);

// __enzyme_autodiff and __enzyme_fwddiff need the function itself: one pair of wrappers per stencil.
#define DERIVATIVES(f)                                                                                       \
  static double f##_forward_same(double *u, double *vu, int n, int steps) {                                  \
    return __enzyme_fwddiff((void *)f, enzyme_dup, u, vu, enzyme_dup, u, vu, enzyme_const, n, enzyme_const,  \
                            steps);                                                                          \
  }                                                                                                          \
  static double f##_forward_apart(double *u, double *v, int n, int k) {                                      \
    double vu[N] = {0}, vv[N] = {0};                                                                         \
    if (k < N) vu[k] = 1; else vv[k - N] = 1;                                                                \
    return __enzyme_fwddiff((void *)f, enzyme_dup, u, vu, enzyme_dup, v, vv, enzyme_const, n, enzyme_const,  \
                            STEPS);                                                                          \
  }                                                                                                          \
  static void f##_check(int same) {                                                                          \
    double u[N], v[N], du[N] = {0}, dv[N] = {0}, u0[N], v0[N];                                               \
    for (int i = 0; i < N; i++) u0[i] = u[i] = 0.4 + 0.3 * sin(1.0 + i), v0[i] = v[i] = 0.2 - 0.05 * i;      \
    if (same)                                                                                                \
      __enzyme_autodiff((void *)f, enzyme_dup, u, du, enzyme_dup, u, du, enzyme_const, N, enzyme_const, STEPS); \
    else                                                                                                     \
      __enzyme_autodiff((void *)f, enzyme_dup, u, du, enzyme_dup, v, dv, enzyme_const, N, enzyme_const, STEPS); \
    compare(#f, f, f##_forward_same, f##_forward_apart, same, du, dv, u0, v0);                               \
  }
DERIVATIVES(heat)
DERIVATIVES(five)
DERIVATIVES(descending)
DERIVATIVES(boundary)

static void compare(const char *name, Stencil f, Stencil fwd_same, Stencil fwd_apart, int same, const double *du,
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
      forward = fwd_same(u, vu, N, STEPS);
    } else {
      forward = fwd_apart(u, v, N, k);
    }
    double h = 1e-6, up, down;
    double *p = k < N ? &u[k] : &v[k - N];
    for (int i = 0; i < N; i++) u[i] = u0[i], v[i] = v0[i];
    *p += h;
    up = same ? f(u, u, N, STEPS) : f(u, v, N, STEPS);
    for (int i = 0; i < N; i++) u[i] = u0[i], v[i] = v0[i];
    *p -= h;
    down = same ? f(u, u, N, STEPS) : f(u, v, N, STEPS);
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
    heat_check(same);
    five_check(same);
    descending_check(same);
    boundary_check(same);
  }
  return finish();
}
