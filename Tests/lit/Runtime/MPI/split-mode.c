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
// Split reverse mode: __enzyme_augmentfwd runs the forward sweep (a ring exchange by
// MPI_Isend/MPI_Irecv/MPI_Waitall and an MPI_Allreduce), the program does other communication in
// between, and __enzyme_reverse runs the reverse sweep from the tape: the gradient must be the
// combined gradient's, bit for bit.
#include "Inputs/mpi-check.h"

extern void *__enzyme_augmentfwd(void *, ...);
extern void __enzyme_reverse(void *, ...);

static void ring_energy(double *x, double *out) {
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  double left, right;
  MPI_Request requests[4];
  MPI_Irecv(&left, 1, MPI_DOUBLE, (rank + size - 1) % size, 0, MPI_COMM_WORLD, &requests[0]);
  MPI_Irecv(&right, 1, MPI_DOUBLE, (rank + 1) % size, 1, MPI_COMM_WORLD, &requests[1]);
  MPI_Isend(&x[1], 1, MPI_DOUBLE, (rank + 1) % size, 0, MPI_COMM_WORLD, &requests[2]);
  MPI_Isend(&x[0], 1, MPI_DOUBLE, (rank + size - 1) % size, 1, MPI_COMM_WORLD, &requests[3]);
  MPI_Waitall(4, requests, MPI_STATUSES_IGNORE);
  double local = sin(left * x[0]) + x[1] * right * right, total;
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  *out = total * x[0];
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank = mpi_rank();
  double x[2] = {0.3 + 0.1 * rank, 0.7 - 0.05 * rank}, dx[2] = {0}, out = 0, dout = 1;
  __enzyme_autodiff((void *)ring_energy, enzyme_dup, x, dx, enzyme_dup, &out, &dout);

  double sx[2] = {0}, out2 = 0, dout2 = 0;
  void *tape = __enzyme_augmentfwd((void *)ring_energy, enzyme_dup, x, sx, enzyme_dup, &out2, &dout2);
  double noise = rank, sum;  // other messages between the sweeps
  MPI_Allreduce(&noise, &sum, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  dout2 = 1;
  __enzyme_reverse((void *)ring_energy, enzyme_dup, x, sx, enzyme_dup, &out2, &dout2, tape);
  check("split: result", out2, out, 0);
  check("split: gradient[0]", sx[0], dx[0], 0);
  check("split: gradient[1]", sx[1], dx[1], 0);

  // And the combined gradient against central differences of the sum of every rank's result.
  const double h = 1e-6;
  double value[2];
  for (int r = 0; r < mpi_size(); r++) {
    for (int i = 0; i < 2; i++) {
      for (int side = 0; side < 2; side++) {
        double y[2] = {x[0], x[1]}, o;
        if (r == rank) y[i] += side ? -h : h;
        ring_energy(y, &o);
        MPI_Allreduce(&o, &value[side], 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
      }
      if (r == rank) check("gradient against central differences", dx[i], (value[0] - value[1]) / (2 * h), 1e-7);
    }
  }
  return finish();
}
