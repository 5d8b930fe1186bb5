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
// MPI_Gather to rank 0, a computation there on the gathered array, MPI_Scatter of the result back
// (each the other's adjoint), and a gather of floats to the last rank, in both modes: forward
// against reverse and every rank's gradient against central differences.
#include "Inputs/mpi-check.h"

static double init(int rank, int i) { return 0.8 - 0.3 * i + 0.17 * rank; }

static void gather_scatter(double *x, double *out) {
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  double mine[2] = {x[0] * x[1], cos(x[2])};
  double *all = malloc(2 * size * sizeof(double)), *mixed = malloc(2 * size * sizeof(double));
  MPI_Gather(mine, 2, MPI_DOUBLE, all, 2, MPI_DOUBLE, 0, MPI_COMM_WORLD);
  if (rank == 0)
    for (int k = 0; k < 2 * size; k++) mixed[k] = all[k] * all[(k + 1) % (2 * size)] + all[k];
  double back[2];
  MPI_Scatter(mixed, 2, MPI_DOUBLE, back, 2, MPI_DOUBLE, 0, MPI_COMM_WORLD);
  float f = (float)(x[1] * x[2]);
  float *fs = malloc(size * sizeof(float));
  MPI_Gather(&f, 1, MPI_FLOAT, fs, 1, MPI_FLOAT, size - 1, MPI_COMM_WORLD);
  double g = 0;
  if (rank == size - 1)
    for (int k = 0; k < size; k++) g += (double)fs[k] * (k + 1);
  out[0] = back[0] * x[0];
  out[1] = back[1] + x[2] + g;
  free(all);
  free(mixed);
  free(fs);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  CHECK_DERIVATIVES(gather_scatter, 3, 2, init, 1e-3, 2e-4);
  return finish();
}
