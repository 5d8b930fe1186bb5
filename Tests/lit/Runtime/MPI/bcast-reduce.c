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
// MPI_Bcast from rank 1, MPI_Reduce with MPI_SUM to rank 0 (into a separate buffer, and in place at
// the root), MPI_Reduce with MPI_MAX to the last rank, and a broadcast of floats, in both modes:
// forward against reverse and every rank's gradient against central differences.
#include "Inputs/mpi-check.h"

static double init(int rank, int i) { return 0.5 + 0.37 * i - 0.21 * rank + 0.05 * rank * i; }

static void collectives(double *x, double *out) {
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  // Only rank 1's values survive the broadcast.
  double b[2] = {x[0] * x[1], sin(x[2])};
  MPI_Bcast(b, 2, MPI_DOUBLE, 1, MPI_COMM_WORLD);
  double s[2] = {b[0] * x[0] + b[1], b[1] * x[1]}, r[2] = {0, 0};
  MPI_Reduce(s, r, 2, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
  // In place at the root: its own contribution is in the receive buffer.
  double p = x[2] * x[2], q = 0;
  MPI_Reduce(rank == 0 ? MPI_IN_PLACE : &p, rank == 0 ? &p : &q, 1, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
  double mine = x[2] * x[0] + 0.1 * rank, m = 0;
  MPI_Reduce(&mine, &m, 1, MPI_DOUBLE, MPI_MAX, size - 1, MPI_COMM_WORLD);
  float f[2] = {(float)x[0], (float)(x[1] * x[2])};
  MPI_Bcast(f, 2, MPI_FLOAT, size - 1, MPI_COMM_WORLD);
  out[0] = rank == 0 ? r[0] * r[1] + p : x[0];
  out[1] = rank == size - 1 ? m * m : b[0];
  out[2] = (double)f[0] * (double)f[1] + b[1];
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  // The float path rounds to float precision: the central differences are taken with a large step.
  CHECK_DERIVATIVES(collectives, 3, 3, init, 1e-3, 2e-4);
  return finish();
}
