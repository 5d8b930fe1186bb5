// Checks for the MPI runtime tests: every rank compares, and the program fails (exit 1 on every rank)
// if any rank saw a mismatch.
#include <math.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

extern int enzyme_dup, enzyme_const, enzyme_out, enzyme_dupnoneed;

static int failures;
static int mpi_rank(void) {
  int rank;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}
static int mpi_size(void) {
  int size;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return size;
}
// |got - want| <= tol * max(1, |want|)
static void check(const char *what, double got, double want, double tol) {
  if (!(fabs(got - want) <= tol * fmax(1.0, fabs(want)))) {
    fprintf(stderr, "rank %d: %s: got %.17g, want %.17g\n", mpi_rank(), what, got, want);
    failures++;
  }
}
static void check_array(const char *what, const double *got, const double *want, int n, double tol) {
  for (int i = 0; i < n; i++) {
    char name[96];
    snprintf(name, sizeof name, "%s[%d]", what, i);
    check(name, got[i], want[i], tol);
  }
}
static int finish(void) {
  int total = 0;
  MPI_Allreduce(&failures, &total, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  if (mpi_rank() == 0) printf("%s (%d ranks)\n", total ? "FAILED" : "ok", mpi_size());
  MPI_Finalize();
  return total ? 1 : 0;
}
