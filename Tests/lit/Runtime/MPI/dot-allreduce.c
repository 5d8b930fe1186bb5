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
// A distributed dot product (each rank holds n elements of x and y; MPI_Allreduce sums the partial
// products), squared: f = (xᵀy)². Reverse mode: each rank gets ∂f/∂x_i = 2(xᵀy) y_i for its own
// elements, with the replicated result seeded on rank 0 only (the other ranks' results are copies).
// Forward mode: every rank's tangent is the whole directional derivative. Checked against the
// formulas, and forward against reverse (Σ_ranks ∇f·v = ḟ).
#include "Inputs/mpi-check.h"

enum { N = 5 };

// The global result on every rank; the output `out` is where the reverse seed goes.
static void dot_squared(const double *x, const double *y, double *out, int n) {
  double local = 0;
  for (int i = 0; i < n; i++) local += x[i] * y[i];
  double global;
  MPI_Allreduce(&local, &global, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  *out = global * global;
}


int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank = mpi_rank(), size = mpi_size();
  double x[N], y[N];
  for (int i = 0; i < N; i++) {
    x[i] = 0.1 * (rank * N + i + 1);
    y[i] = 0.3 - 0.07 * (rank * N + i);
  }
  double dot = 0;
  for (int r = 0; r < size; r++)
    for (int i = 0; i < N; i++) dot += 0.1 * (r * N + i + 1) * (0.3 - 0.07 * (r * N + i));

  double out = 0, dout = rank == 0 ? 1.0 : 0.0;
  double dx[N] = {0}, dy[N] = {0};
  __enzyme_autodiff((void *)dot_squared, enzyme_dup, x, dx, enzyme_dup, y, dy, enzyme_dup, &out, &dout, enzyme_const, N);
  check("f", out, dot * dot, 1e-12);
  check("seed consumed", dout, 0, 0);
  double want_dx[N], want_dy[N];
  for (int i = 0; i < N; i++) {
    want_dx[i] = 2 * dot * y[i];
    want_dy[i] = 2 * dot * x[i];
  }
  check_array("dx", dx, want_dx, N, 1e-12);
  check_array("dy", dy, want_dy, N, 1e-12);

  // Forward mode along v (on x) and w (on y).
  double v[N], w[N], tangent = 0;
  for (int i = 0; i < N; i++) {
    v[i] = 1.0 + 0.5 * i - rank;
    w[i] = 0.25 * (rank + 1) - 0.1 * i;
  }
  double out2 = 0, dout2 = 0;
  __enzyme_fwddiff((void *)dot_squared, enzyme_dup, x, v, enzyme_dup, y, w, enzyme_dup, &out2, &dout2, enzyme_const, N);
  double local = 0;
  for (int i = 0; i < N; i++) local += dx[i] * v[i] + dy[i] * w[i];
  MPI_Allreduce(&local, &tangent, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  check("forward tangent against the reverse gradient", dout2, tangent, 1e-12);
  return finish();
}
