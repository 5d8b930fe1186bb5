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

void __enzyme_autodiff(void *, ...);
void __enzyme_fwddiff(void *, ...);

// Checks the derivatives of F(x, out), x with NX local doubles and out with NO local doubles, on
// every rank: reverse mode with the output seeds u (each rank its own), forward mode along v (each
// rank its own), Σ_ranks uᵀ(J v) = Σ_ranks (Jᵀu)ᵀ v, and every gradient entry of every rank against
// central differences of Σ_ranks uᵀ F(x) (all ranks run F; one global entry moves at a time).
// INIT(rank, i) gives x; TOL is the central differences' tolerance (forward against reverse: 1e-6,
// for float parts). A macro, so that F is a constant where the entry points are called.
#define CHECK_DERIVATIVES(F, NX, NO, INIT, H, TOL)                                                          \
  do {                                                                                                \
    int rank_ = mpi_rank(), size_ = mpi_size();                                                       \
    double x_[NX], dx_[NX] = {0}, v_[NX], out_[NO] = {0}, u_[NO], du_[NO], t_[NO] = {0};              \
    for (int i = 0; i < NX; i++) {                                                                    \
      x_[i] = INIT(rank_, i);                                                                         \
      v_[i] = 0.3 + 0.2 * i - 0.1 * rank_;                                                            \
    }                                                                                                 \
    for (int k = 0; k < NO; k++) u_[k] = du_[k] = 1.0 - 0.3 * k + 0.25 * rank_;                       \
    __enzyme_autodiff((void *)F, enzyme_dup, x_, dx_, enzyme_dup, out_, du_);                         \
    for (int i = 0; i < NX; i++) x_[i] = INIT(rank_, i);                                              \
    __enzyme_fwddiff((void *)F, enzyme_dup, x_, v_, enzyme_dup, out_, t_);                            \
    double sides_[2] = {0, 0}, sums_[2];                                                              \
    for (int k = 0; k < NO; k++) sides_[0] += u_[k] * t_[k];                                          \
    for (int i = 0; i < NX; i++) sides_[1] += dx_[i] * v_[i];                                         \
    MPI_Allreduce(sides_, sums_, 2, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);                             \
    check(#F ": forward against reverse", sums_[0], sums_[1], 1e-6);                                   \
    for (int r = 0; r < size_; r++) {                                                                 \
      for (int i = 0; i < NX; i++) {                                                                  \
        double value_[2];                                                                             \
        for (int side = 0; side < 2; side++) {                                                        \
          for (int j = 0; j < NX; j++) x_[j] = INIT(rank_, j);                                        \
          if (r == rank_) x_[i] += side ? -(H) : (H);                                                 \
          F(x_, out_);                                                                                \
          double local_ = 0;                                                                          \
          for (int k = 0; k < NO; k++) local_ += u_[k] * out_[k];                                     \
          MPI_Allreduce(&local_, &value_[side], 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);              \
        }                                                                                             \
        if (r == rank_) {                                                                             \
          char what_[96];                                                                             \
          snprintf(what_, sizeof what_, #F ": gradient of rank %d, entry %d", r, i);                  \
          check(what_, dx_[i], (value_[0] - value_[1]) / (2 * (H)), TOL);                             \
        }                                                                                             \
      }                                                                                               \
    }                                                                                                 \
  } while (0)
