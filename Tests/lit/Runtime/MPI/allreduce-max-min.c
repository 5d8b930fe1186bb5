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
// MPI_Allreduce with MPI_MAX and MPI_MIN (the adjoint goes to the rank whose element was the
// extremum), with MPI_SUM in place, and with MPI_MAX on floats, in both modes: forward against
// reverse and every rank's gradient against central differences. Then ties: when every rank holds
// the same value, the lowest rank is the extremum's owner (MPI_MAXLOC's rule) and gets the whole
// adjoint, in both modes.
#include "Inputs/mpi-check.h"

static double init(int rank, int i) { return 0.4 + 0.3 * i * (rank % 3) - 0.22 * rank + 0.01 * i; }

static void extremes(double *x, double *out) {
  double local[3] = {x[0] * x[1], sin(x[2]), x[0]}, mx[3], mn[3];
  MPI_Allreduce(local, mx, 3, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  MPI_Allreduce(local, mn, 3, MPI_DOUBLE, MPI_MIN, MPI_COMM_WORLD);
  double s = x[1] * x[2];
  MPI_Allreduce(MPI_IN_PLACE, &s, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  float fl[2] = {(float)x[0], (float)(x[1] * x[2])}, fm[2];
  MPI_Allreduce(fl, fm, 2, MPI_FLOAT, MPI_MAX, MPI_COMM_WORLD);
  out[0] = mx[0] * mn[1] + mx[2];
  out[1] = s * mn[0] + mx[1];
  out[2] = (double)fm[0] * (double)fm[1];
}

static void tie(double *x, double *out) { MPI_Allreduce(x, out, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD); }

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  // Float parts round to float precision: central differences with a large step and a loose
  // tolerance (a wrong adjoint is off by far more).
  CHECK_DERIVATIVES(extremes, 3, 3, init, 1e-3, 2e-4);
  int rank = mpi_rank(), size = mpi_size();
  double x = 2.5, dx = 0, out = 0, dout = 1;
  __enzyme_autodiff((void *)tie, enzyme_dup, &x, &dx, enzyme_dup, &out, &dout);
  check("tie: reverse adjoint (all ranks' seeds) goes to rank 0 only", dx, rank == 0 ? size : 0, 0);
  double t = 1 + rank, dt = 0;
  __enzyme_fwddiff((void *)tie, enzyme_dup, &x, &t, enzyme_dup, &out, &dt);
  check("tie: forward tangent is rank 0's", dt, 1, 0);
  return finish();
}
