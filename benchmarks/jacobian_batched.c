// The Jacobian of a small network y = W2·tanh(W1·x + b), R^256 → R^8, by reverse mode: eight
// gradients (one per output) against one batched call (enzyme_width 8: one forward sweep, eight
// adjoint lanes) and two of width 4. The rows must agree to rounding; one process times all.
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "dump.h"
#include "peer.h"
#include "timing.h"

enum { N = 256, H = 256, M = 8, REPS = 41 };

extern int enzyme_width, enzyme_dup, enzyme_dupnoneed, enzyme_const;
void __enzyme_autodiff(void *, ...);

static double W1[H][N], b[H], W2[M][H];

__attribute__((noinline)) static void net(const double *x, double *y) {
  double h[H];
  for (int i = 0; i < H; i++) {
    double s = b[i];
    for (int j = 0; j < N; j++) s += W1[i][j] * x[j];
    h[i] = tanh(s);
  }
  for (int k = 0; k < M; k++) {
    double s = 0;
    for (int i = 0; i < H; i++) s += W2[k][i] * h[i];
    y[k] = s;
  }
}

static double J1[M][N], J8[M][N], J4[M][N];

static void rows_one_by_one(const double *x) {
  for (int k = 0; k < M; k++) {
    double y[M], dy[M] = {0};
    dy[k] = 1;
    memset(J1[k], 0, sizeof J1[k]);
    __enzyme_autodiff((void *)net, enzyme_dup, x, J1[k], enzyme_dupnoneed, y, dy);
  }
}

// Not inlined: main's timing and the peer library's (swad_peer_time) call the one copy, so that the
// module's derivative code is what it was before the library existed.
__attribute__((noinline)) static void rows_width8(const double *x) {
  double y[M], dy[M][M] = {{0}};
  for (int k = 0; k < M; k++) dy[k][k] = 1, memset(J8[k], 0, sizeof J8[k]);
  __enzyme_autodiff((void *)net, enzyme_width, 8, enzyme_dup, x, J8[0], J8[1], J8[2], J8[3], J8[4], J8[5], J8[6],
                    J8[7], enzyme_dupnoneed, y, dy[0], dy[1], dy[2], dy[3], dy[4], dy[5], dy[6], dy[7]);
}

static void rows_width4(const double *x) {
  double y[M], dy[M][M] = {{0}};
  for (int k = 0; k < M; k++) dy[k][k] = 1, memset(J4[k], 0, sizeof J4[k]);
  for (int k = 0; k < M; k += 4) {
    __enzyme_autodiff((void *)net, enzyme_width, 4, enzyme_dup, x, J4[k], J4[k + 1], J4[k + 2], J4[k + 3],
                      enzyme_dupnoneed, y, dy[k], dy[k + 1], dy[k + 2], dy[k + 3]);
  }
}

static double time_it(void (*f)(const double *), const double *x) {
  double samples[REPS];
  for (int r = 0; r < REPS; r++) {
    double t0 = now();
    f(x);
    samples[r] = now() - t0;
  }
  return 1e3 * median(samples, REPS);
}

static double y_sink[M];
static void primal(const double *x) { net(x, y_sink); }

// The network's weights and the point x.
static void make_problem(double x[N]) {
  for (int i = 0; i < H; i++) {
    b[i] = 0.01 * sin(i);
    for (int j = 0; j < N; j++) W1[i][j] = 0.05 * sin(0.37 * i + 1.3 * j);
  }
  for (int k = 0; k < M; k++)
    for (int i = 0; i < H; i++) W2[k][i] = 0.1 * cos(0.11 * k * i + 0.5);
  for (int j = 0; j < N; j++) x[j] = cos(0.7 * j);
}

// The problem as a library for JAX's process (peer.h); it takes no arguments. Its gradient is the
// batched call (width 8), the table's gradient column.
static double peer_x[N];
SWAD_PEER int swad_peer_setup(int argc, char **argv) {
  (void)argc, (void)argv;
  make_problem(peer_x);
  return 0;
}
SWAD_PEER double swad_peer_time(int gradient) {
  double t0 = now();
  (gradient ? rows_width8 : primal)(peer_x);
  return now() - t0;
}

int main(void) {
  double x[N];
  make_problem(x);

  double tp = time_it(primal, x), t1 = time_it(rows_one_by_one, x), t8 = time_it(rows_width8, x),
         t4 = time_it(rows_width4, x);
  double worst = 0;
  for (int k = 0; k < M; k++)
    for (int j = 0; j < N; j++) {
      double scale = fmax(fabs(J1[k][j]), 1e-12);
      worst = fmax(worst, fmax(fabs(J8[k][j] - J1[k][j]), fabs(J4[k][j] - J1[k][j])) / scale);
    }
  int ok = worst < 1e-10;
  // The data and the batched call's Jacobian (rows of dy/dx) for the JAX version (SWAD_BENCH_DUMP,
  // see dump.h); the matrices row-major as declared.
  FILE *dump = dump_open();
  double shape[3] = {N, H, M}, y[M];
  net(x, y);
  dump_array(dump, "shape", shape, 3);
  dump_array(dump, "W1", &W1[0][0], (long)H * N);
  dump_array(dump, "b", b, H);
  dump_array(dump, "W2", &W2[0][0], (long)M * H);
  dump_array(dump, "x", x, N);
  dump_scalar(dump, "loss", y[0]);
  dump_array(dump, "gradient", &J8[0][0], (long)M * N);
  dump_scalar(dump, "primal_ms", tp);
  dump_close(dump);
  printf("jacobian_batched: %d outputs of %d inputs, median of %d repetitions\n", M, N, REPS);
  printf("  primal %.3f ms   8 gradients %.3f ms (%.2fx)   width 8 %.3f ms (%.2fx)   2 x width 4 %.3f ms (%.2fx)\n",
         tp, t1, t1 / tp, t8, t8 / tp, t4, t4 / tp);
  printf("  rows %s the unbatched gradients (max rel. difference %.2e)\n", ok ? "agree with" : "DISAGREE with", worst);
  // The table's columns: the primal, the batched call (width 8), and in place of finite differences
  // the eight unbatched gradients it replaces.
  printf("RESULT jacobian_batched 8x256 %.4f %.4f %.4f 8-gradients %.3e %s\n", tp, t8, t1, worst, ok ? "ok" : "WRONG");
  return !ok;
}
