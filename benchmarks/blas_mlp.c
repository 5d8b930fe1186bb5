// A three-layer perceptron over BLAS (issue 10's benchmark row): with X the inputs (D×N) and Y the
// targets (D×N), all weight matrices D×D and every product a 512×512×512 dgemm,
//
//   L(W1, W2, W3) = (1/2N) ‖W3 tanh(W2 tanh(W1 X)) − Y‖²,
//
// its gradient with respect to the three weight matrices by reverse mode (__enzyme_autodiff; the
// dgemms are differentiated by swad's BLAS rules: five dgemms, nothing copied), against the primal
// and against central differences on a sample of weights. OpenBLAS runs on one thread, so that
// the ratio measures work, not scheduling.
//
// Build (scripts/bench does this):
//   clang-22 -O2 -fno-vectorize -fno-slp-vectorize -fno-unroll-loops -emit-llvm -c blas_mlp.c -o m.bc
//   swad-opt m.bc -o m.opt.bc && clang-22 -O2 m.opt.bc -o blas_mlp -lm -lopenblas && ./blas_mlp
//
// Output: human-readable lines, the times of one dgemm and of one layer's tanh ("KERNEL" lines, which
// scripts/bench prints under its table beside JAX's), then one "RESULT" line (read by scripts/bench);
// the exit status is non-zero when the gradient disagrees with finite differences.
#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dump.h"
#include "peer.h"
#include "timing.h"

void __enzyme_autodiff(void *, ...);
extern int enzyme_dup, enzyme_const;
void openblas_set_num_threads(int);

enum { D = 512, N = 512, REPS = 11 };
static volatile double sink;

// One layer: H := tanh(W X), W D×D, X D×N, column-major.
static void layer(const double *W, const double *X, double *Z, double *H) {
  cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, D, N, D, 1.0, W, D, X, D, 0.0, Z, D);
  for (int i = 0; i < D * N; i++) H[i] = tanh(Z[i]);
}

__attribute__((noinline)) double loss(const double *W1, const double *W2, const double *W3, const double *X,
                                      const double *Y) {
  double *Z1 = malloc(sizeof(double) * D * N), *H1 = malloc(sizeof(double) * D * N);
  double *Z2 = malloc(sizeof(double) * D * N), *H2 = malloc(sizeof(double) * D * N);
  double *P = malloc(sizeof(double) * D * N);
  layer(W1, X, Z1, H1);
  layer(W2, H1, Z2, H2);
  cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, D, N, D, 1.0, W3, D, H2, D, 0.0, P, D);
  double sum = 0;
  for (int i = 0; i < D * N; i++) sum += (P[i] - Y[i]) * (P[i] - Y[i]);
  free(Z1), free(H1), free(Z2), free(H2), free(P);
  return sum / (2.0 * N);
}

// The weights W (three D×D matrices, deterministic pseudo-random), their gradients G, the inputs X and
// the targets Y.
typedef struct {
  double *W[3], *G[3], *X, *Y;
} Problem;

static void make_problem(Problem *p) {
  openblas_set_num_threads(1);
  p->X = malloc(sizeof(double) * D * N), p->Y = malloc(sizeof(double) * D * N);
  unsigned long long state = 7;
  for (int l = 0; l < 3; l++) {
    p->W[l] = malloc(sizeof(double) * D * D), p->G[l] = malloc(sizeof(double) * D * D);
    for (int i = 0; i < D * D; i++) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      p->W[l][i] = ((state >> 11) * 0x1.0p-53 - 0.5) * 2.0 / sqrt(D);
    }
  }
  for (int i = 0; i < D * N; i++) p->X[i] = sin(0.01 * i), p->Y[i] = cos(0.013 * i) * 0.5;
}

// One timed evaluation of the loss, or of its gradient (into G, zeroed first, untimed).
static double time_once(Problem *p, int gradient) {
  double *const *W = p->W, *const *G = p->G;
  if (!gradient) {
    double start = now();
    sink = loss(W[0], W[1], W[2], p->X, p->Y);
    return now() - start;
  }
  for (int l = 0; l < 3; l++) memset(G[l], 0, sizeof(double) * D * D);
  double start = now();
  __enzyme_autodiff((void *)loss, enzyme_dup, W[0], G[0], enzyme_dup, W[1], G[1], enzyme_dup, W[2], G[2],
                    enzyme_const, p->X, enzyme_const, p->Y);
  return now() - start;
}

