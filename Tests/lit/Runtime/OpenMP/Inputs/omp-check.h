// Checks of OpenMP derivatives: the gradient (reverse mode) against central differences of the
// primal, and forward mode's directional derivative against the gradient's (u·∇f = ∇f·u).
// f(x, w, n) reads x[0..n) and may use w[0..n) as work memory; both are enzyme_dup.
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <string.h>

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

static void fill(double *x, int n) {
  for (int i = 0; i < n; i++) x[i] = 0.9 + 0.2 * sin(1.0 + i);
}

// Compares the gradient `dx` of f at x with central differences and with forward mode's `dir` along u.
static int compare(const char *name, double (*f)(const double *, double *, int), const double *x,
                   const double *dx, const double *u, double dir, int n) {
  double xs[512], w[512], worst = 0, dot = 0, h = 1e-6;
  memcpy(xs, x, n * sizeof(double));
  for (int i = 0; i < n; i++) {
    xs[i] = x[i] + h;
    double plus = f(xs, w, n);
    xs[i] = x[i] - h;
    double minus = f(xs, w, n);
    xs[i] = x[i];
    double fd = (plus - minus) / (2 * h);
    worst = fmax(worst, fabs(dx[i] - fd) / (1 + fabs(fd)));
    dot += dx[i] * u[i];
  }
  int ok = worst < 1e-6 && fabs(dir - dot) <= 1e-10 * (1 + fabs(dot));
  printf("%s threads=%d: gradient vs differences %.2g, forward %.15g, gradient.u %.15g: %s\n", name,
         omp_get_max_threads(), worst, dir, dot, ok ? "ok" : "WRONG");
  return !ok;
}

// Runs both modes on f and compares; evaluates to nonzero on failure.
#define CHECK(f, n)                                                                          \
  ({                                                                                         \
    double x[n], dx[n], w[n], dw[n], u[n];                                                   \
    fill(x, n);                                                                              \
    for (int i = 0; i < n; i++) { dx[i] = 0; dw[i] = 0; w[i] = 0; u[i] = cos(3.0 * i); }     \
    __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_dup, w, dw, n);                   \
    for (int i = 0; i < n; i++) dw[i] = 0;                                                   \
    double dir = __enzyme_fwddiff((void *)f, enzyme_dup, x, u, enzyme_dup, w, dw, n);        \
    compare(#f, f, x, dx, u, dir, n);                                                        \
  })
