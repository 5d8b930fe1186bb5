// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Temporary arrays allocated inside the differentiated function: malloc'd (uninitialized, every
// element written before it is read) and calloc'd (zeroed, accumulated into), then freed; and a
// memcpy of an active array into a temporary. The shadows of the temporaries carry the adjoints
// back to the inputs.
#include <stdlib.h>
#include <string.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_autodiff_1(void *, ...);
extern int enzyme_dup, enzyme_const, enzyme_out;

// t[i] = sin(x[i]) * w; returns Σ t[i] * t[n-1-i].
double malloc_temp(const double *x, int n, double w) {
  double *t = malloc(n * sizeof(double));
  for (int i = 0; i < n; i++) t[i] = sin(x[i]) * w;
  double s = 0;
  for (int i = 0; i < n; i++) s += t[i] * t[n - 1 - i];
  free(t);
  return s;
}

// Bins: h[i % 3] += x[i]² in a calloc'd array; returns h[0] * h[1] + h[2].
double calloc_bins(const double *x, int n) {
  double *h = calloc(3, sizeof(double));
  for (int i = 0; i < n; i++) h[i % 3] += x[i] * x[i];
  double r = h[0] * h[1] + h[2];
  free(h);
  return r;
}

// c = copy of x (memcpy), then c[i] *= c[(i + 1) % n] in place; returns Σ c[i].
double memcpy_then_update(const double *x, int n) {
  double *c = malloc(n * sizeof(double));
  memcpy(c, x, n * sizeof(double));
  for (int i = 0; i < n - 1; i++) c[i] *= c[i + 1];
  double s = 0;
  for (int i = 0; i < n; i++) s += c[i];
  free(c);
  return s;
}

// y = x copied by memcpy into an output array (both duplicated), then squared there in place.
void memcpy_out(double *y, const double *x, int n) {
  memcpy(y, x, n * sizeof(double));
  for (int i = 0; i < n; i++) y[i] = y[i] * y[i];
}

enum { N = 11 };

int main(void) {
  char what[96];
  double x[N], dx[N];
  rng_fill(x, N);

  // malloc_temp: d/dx[i] = 2 w² cos(x[i]) sin(x[n-1-i]); d/dw = 2 Σ t[i] t[n-1-i] / w.
  double w = 1.75;
  for (int i = 0; i < N; i++) dx[i] = 0;
  __enzyme_autodiff((void *)malloc_temp, enzyme_dup, x, dx, enzyme_const, N, enzyme_const, w);
  for (int i = 0; i < N; i++) {
    snprintf(what, sizeof what, "malloc_temp dx[%d]", i);
    check_rel(what, dx[i], 2 * w * w * cos(x[i]) * sin(x[N - 1 - i]), 1e-12);
  }
  for (int i = 0; i < N; i++) dx[i] = 0;
  double dw = __enzyme_autodiff_1((void *)malloc_temp, enzyme_dup, x, dx, enzyme_const, N, enzyme_out, w);
  check_rel("malloc_temp dw", dw, 2 * malloc_temp(x, N, w) / w, 1e-12);

  // calloc_bins: ∂r/∂x[i] = 2 x[i] · (h1, h0, 1)[i % 3].
  double h[3] = {0, 0, 0};
  for (int i = 0; i < N; i++) h[i % 3] += x[i] * x[i];
  for (int i = 0; i < N; i++) dx[i] = 0;
  __enzyme_autodiff((void *)calloc_bins, x, dx, N);
  for (int i = 0; i < N; i++) {
    double factor = i % 3 == 0 ? h[1] : i % 3 == 1 ? h[0] : 1.0;
    snprintf(what, sizeof what, "calloc_bins dx[%d]", i);
    check_rel(what, dx[i], 2 * x[i] * factor, 1e-12);
  }

  // memcpy_then_update: s = Σ_{i<n-1} x[i] x[i+1] + x[n-1]; ∂s/∂x[i] = x[i+1] + x[i-1] (+1 at n-1).
  for (int i = 0; i < N; i++) dx[i] = 0;
  __enzyme_autodiff((void *)memcpy_then_update, x, dx, N);
  for (int i = 0; i < N; i++) {
    double want = (i + 1 < N ? x[i + 1] : 1.0) + (i > 0 ? x[i - 1] : 0.0);
    snprintf(what, sizeof what, "memcpy_then_update dx[%d]", i);
    check_rel(what, dx[i], want, 1e-12);
  }

  // memcpy_out: the seed in dy becomes 2 x[i] dy[i] in dx (added to dx's 0.5); dy is consumed.
  double y[N], dy[N], seed[N];
  rng_fill(seed, N);
  for (int i = 0; i < N; i++) dy[i] = seed[i], dx[i] = 0.5;
  __enzyme_autodiff((void *)memcpy_out, y, dy, x, dx, N);
  for (int i = 0; i < N; i++) {
    snprintf(what, sizeof what, "memcpy_out y[%d]", i);
    check_exact(what, y[i], x[i] * x[i]);
    snprintf(what, sizeof what, "memcpy_out dx[%d]", i);
    check_rel(what, dx[i], 0.5 + 2 * x[i] * seed[i], 1e-12);
    snprintf(what, sizeof what, "memcpy_out dy[%d] consumed", i);
    check_exact(what, dy[i], 0.0);
  }
  return finish();
}
