// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Nested loops. The sum of a matrix-vector product s = Σ_i Σ_j A[i][j] x[j] has dA[i][j] = x[j] and
// dx[j] = Σ_i A[i][j]. The matrix-vector product y = A x itself (R^(m·n + n) → R^m, written with
// pointers) is checked by forward/reverse consistency, uᵀ(J v) = (uᵀ J) v, for random u and v, and
// a nonlinear variant y_i = tanh(Σ_j A[i][j] x[j]) with triangular inner loops too.
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern void __enzyme_fwddiff(void *, ...);
extern int enzyme_const, enzyme_dup;

double sum_matvec(const double *A, const double *x, int m, int n) {
  double s = 0;
  for (int i = 0; i < m; i++) {
    double yi = 0;
    for (int j = 0; j < n; j++) yi += A[i * n + j] * x[j];
    s += yi;
  }
  return s;
}

void matvec(const double *A, const double *x, double *y, int m, int n) {
  for (int i = 0; i < m; i++) {
    double yi = 0;
    for (int j = 0; j < n; j++) yi += A[i * n + j] * x[j];
    y[i] = yi;
  }
}

// y_i = tanh(Σ_{j <= i mod n} A[i][j] x[j] x[j]): a triangular, nonlinear inner loop.
void tri_layer(const double *A, const double *x, double *y, int m, int n) {
  for (int i = 0; i < m; i++) {
    double acc = 0;
    for (int j = 0; j <= i % n; j++) acc += A[i * n + j] * x[j] * x[j];
    y[i] = tanh(acc);
  }
}

enum { M = 7, N = 5 };

int main(void) {
  char what[96];
  double A[M * N], x[N], dA[M * N], dx[N];
  rng_fill(A, M * N);
  rng_fill(x, N);
  for (int k = 0; k < M * N; k++) dA[k] = 0;
  for (int j = 0; j < N; j++) dx[j] = 0;
  __enzyme_autodiff((void *)sum_matvec, A, dA, x, dx, M, N);
  for (int i = 0; i < M; i++)
    for (int j = 0; j < N; j++) {
      snprintf(what, sizeof what, "sum_matvec dA[%d][%d]", i, j);
      check_rel(what, dA[i * N + j], x[j], 1e-12);
    }
  for (int j = 0; j < N; j++) {
    double want = 0;
    for (int i = 0; i < M; i++) want += A[i * N + j];
    snprintf(what, sizeof what, "sum_matvec dx[%d]", j);
    check_rel(what, dx[j], want, 1e-12);
  }

  // matvec and tri_layer: forward vs reverse, inputs (A, x) in direction (vA, vx), outputs in u.
#define FWD_VS_REV(fn)                                                                                 \
  for (int trial = 0; trial < 5; trial++) {                                                            \
    double vA[M * N], vx[N], u[M], y[M], yf[M], ydot[M], ybar[M], Abar[M * N], xbar[N];                \
    rng_fill(A, M * N);                                                                                \
    rng_fill(x, N);                                                                                    \
    rng_fill(vA, M * N);                                                                               \
    rng_fill(vx, N);                                                                                   \
    rng_fill(u, M);                                                                                    \
    for (int i = 0; i < M; i++) ydot[i] = 0;                                                           \
    __enzyme_fwddiff((void *)fn, A, vA, x, vx, yf, ydot, M, N);                                        \
    for (int k = 0; k < M * N; k++) Abar[k] = 0;                                                       \
    for (int j = 0; j < N; j++) xbar[j] = 0;                                                           \
    for (int i = 0; i < M; i++) ybar[i] = u[i];                                                        \
    __enzyme_autodiff((void *)fn, A, Abar, x, xbar, y, ybar, M, N);                                    \
    double lhs = vector_dot(u, ydot, M);                                                                      \
    double rhs = vector_dot(Abar, vA, M * N) + vector_dot(xbar, vx, N);                                              \
    double scale = vector_dot_scale(Abar, vA, M * N) + vector_dot_scale(xbar, vx, N);                                \
    snprintf(what, sizeof what, #fn " trial %d: u.(Jv) vs (J^T u).v", trial);                          \
    check_scaled(what, lhs, rhs, scale, 1e-12);                                                        \
    for (int i = 0; i < M; i++) {                                                                      \
      snprintf(what, sizeof what, #fn " trial %d: y[%d] fwd vs rev primal", trial, i);                 \
      check_exact(what, yf[i], y[i]);                                                                  \
      snprintf(what, sizeof what, #fn " trial %d: output seed ybar[%d] consumed", trial, i);           \
      check_exact(what, ybar[i], 0.0);                                                                 \
    }                                                                                                  \
  }
  FWD_VS_REV(matvec)
  FWD_VS_REV(tri_layer)

  // matvec against its known Jacobian: Abar[i][j] = u[i] x[j], xbar[j] = Σ_i u[i] A[i][j].
  {
    double u[M], y[M], ybar[M], Abar[M * N], xbar[N];
    rng_fill(A, M * N);
    rng_fill(x, N);
    rng_fill(u, M);
    for (int k = 0; k < M * N; k++) Abar[k] = 0;
    for (int j = 0; j < N; j++) xbar[j] = 0;
    for (int i = 0; i < M; i++) ybar[i] = u[i];
    __enzyme_autodiff((void *)matvec, enzyme_dup, A, Abar, enzyme_dup, x, xbar, enzyme_dup, y, ybar,
                      enzyme_const, M, enzyme_const, N);
    for (int i = 0; i < M; i++)
      for (int j = 0; j < N; j++) {
        snprintf(what, sizeof what, "matvec Abar[%d][%d]", i, j);
        check_rel(what, Abar[i * N + j], u[i] * x[j], 1e-12);
      }
    for (int j = 0; j < N; j++) {
      double want = 0;
      for (int i = 0; i < M; i++) want += u[i] * A[i * N + j];
      snprintf(what, sizeof what, "matvec xbar[%d]", j);
      check_rel(what, xbar[j], want, 1e-12);
    }
  }
  return finish();
}
