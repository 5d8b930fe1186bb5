// REQUIRES: mpi
// RUN: %clangxx-ad %mpi-cflags %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t %mpi-libs
// RUN: %mpirun -np 2 %t | FileCheck %s
// RUN: %clangxx-ad-O0 %mpi-cflags %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0 %mpi-libs
// RUN: %mpirun -np 2 %t.O0 | FileCheck %s
// CHECK: ok (2 ranks)
// C++ with exceptions on: with std::vector alive around it, MPI_Allreduce is reached through an
// `invoke`; reverse mode, against the hand-derived gradient of (Σ_ranks xᵀx)².
#include <mpi.h>
#include <vector>
#include <cstdio>
#include <cmath>
extern int enzyme_dup, enzyme_const;
extern "C" void __enzyme_autodiff(void *, ...);
static void dot(const double *x, double *out, int n) {
  std::vector<double> tmp(n);
  for (int i = 0; i < n; i++) tmp[i] = x[i] * x[i];
  double local = 0, global;
  for (int i = 0; i < n; i++) local += tmp[i];
  MPI_Allreduce(&local, &global, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  std::vector<double> more(2, global);
  *out = more[0] * more[1];
}
int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  double x[3] = {1.0 + rank, 2.0, 0.5}, dx[3] = {0}, out = 0, dout = rank == 0 ? 1 : 0;
  __enzyme_autodiff((void *)dot, enzyme_dup, x, dx, enzyme_dup, &out, &dout, enzyme_const, 3);
  double g = 0, l = x[0] * x[0] + x[1] * x[1] + x[2] * x[2];
  MPI_Allreduce(&l, &g, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  int bad = 0;
  for (int i = 0; i < 3; i++)
    if (std::fabs(dx[i] - 4 * g * x[i]) > 1e-12 * std::fabs(4 * g * x[i])) bad++;
  int total = 0;
  MPI_Allreduce(&bad, &total, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  int size;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (rank == 0) printf("%s (%d ranks)\n", total ? "FAILED" : "ok", size);
  MPI_Finalize();
  return total ? 1 : 0;
}
