// The talk's model: fit a sine to N samples by least squares,
//
//   L(a, b, p, c) = sum_{i<N} (a*sin(2*pi*(i + c)/p) + b - t_i)^2,
//
// and its gradient with respect to (a, b, p, c) by reverse mode (__enzyme_autodiff), against the
// primal and against central finite differences (8 primal evaluations). One process measures all three,
// each the median of REPS repetitions (clock_gettime(CLOCK_MONOTONIC)), and checks the gradient against
// the finite differences so that a wrong gradient cannot be timed silently.
//
// Build (scripts/bench does this):
//   clang-22 -O2 -fno-vectorize -fno-slp-vectorize -fno-unroll-loops -emit-llvm -c sine_fit.c -o s.bc
//   swad-opt s.bc -o s.opt.bc && clang-22 -O2 s.opt.bc -o sine_fit -lm && ./sine_fit
//
// Output: human-readable lines, then one machine-readable line starting with "RESULT" (read by
// scripts/bench). The exit status is non-zero when the gradient disagrees with finite differences.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dump.h"
#include "peer.h"
#include "timing.h"

#define N 100000
#define REPS 101
#define TOLERANCE 1e-6

extern int enzyme_const, enzyme_out;

typedef struct {
  double a, b, p, c;
} Gradient;

// Four doubles come back in memory (an sret pointer), as Enzyme's convention allows.
extern Gradient __enzyme_autodiff(void *, ...);

// Inputs are read through this volatile zero, results written to the volatile sink: the compiler can
// neither hoist a repetition out of the timing loop nor delete one.
static volatile double zero = 0.0;
static volatile double sink;

__attribute__((noinline)) double loss(const double *t, int n, double a, double b, double p, double c) {
  double sum = 0.0;
  for (int i = 0; i < n; i++) {
    double r = a * sin(2.0 * M_PI * (i + c) / p) + b - t[i];
    sum += r * r;
  }
  return sum;
}

// Central differences in each of the four parameters: 8 primal evaluations.
static void finite_differences(const double *t, const double x[4], const double h[4], double g[4]) {
  for (int j = 0; j < 4; j++) {
    double up[4], down[4];
    memcpy(up, x, sizeof up);
    memcpy(down, x, sizeof down);
    up[j] += h[j];
    down[j] -= h[j];
    double fu = loss(t, N, up[0], up[1], up[2], up[3]);
    double fd = loss(t, N, down[0], down[1], down[2], down[3]);
    g[j] = (fu - fd) / (up[j] - down[j]);
  }
}

// N samples of a true sine (a=2, b=0.5, p=1000, c=30) plus deterministic noise.
static double *make_samples(void) {
  double *t = malloc(N * sizeof *t);
  unsigned long long state = 42;
  for (int i = 0; i < N; i++) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    double noise = ((state >> 11) * 0x1.0p-53 - 0.5) * 0.2;
    t[i] = 2.0 * sin(2.0 * M_PI * (i + 30.0) / 1000.0) + 0.5 + noise;
  }
  return t;
}

// Where the fit is evaluated: away from the optimum, so that no gradient component is near zero.
static const double x[4] = {1.7, 0.3, 1000.2, 28.5};

// One timed evaluation at x of the primal, or of the gradient (into *g).
static double time_once(const double *t, int gradient, Gradient *g) {
  double a = x[0] + zero, b = x[1] + zero, p = x[2] + zero, c = x[3] + zero;
  double t0 = now();
  if (!gradient) {
    sink = loss(t, N, a, b, p, c);
  } else {
    *g = __enzyme_autodiff((void *)loss, enzyme_const, t, N, enzyme_out, a, enzyme_out, b, enzyme_out, p,
                           enzyme_out, c);
  }
  double t1 = now();
  if (gradient) sink = g->a + g->b + g->p + g->c;
  return t1 - t0;
}

// The problem as a library for JAX's process (peer.h); it takes no arguments.
static double *peer_samples;
static Gradient peer_gradient;
SWAD_PEER int swad_peer_setup(int argc, char **argv) {
  (void)argc, (void)argv;
  peer_samples = make_samples();
  return 0;
}
SWAD_PEER double swad_peer_time(int gradient) { return time_once(peer_samples, gradient, &peer_gradient); }

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);  // a log that shows how far a crashed run got
  double *t = make_samples();
  const char *names[4] = {"a", "b", "p", "c"};

  double primal[REPS], gradient[REPS], fd[REPS];
  Gradient g = {0};
  double gfd[4];
  // Steps: L is quadratic in a and b (central differences are exact up to rounding); in p and c the
  // step balances truncation (L varies fast in p: d/dp carries a factor (i + c)/p^2) against rounding.
  const double h[4] = {1e-5, 1e-5, 1e-4, 1e-3};

  for (int r = 0; r < REPS; r++) {
    primal[r] = time_once(t, 0, &g);
    gradient[r] = time_once(t, 1, &g);

    double xs[4] = {x[0] + zero, x[1] + zero, x[2] + zero, x[3] + zero};
    double t0 = now();
    finite_differences(t, xs, h, gfd);
    double t1 = now();
    sink = gfd[0] + gfd[1] + gfd[2] + gfd[3];
    fd[r] = t1 - t0;
  }

  double ad[4] = {g.a, g.b, g.p, g.c};
  double norm = 0.0;
  for (int j = 0; j < 4; j++) norm = fmax(norm, fabs(gfd[j]));
  double worst = 0.0;
  printf("sine_fit: N = %d, loss = %.10g, median of %d repetitions\n", N, loss(t, N, x[0], x[1], x[2], x[3]),
         REPS);
  for (int j = 0; j < 4; j++) {
    double err = fabs(ad[j] - gfd[j]) / fmax(fabs(gfd[j]), 1e-12 * norm);
    worst = fmax(worst, err);
    printf("  dL/d%s  reverse %+.12e   central differences %+.12e   rel. error %.2e\n", names[j], ad[j], gfd[j],
           err);
  }
  double tp = median(primal, REPS) * 1e3, tg = median(gradient, REPS) * 1e3, tf = median(fd, REPS) * 1e3;
  // The data and the gradient for the JAX and Swift versions (SWAD_BENCH_DUMP, see dump.h).
  FILE *dump = dump_open();
  dump_array(dump, "t", t, N);
  dump_array(dump, "x", x, 4);
  dump_scalar(dump, "loss", loss(t, N, x[0], x[1], x[2], x[3]));
  dump_array(dump, "gradient", ad, 4);
  dump_scalar(dump, "primal_ms", tp);
  dump_close(dump);
  printf("  primal %.3f ms   gradient %.3f ms (%.2fx)   central differences %.3f ms (%.2fx)\n", tp, tg, tg / tp,
         tf, tf / tp);
  int ok = worst <= TOLERANCE && isfinite(worst);
  printf("  gradient %s finite differences (max rel. error %.2e, tolerance %.0e)\n", ok ? "agrees with" : "DISAGREES with",
         worst, TOLERANCE);
  printf("RESULT sine_fit N=%d %.4f %.4f %.4f measured %.3e %s\n", N, tp, tg, tf, worst, ok ? "ok" : "WRONG");
  free(t);
  return ok ? 0 : 1;
}
