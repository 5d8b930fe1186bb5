// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Nested loops: the matrix-vector product y = A x. Seeding x with the unit vector e_j gives column j
// of the Jacobian, which is column j of A; seeding A gives dy = dA x. Also a nonlinear map whose
// Jacobian columns are compared with central finite differences.
#include "../Inputs/check.h"
#include <string.h>

extern int enzyme_dup, enzyme_const;
extern void __enzyme_fwddiff(void *, ...);

enum { M = 3, N = 4 };

void matvec(const double *A, const double *x, double *y, int m, int n) {
  for (int i = 0; i < m; i++) {
    double s = 0;
    for (int j = 0; j < n; j++) s += A[i * n + j] * x[j];
    y[i] = s;
  }
}

// F_i(x) = sum_j sin(x_j * (i + 1)) * x_i
void nonlinear(const double *x, double *y, int n) {
  for (int i = 0; i < n; i++) {
    double s = 0;
    for (int j = 0; j < n; j++) s += sin(x[j] * (i + 1));
    y[i] = s * x[i];
  }
}

int main(void) {
  double A[M * N], x[N], y[M], dy[M], dx[N], dA[M * N];
  for (int i = 0; i < M * N; i++) A[i] = 0.5 * i - 2.0;
  for (int j = 0; j < N; j++) x[j] = 1.0 + 0.25 * j;
  for (int j = 0; j < N; j++) {
    memset(dx, 0, sizeof dx);
    dx[j] = 1;
    __enzyme_fwddiff((void *)matvec, enzyme_const, A, enzyme_dup, x, dx, enzyme_dup, y, dy, enzyme_const, M,
                     enzyme_const, N);
    for (int i = 0; i < M; i++) {
      char what[64];
      snprintf(what, sizeof what, "J[%d][%d]", i, j);
      check_rel(what, dy[i], A[i * N + j], 1e-12);
    }
  }
  check_rel("primal y[1]", y[1], A[4] * x[0] + A[5] * x[1] + A[6] * x[2] + A[7] * x[3], 1e-12);
  // Perturbing the matrix: dy = dA x.
  for (int i = 0; i < M * N; i++) dA[i] = (i % 2) ? 1.0 : -0.5;
  __enzyme_fwddiff((void *)matvec, enzyme_dup, A, dA, enzyme_const, x, enzyme_dup, y, dy, enzyme_const, M,
                   enzyme_const, N);
  for (int i = 0; i < M; i++) {
    double want = 0;
    for (int j = 0; j < N; j++) want += dA[i * N + j] * x[j];
    check_rel("dA x", dy[i], want, 1e-12);
  }

  // Jacobian columns of the nonlinear map against central differences.
  double u[N], v[N], fp[N], fm[N], du[N], dv[N];
  for (int j = 0; j < N; j++) u[j] = 0.3 * j - 0.4;
  for (int j = 0; j < N; j++) {
    memset(du, 0, sizeof du);
    du[j] = 1;
    __enzyme_fwddiff((void *)nonlinear, enzyme_dup, u, du, enzyme_dup, v, dv, enzyme_const, N);
    double h = 1e-6, up[N], um[N];
    memcpy(up, u, sizeof u);
    memcpy(um, u, sizeof u);
    up[j] += h;
    um[j] -= h;
    nonlinear(up, fp, N);
    nonlinear(um, fm, N);
    for (int i = 0; i < N; i++) {
      char what[64];
      snprintf(what, sizeof what, "nonlinear J[%d][%d]", i, j);
      check_fd(what, dv[i], (fp[i] - fm[i]) / (2 * h), 1e-6);
    }
  }
  return finish();
}
