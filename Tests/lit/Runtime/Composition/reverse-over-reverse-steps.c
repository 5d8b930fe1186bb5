// Reverse over reverse with the inner gradient called in a loop (MAML's inner steps): the outer
// gradient differentiates three gradient steps, each a call of __enzyme_autodiff whose tape grows
// past its first buffer. The inner tapes started from the thread's kept buffer, which a global
// holds and which has no shadow: from the second step on they were written where no shadow was,
// and the outer gradient stopped at run time. Under differentiation each inner tape and its
// shadow start empty and stay until the outer gradient is done. Against central differences and
// against forward over reverse, from optimized and unoptimized input.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include <math.h>
#include <stdlib.h>
#include "../Inputs/check.h"

extern int enzyme_const, enzyme_dup;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

enum { N = 3000, STEPS = 3 };
static double xs[N], ys[N];

// The inner loss of the weights w = (a, b): Σ (tanh(a x) + b x - y)².
double inner(const double *w, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    double r = tanh(w[0] * xs[i]) + w[1] * xs[i] - ys[i];
    s += r * r;
  }
  return s / n;
}

// The loss after STEPS gradient steps from p, on the second half of the data.
double outer(const double *p, int n) {
  double w[2] = {p[0], p[1]};
  for (int step = 0; step < STEPS; step++) {
    double g[2] = {0, 0};
    __enzyme_autodiff((void *)inner, enzyme_dup, w, g, enzyme_const, n / 2);
    w[0] -= 0.3 * g[0];
    w[1] -= 0.3 * g[1];
  }
  double s = 0;
  for (int i = n / 2; i < n; i++) {
    double r = tanh(w[0] * xs[i]) + w[1] * xs[i] - ys[i];
    s += r * r;
  }
  return s / n;
}

int main(void) {
  for (int i = 0; i < N; i++) xs[i] = sin(0.7 * i) * 2, ys[i] = 0.8 * tanh(1.3 * xs[i]) - 0.2 * xs[i];
  double p[2] = {0.4, 0.1}, g[2] = {0, 0};
  __enzyme_autodiff((void *)outer, enzyme_dup, p, g, enzyme_const, N);
  for (int k = 0; k < 2; k++) {
    double h = 1e-5, saved = p[k];
    p[k] = saved + h;
    double up = outer(p, N);
    p[k] = saved - h;
    double down = outer(p, N);
    p[k] = saved;
    check_fd("outer reverse over reverse", g[k], (up - down) / (2 * h), 1e-6);
    double t[2] = {0, 0};
    t[k] = 1;
    check_rel("outer forward over reverse", __enzyme_fwddiff((void *)outer, enzyme_dup, p, t, enzyme_const, N), g[k],
              1e-9);
  }
  // The gradient again: the tapes' buffers were freed and the next call starts as the first did.
  double again[2] = {0, 0};
  __enzyme_autodiff((void *)outer, enzyme_dup, p, again, enzyme_const, N);
  check_exact("outer again[0]", again[0], g[0]);
  check_exact("outer again[1]", again[1], g[1]);
  return finish();
}
