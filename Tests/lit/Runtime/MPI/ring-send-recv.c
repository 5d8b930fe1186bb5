// REQUIRES: mpi
// RUN: %clang-ad %mpi-cflags %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %mpi-libs -lm
// RUN: %mpirun -np 2 %t | FileCheck %s --check-prefix=NP2
// RUN: %mpirun -np 4 %t | FileCheck %s --check-prefix=NP4
// RUN: %clang-ad-O0 %mpi-cflags %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 %mpi-libs -lm
// RUN: %mpirun -np 2 %t.O0 | FileCheck %s --check-prefix=NP2
// RUN: %mpirun -np 4 %t.O0 | FileCheck %s --check-prefix=NP4
// NP2: ok (2 ranks)
// NP4: ok (4 ranks)
// A pipeline of blocking point-to-point messages: a value travels around the ring of ranks twice,
// each rank transforming it (sin, a product with its own parameter) before MPI_Send to the next; rank
// 0 starts and ends it (MPI_Recv from the last rank, MPI_ANY_SOURCE on the second lap, whose reverse
// must answer the rank the message came from). A second buffer of floats (MPI_FLOAT) rides along.
// Reverse mode: each rank's adjoint of its own parameter and of rank 0's input; checked against
// central differences of the whole pipeline (every rank perturbs the same global parameter in turn)
// and against forward mode.
#include "Inputs/mpi-check.h"

enum { LAPS = 2 };

// x: rank 0's input (2 doubles); w: this rank's parameter; f: a float carried along; out: rank 0's result.
static void ring(const double *x, const double *w, float *f, double *out) {
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  double v[2];
  float g = 0;
  if (rank == 0) {
    v[0] = x[0];
    v[1] = x[1];
    g = *f;
  }
  for (int lap = 0; lap < LAPS; lap++) {
    if (rank != 0) {
      MPI_Recv(v, 2, MPI_DOUBLE, rank - 1, lap, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      MPI_Recv(&g, 1, MPI_FLOAT, rank - 1, 100 + lap, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    }
    double a = sin(v[0]) * w[0] + v[1], b = v[0] * v[1] + w[0];
    v[0] = a;
    v[1] = b;
    g = g * (float)w[0] + 0.5f;
    MPI_Send(v, 2, MPI_DOUBLE, (rank + 1) % size, lap, MPI_COMM_WORLD);
    MPI_Send(&g, 1, MPI_FLOAT, (rank + 1) % size, 100 + lap, MPI_COMM_WORLD);
    if (rank == 0) {
      MPI_Status status;
      MPI_Recv(v, 2, MPI_DOUBLE, lap == 0 ? size - 1 : MPI_ANY_SOURCE, lap, MPI_COMM_WORLD, &status);
      MPI_Recv(&g, 1, MPI_FLOAT, status.MPI_SOURCE, 100 + lap, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    }
  }
  *out = rank == 0 ? v[0] * v[1] + (double)g : 0;
}


static double param(int rank) { return 0.9 - 0.15 * rank; }

// Rank 0's result with rank `who`'s parameter moved by h (or x[which] when who < 0), on every rank.
static double run(int who, int which, double h) {
  int rank = mpi_rank();
  double x[2] = {0.4, -0.7}, w = param(rank), out = 0;
  float f = 0.3f;
  if (who < 0 && which < 2) x[which] += h;
  if (who == rank) w += h;
  ring(x, &w, &f, &out);
  MPI_Bcast(&out, 1, MPI_DOUBLE, 0, MPI_COMM_WORLD);
  return out;
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank = mpi_rank(), size = mpi_size();
  double x[2] = {0.4, -0.7}, dx[2] = {0}, w = param(rank), dw = 0, out = 0, dout = rank == 0 ? 1 : 0;
  float f = 0.3f, df = 0;
  __enzyme_autodiff((void *)ring, enzyme_dup, x, dx, enzyme_dup, &w, &dw, enzyme_dup, &f, &df, enzyme_dup, &out, &dout);
  double primal = run(-1, 2, 0);
  check("result", out, rank == 0 ? primal : 0, 1e-15);

  // Central differences: rank r's parameter, and rank 0's inputs. The float computed from w is
  // rounded to float precision, so the step is large and the tolerance loose (the forward-mode
  // check below is tight).
  const double h = 1e-3;
  for (int r = 0; r < size; r++) {
    double fd = (run(r, 0, h) - run(r, 0, -h)) / (2 * h);
    if (r == rank) check("d out / d w (own parameter)", dw, fd, 5e-4);
  }
  for (int k = 0; k < 2; k++) {
    double fd = (run(-1, k, h) - run(-1, k, -h)) / (2 * h);
    if (rank == 0) check(k ? "d out / d x[1]" : "d out / d x[0]", dx[k], fd, 5e-4);
  }
  if (rank != 0) check("x has no adjoint off rank 0", dx[0] + dx[1], 0, 0);

  // Forward mode along every rank's parameter and rank 0's inputs at once: the tangent at rank 0
  // is Σ_ranks (∇ · direction).
  double t[2] = {0.3, -0.2}, tw = 0.5 + 0.1 * rank, tout = 0, out2 = 0;
  float tf = 0.7f;
  double x2[2] = {0.4, -0.7}, w2 = param(rank);
  float f2 = 0.3f;
  __enzyme_fwddiff((void *)ring, enzyme_dup, x2, t, enzyme_dup, &w2, &tw, enzyme_dup, &f2, &tf, enzyme_dup, &out2, &tout);
  double local = dw * tw + (rank == 0 ? dx[0] * 0.3 + dx[1] * -0.2 + df * 0.7f : 0), total = 0;
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  if (rank == 0) check("forward tangent against the reverse gradient", tout, total, 1e-6);  // float parts
  return finish();
}
