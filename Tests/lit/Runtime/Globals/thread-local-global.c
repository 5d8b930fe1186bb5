// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm -lpthread
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm -lpthread
// RUN: %t.O0in
// Thread-local globals (`_Thread_local`) written and read while a derivative runs: an accumulator
// written by one helper and read by another, and a scratch array filled and summed by two helpers,
// each in both modes and from two threads at once (each thread's derivative has its own shadow:
// the shadow global is thread-local too, Support/GlobalShadows.swift). Before, the address of a
// thread-local global (`llvm.threadlocal.address`) was taken for inactive: the derivatives were
// silently 0 from optimized input, and from unoptimized input the scratch array stopped the
// program with the error for memory without a shadow.
#include <pthread.h>
#include "../Inputs/check.h"

double __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

static _Thread_local double t;
static _Thread_local double scratch[4];

__attribute__((noinline)) static void put(double *w, double v) { *w = v * v; }
__attribute__((noinline)) static double get(const double *w) { return *w; }
__attribute__((noinline)) double accumulator(double x) {
  double *p = &t;
  put(p, x);
  return get(p) * x;
}

__attribute__((noinline)) static void fill(const double *x) {
  for (int i = 0; i < 4; i++) scratch[i] = sin(x[i % 2]) * x[(i + 1) % 2];
}
__attribute__((noinline)) static double total(void) {
  double s = 0;
  for (int i = 0; i < 4; i++) s += scratch[i] * scratch[i];
  return s;
}
__attribute__((noinline)) double sum_of_squares(const double *x) {
  fill(x);
  return total();
}

/* The largest relative error of the four derivatives over many rounds, at points scaled by `scale`. */
static double worst_error(double scale) {
  double worst = 0;
  for (int round = 0; round < 200; round++) {
    double x = 1.5 * scale, want = 3 * x * x;
    worst = fmax(worst, fabs(__enzyme_autodiff((void *)accumulator, x) - want) / want);
    worst = fmax(worst, fabs(__enzyme_fwddiff((void *)accumulator, x, 1.0) - want) / want);
    // s = 2 (sin(a) b)^2 + 2 (sin(b) a)^2
    double v[2] = {0.7 * scale, -1.3 * scale}, g[2] = {0}, a = v[0], b = v[1];
    double d[2] = {4 * sin(a) * cos(a) * b * b + 4 * sin(b) * sin(b) * a,
                   4 * sin(a) * sin(a) * b + 4 * sin(b) * cos(b) * a * a};
    __enzyme_autodiff((void *)sum_of_squares, enzyme_dup, v, g);
    for (int i = 0; i < 2; i++) {
      double dv[2] = {i == 0, i == 1};
      worst = fmax(worst, fabs(g[i] - d[i]) / fabs(d[i]));
      worst = fmax(worst, fabs(__enzyme_fwddiff((void *)sum_of_squares, enzyme_dup, v, dv) - d[i]) / fabs(d[i]));
    }
  }
  return worst;
}

static double scales[2] = {1.0, -0.75}, errors[2];
static void *worker(void *arg) {
  int index = *(int *)arg;
  errors[index] = worst_error(scales[index]);
  return 0;
}

int main(void) {
  int indices[2] = {0, 1};
  pthread_t other;
  pthread_create(&other, 0, worker, &indices[1]);
  worker(&indices[0]);
  pthread_join(other, 0);
  check_rel("largest relative error, main thread", errors[0] < 1e-14 ? 0 : errors[0], 0, 0);
  check_rel("largest relative error, second thread", errors[1] < 1e-14 ? 0 : errors[1], 0, 0);
  return finish();
}
