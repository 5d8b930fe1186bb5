// For runtime tests of kernels f(u, v, n, steps) over two arrays of N doubles that may be the same
// (in place): reverse mode's gradient, for u and v apart and for u == v, against forward mode in each
// direction and against central differences. The includer defines N and STEPS (an enum), includes
// check.h, and writes DERIVATIVES(f) for each kernel, then calls f_check(0) and f_check(1).
#ifndef SWAD_RUNTIME_TWO_ARRAYS_H
#define SWAD_RUNTIME_TWO_ARRAYS_H

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

typedef double (*TwoArrayKernel)(double *, double *, int, int);

static void compare(const char *name, TwoArrayKernel f, TwoArrayKernel fwd_same, TwoArrayKernel fwd_apart, int same,
                    const double *du, const double *dv, const double *u0, const double *v0) {
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

// __enzyme_autodiff and __enzyme_fwddiff need the function itself: one set of wrappers per kernel.
// f_forward_apart's last argument is the input to seed (u's for k < N, then v's), not steps.
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

#endif
