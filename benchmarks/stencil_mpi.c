// The 1-D heat-equation stencil of Tests/lit/Runtime/MPI/heat-halo.c at benchmark size (the plain
// heat equation: without the test's cubic term, whose derivative would need every cell's value of
// every step on the tape), for scripts/bench-mpi: each rank holds n cells (weak scaling: n per rank is fixed), exchanges one halo
// cell with each neighbour per step (MPI_Irecv/MPI_Isend/MPI_Waitall), and its objective is the
// sum of squares of its cells at the end. Times the primal and the reverse-mode gradient (combined
// __enzyme_autodiff), each the median of repetitions, the slowest rank's time for each; checks the
// gradient against forward mode (Σ_ranks ∇J·v = J̇ along v).
//
// Usage: mpirun -np P stencil_mpi [n-per-rank] [steps] [repetitions]
// Output: human-readable lines, then (rank 0) one line
//   RESULT stencil_mpi ranks=P,n=N,steps=S primal-ms gradient-ms - - relative-error ok|WRONG
#include <math.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timing.h"

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
void __enzyme_fwddiff(void *, ...);

static const double C = 0.23;

static void heat(double *u, double *v, int n, int steps, double *out) {
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  double *a = u, *b = v;
  for (int t = 0; t < steps; t++) {
    MPI_Request requests[4];
    int k = 0;
    if (rank > 0) {
      MPI_Irecv(&a[0], 1, MPI_DOUBLE, rank - 1, 0, MPI_COMM_WORLD, &requests[k++]);
      MPI_Isend(&a[1], 1, MPI_DOUBLE, rank - 1, 1, MPI_COMM_WORLD, &requests[k++]);
    }
    if (rank < size - 1) {
      MPI_Irecv(&a[n + 1], 1, MPI_DOUBLE, rank + 1, 1, MPI_COMM_WORLD, &requests[k++]);
      MPI_Isend(&a[n], 1, MPI_DOUBLE, rank + 1, 0, MPI_COMM_WORLD, &requests[k++]);
    }
    MPI_Waitall(k, requests, MPI_STATUSES_IGNORE);
    for (int i = 1; i <= n; i++) b[i] = a[i] + C * (a[i - 1] - 2 * a[i] + a[i + 1]);
    double *s = a;
    a = b;
    b = s;
  }
  double sum = 0;
  for (int i = 1; i <= n; i++) sum += a[i] * a[i];
  *out = sum;
}

static double initial(long cell) { return sin(0.001 * cell + 0.3) + 0.2; }

static void reset(double *u, double *v, int n, long first) {
  memset(u, 0, (n + 2) * sizeof(double));
  memset(v, 0, (n + 2) * sizeof(double));
  for (int i = 0; i < n; i++) u[i + 1] = initial(first + i);
}

// The slowest rank's median of `reps` timings of `what` (0: primal, 1: gradient).
static double measure(int what, int reps, double *u, double *v, double *du, double *dv, int n, int steps,
                      long first) {
  double *samples = malloc(reps * sizeof(double));
  for (int r = 0; r < reps; r++) {
    reset(u, v, n, first);
    memset(du, 0, (n + 2) * sizeof(double));
    memset(dv, 0, (n + 2) * sizeof(double));
    double out = 0, dout = 1;
    MPI_Barrier(MPI_COMM_WORLD);
    double start = now();
    if (what == 0) {
      heat(u, v, n, steps, &out);
    } else {
      __enzyme_autodiff((void *)heat, enzyme_dup, u, du, enzyme_dup, v, dv, enzyme_const, n, enzyme_const, steps,
                        enzyme_dup, &out, &dout);
    }
    double local = now() - start, slowest;
    MPI_Allreduce(&local, &slowest, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    samples[r] = slowest;
  }
  double m = median(samples, reps);
  free(samples);
  return 1e3 * m;
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int n = argc > 1 ? atoi(argv[1]) : 100000, steps = argc > 2 ? atoi(argv[2]) : 50;
  int reps = argc > 3 ? atoi(argv[3]) : 15;
  long first = (long)rank * n;
  double *u = malloc((n + 2) * sizeof(double)), *v = malloc((n + 2) * sizeof(double));
  double *du = malloc((n + 2) * sizeof(double)), *dv = malloc((n + 2) * sizeof(double));

  // Warm up both, then interleave nothing: primal repetitions, then gradient repetitions.
  measure(0, 2, u, v, du, dv, n, steps, first);
  measure(1, 2, u, v, du, dv, n, steps, first);
  double primal = measure(0, reps, u, v, du, dv, n, steps, first);
  double gradient = measure(1, reps, u, v, du, dv, n, steps, first);

  // The gradient (left in du by the last repetition) against forward mode along v.
  double *t = malloc((n + 2) * sizeof(double)), *tv = calloc(n + 2, sizeof(double));
  double sides[2] = {0, 0}, sums[2];
  memset(t, 0, (n + 2) * sizeof(double));
  for (int i = 1; i <= n; i++) {
    t[i] = cos(0.0013 * (first + i));
    sides[1] += du[i] * t[i];
  }
  reset(u, v, n, first);
  double out = 0, dout = 0;
  __enzyme_fwddiff((void *)heat, enzyme_dup, u, t, enzyme_dup, v, tv, enzyme_const, n, enzyme_const, steps,
                   enzyme_dup, &out, &dout);
  sides[0] = dout;
  MPI_Allreduce(sides, sums, 2, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  double error = fabs(sums[0] - sums[1]) / fmax(1e-300, fabs(sums[0]));
  int ok = error < 1e-10;
  if (rank == 0) {
    printf("stencil_mpi: %d ranks, %d cells per rank, %d steps: primal %.3f ms, gradient %.3f ms (%.2fx); "
           "forward vs reverse relative error %.1e\n",
           size, n, steps, primal, gradient, gradient / primal, error);
    printf("RESULT stencil_mpi ranks=%d,n=%d,steps=%d %.4f %.4f - - %.1e %s\n", size, n, steps, primal, gradient, error,
           ok ? "ok" : "WRONG");
  }
  free(u);
  free(v);
  free(du);
  free(dv);
  free(t);
  free(tv);
  MPI_Finalize();
  return ok ? 0 : 1;
}
