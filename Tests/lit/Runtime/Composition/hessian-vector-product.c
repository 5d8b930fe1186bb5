// Forward over reverse: __enzyme_fwddiff of a function that calls __enzyme_autodiff gives a
// Hessian-vector product. The inner gradient is synthesized first; forward mode then differentiates
// it, tape included (the tape's buffer gets a shadow). Checked against a hand-derived Hessian and
// against central differences of the gradient, with a size that grows the tape several times.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include <math.h>
#include <stdio.h>

extern int enzyme_const;
void __enzyme_autodiff(void *, ...);
void __enzyme_fwddiff(void *, ...);

// f(x) = Σ sin(x_i) · x_{i+1}²
double f(const double *x, int n) {
  double s = 0;
  for (int i = 0; i + 1 < n; i++) s += sin(x[i]) * x[i + 1] * x[i + 1];
  return s;
}

void gradient(const double *x, double *g, int n) {
  for (int i = 0; i < n; i++) g[i] = 0;
  __enzyme_autodiff((void *)f, x, g, enzyme_const, n);
}

// (H v)_i by hand: ∂²f/∂x_i² = -sin(x_i) x_{i+1}² + 2 sin(x_{i-1}),
// ∂²f/∂x_i∂x_{i+1} = 2 cos(x_i) x_{i+1}.
static double hv_by_hand(const double *x, const double *v, int n, int i) {
  double r = 0;
  if (i + 1 < n) r += -sin(x[i]) * x[i + 1] * x[i + 1] * v[i] + 2 * cos(x[i]) * x[i + 1] * v[i + 1];
  if (i > 0) r += 2 * sin(x[i - 1]) * v[i] + 2 * cos(x[i - 1]) * x[i] * v[i - 1];
  return r;
}

int main(void) {
  enum { N = 20000 };
  static double x[N], v[N], g[N], hv[N], xp[N], xm[N], gp[N], gm[N];
  for (int i = 0; i < N; i++) {
    x[i] = sin(i * 0.37);
    v[i] = cos(i * 0.11);
  }
  // A plain gradient first: its tape buffer is kept for the thread, and the differentiated gradient
  // below must not reuse it (it has no shadow).
  gradient(x, g, N);
  __enzyme_fwddiff((void *)gradient, x, v, g, hv, enzyme_const, N);
  double h = 1e-6;
  for (int i = 0; i < N; i++) {
    xp[i] = x[i] + h * v[i];
    xm[i] = x[i] - h * v[i];
  }
  gradient(xp, gp, N);
  gradient(xm, gm, N);
  int failures = 0;
  for (int i = 0; i < N; i++) {
    double want = hv_by_hand(x, v, N, i), fd = (gp[i] - gm[i]) / (2 * h);
    if (fabs(hv[i] - want) > 1e-12 * fmax(1, fabs(want)) || fabs(hv[i] - fd) > 1e-6 * fmax(1, fabs(fd))) {
      if (failures++ < 5) printf("FAIL (Hv)[%d] = %.17g, by hand %.17g, differences %.17g\n", i, hv[i], want, fd);
    }
    // The primal output of the differentiated function is the gradient itself.
    double gi = (i + 1 < N ? cos(x[i]) * x[i + 1] * x[i + 1] : 0) + (i > 0 ? 2 * sin(x[i - 1]) * x[i] : 0);
    if (fabs(g[i] - gi) > 1e-12 * fmax(1, fabs(gi))) {
      if (failures++ < 5) printf("FAIL g[%d] = %.17g, want %.17g\n", i, g[i], gi);
    }
  }
  return failures != 0;
}