// The problem as a library for JAX's process (peer.h); it takes no arguments.
static Problem peer_problem;
SWAD_PEER int swad_peer_setup(int argc, char **argv) {
  (void)argc, (void)argv;
  make_problem(&peer_problem);
  return 0;
}
SWAD_PEER double swad_peer_time(int gradient) { return time_once(&peer_problem, gradient); }

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  Problem problem;
  make_problem(&problem);
  double **W = problem.W, **G = problem.G, *X = problem.X, *Y = problem.Y;

  // Primal and gradient alternate, so that a machine busy with other work slows both alike.
  double primal[REPS], reverse[REPS];
  for (int r = 0; r < REPS; r++) {
    primal[r] = time_once(&problem, 0);
    reverse[r] = time_once(&problem, 1);
  }
  double tp = median(primal, REPS) * 1e3, tg = median(reverse, REPS) * 1e3;

  // What the time goes to, for the table's notes (scripts/bench times the same kernels in JAX): one
  // of the products (the primal has three, the gradient eight) and one layer's tanh.
  double product[REPS], activation[REPS];
  double *Z = malloc(sizeof(double) * D * N), *H = malloc(sizeof(double) * D * N);
  for (int r = 0; r < REPS; r++) {
    double start = now();
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, D, N, D, 1.0, W[0], D, X, D, 0.0, Z, D);
    product[r] = now() - start;
    start = now();
    for (int i = 0; i < D * N; i++) H[i] = tanh(Z[i]);
    activation[r] = now() - start;
    sink = H[r];
  }
  free(Z), free(H);
  printf("KERNEL dgemm_%dx%dx%d %.4f\n", D, D, N, median(product, REPS) * 1e3);
  printf("KERNEL tanh_x%d %.4f\n", D * N, median(activation, REPS) * 1e3);

  // Central differences on weights of every layer, relative to the gradient's size.
  double worst = 0;
  for (int l = 0; l < 3; l++) {
    double scale = 0;
    for (int i = 0; i < D * D; i++) scale = fmax(scale, fabs(G[l][i]));
    for (int i = 17; i < D * D; i += D * D / 4) {
      double saved = W[l][i], h = 1e-5;
      W[l][i] = saved + h;
      double up = loss(W[0], W[1], W[2], X, Y);
      W[l][i] = saved - h;
      double down = loss(W[0], W[1], W[2], X, Y);
      W[l][i] = saved;
      double fd = (up - down) / (2 * h), error = fabs(fd - G[l][i]) / scale;
      worst = fmax(worst, error);
      printf("  dL/dW%d[%6d]  reverse %+.12e   central differences %+.12e   error %.2e\n", l + 1, i, G[l][i], fd, error);
    }
  }
  // The data and the gradient for the JAX version (SWAD_BENCH_DUMP, see dump.h); matrices column-major.
  FILE *dump = dump_open();
  double shape[2] = {D, N};
  dump_array(dump, "shape", shape, 2);
  for (int l = 0; l < 3; l++) {
    char name[4] = {'W', (char)('1' + l), 0};
    dump_array(dump, name, W[l], (long)D * D);
  }
  dump_array(dump, "X", X, (long)D * N);
  dump_array(dump, "Y", Y, (long)D * N);
  dump_scalar(dump, "loss", loss(W[0], W[1], W[2], X, Y));
  for (int l = 0; l < 3; l++) dump_array(dump, "gradient", G[l], (long)D * D);  // three parts, concatenated
  dump_scalar(dump, "primal_ms", tp);
  dump_close(dump);
  // h = 1e-5 on a loss of size ~30: central differences are good to ~1e-6 of the largest entry.
  int ok = worst < 1e-5;
  long parameters = 3L * D * D;
  printf("blas_mlp: D=%d N=%d, three %dx%dx%d dgemms, %ld parameters, loss %.10g\n", D, N, D, D, N, parameters,
         loss(W[0], W[1], W[2], X, Y));
  printf("  primal %.3f ms   gradient %.3f ms (%.2fx)   central differences ~%.0f ms (2 x %ld primal evaluations)\n",
         tp, tg, tg / tp, 2.0 * parameters * tp, parameters);
  printf("RESULT blas_mlp D=%d,N=%d %.4f %.4f %.1f estimated %.3e %s\n", D, N, tp, tg, 2.0 * parameters * tp, worst,
         ok ? "ok" : "WRONG");
  return ok ? 0 : 1;
}
