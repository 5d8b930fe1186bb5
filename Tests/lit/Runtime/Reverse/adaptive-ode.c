// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// RUN: %clang-ad -Xclang -disable-llvm-passes %s -o %t.raw.bc
// RUN: %swad-opt %t.raw.bc --pre-passes '' -O0 -o %t.raw.opt.bc
// RUN: %clang %t.raw.opt.bc -o %t.raw -lm
// RUN: %t.raw
// An adaptive Runge-Kutta integrator as people write one (a Bogacki-Shampine 3(2) pair and the
// usual step controller) for a damped, driven pendulum: the right-hand side through a function
// pointer, the parameters in a struct, the stages in a malloc'd workspace struct, the accepted state
// copied with memcpy, and a while loop whose trip count and step sizes depend on the parameters
// (through the error estimate, fmax, fmin and pow). The loss is the squared distance of the final
// state from a target; its gradient with respect to the parameters and the initial state, by reverse
// mode, against central differences and against forward mode along each coordinate.
#include <string.h>

#include "../Inputs/check.h"

extern int enzyme_const, enzyme_dup, enzyme_out;
extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);

typedef struct {
  double damping, drive, frequency, length;
} Params;

typedef void (*Rhs)(double t, const double *y, double *dydt, const Params *p);

static void pendulum(double t, const double *y, double *dydt, const Params *p) {
  dydt[0] = y[1];
  dydt[1] = -9.81 / p->length * sin(y[0]) - p->damping * y[1] + p->drive * cos(p->frequency * t);
}

typedef struct {
  int dim;
  double *k1, *k2, *k3, *k4, *tmp, *next;
} Work;

static Work *work_new(int dim) {
  Work *w = malloc(sizeof(Work));
  w->dim = dim;
  double *block = calloc(6 * dim, sizeof(double));
  w->k1 = block, w->k2 = block + dim, w->k3 = block + 2 * dim, w->k4 = block + 3 * dim;
  w->tmp = block + 4 * dim, w->next = block + 5 * dim;
  return w;
}

static void work_free(Work *w) {
  free(w->k1);
  free(w);
}

// One Bogacki-Shampine step from (t, y) with step h: the third-order solution in w->next, the
// returned value the error estimate (max norm of the difference with the second-order one).
static double step(Rhs f, double t, const double *y, double h, const Params *p, Work *w) {
  int n = w->dim;
  f(t, y, w->k1, p);
  for (int i = 0; i < n; i++) w->tmp[i] = y[i] + 0.5 * h * w->k1[i];
  f(t + 0.5 * h, w->tmp, w->k2, p);
  for (int i = 0; i < n; i++) w->tmp[i] = y[i] + 0.75 * h * w->k2[i];
  f(t + 0.75 * h, w->tmp, w->k3, p);
  for (int i = 0; i < n; i++) w->next[i] = y[i] + h * (2.0 / 9 * w->k1[i] + 1.0 / 3 * w->k2[i] + 4.0 / 9 * w->k3[i]);
  f(t + h, w->next, w->k4, p);
  double err = 0;
  for (int i = 0; i < n; i++) {
    double low = y[i] + h * (7.0 / 24 * w->k1[i] + 0.25 * w->k2[i] + 1.0 / 3 * w->k3[i] + 0.125 * w->k4[i]);
    err = fmax(err, fabs(w->next[i] - low));
  }
  return err;
}

// Integrates from 0 to T with tolerance tol; returns the number of accepted steps.
static int integrate(Rhs f, double *y, int n, double T, double tol, const Params *p) {
  Work *w = work_new(n);
  double t = 0, h = 0.01;
  int accepted = 0;
  while (t < T) {
    if (t + h > T) h = T - t;
    double err = step(f, t, y, h, p, w);
    if (err <= tol) {
      t += h;
      memcpy(y, w->next, n * sizeof(double));
      accepted++;
    }
    // The usual controller: grow or shrink by (tol/err)^(1/3), within [0.2, 5].
    double factor = err > 0 ? 0.9 * pow(tol / err, 1.0 / 3) : 5.0;
    h *= fmin(5.0, fmax(0.2, factor));
  }
  work_free(w);
  return accepted;
}

double loss(const double *params, const double *y0) {
  Params p = {params[0], params[1], params[2], params[3]};
  double y[2] = {y0[0], y0[1]};
  integrate(pendulum, y, 2, 3.0, 1e-7, &p);
  double a = y[0] - 0.3, b = y[1] + 0.1;
  return a * a + b * b;
}

int main(void) {
  double params[4] = {0.3, 0.8, 1.7, 1.2}, y0[2] = {1.0, 0.0}, dparams[4] = {0};
  double dy0[2] = {0};
  __enzyme_autodiff((void *)loss, enzyme_dup, params, dparams, enzyme_dup, y0, dy0);
  for (int i = 0; i < 6; i++) {
    double *v = i < 4 ? &params[i] : &y0[i - 4], saved = *v, h = 1e-6;
    *v = saved + h;
    double plus = loss(params, y0);
    *v = saved - h;
    double minus = loss(params, y0);
    *v = saved;
    double ad = i < 4 ? dparams[i] : dy0[i - 4];
    check_fd("reverse against central differences", ad, (plus - minus) / (2 * h), 1e-6);
    double tp[4] = {0}, ty[2] = {0};
    if (i < 4) tp[i] = 1;
    else ty[i - 4] = 1;
    double fwd = __enzyme_fwddiff((void *)loss, enzyme_dup, params, tp, enzyme_dup, y0, ty);
    check_rel("forward against reverse", fwd, ad, 1e-12);
  }
  return finish();
}
