// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Batched forward mode: enzyme_width 4 computes four directional derivatives of a dot product in one
// call, returned as a struct of four doubles (returned through sret by the C ABI).
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const, enzyme_width;
typedef struct { double d[4]; } double4;
extern double4 __enzyme_fwddiff(void *, ...);

enum { N = 6 };

double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

int main(void) {
  double a[N], b[N], d[4][N];
  for (int i = 0; i < N; i++) {
    a[i] = 1.5 - 0.3 * i;
    b[i] = 0.25 * i * i - 1.0;
  }
  // Four directions for a: e_0, e_2, e_5 and (1, 1, ..., 1).
  for (int k = 0; k < 4; k++)
    for (int i = 0; i < N; i++) d[k][i] = 0;
  d[0][0] = 1;
  d[1][2] = 1;
  d[2][5] = 1;
  for (int i = 0; i < N; i++) d[3][i] = 1;

  double4 g = __enzyme_fwddiff((void *)dot, enzyme_width, 4, enzyme_dup, a, d[0], d[1], d[2], d[3],
                               enzyme_const, b, enzyme_const, N);
  double sum_b = 0;
  for (int i = 0; i < N; i++) sum_b += b[i];
  check_rel("lane 0 (e_0)", g.d[0], b[0], 1e-12);
  check_rel("lane 1 (e_2)", g.d[1], b[2], 1e-12);
  check_rel("lane 2 (e_5)", g.d[2], b[5], 1e-12);
  check_rel("lane 3 (ones)", g.d[3], sum_b, 1e-12);

  // The full gradient with respect to b, four directions at a time (lanes past N point at zeros).
  double e[8][N] = {{0}};
  for (int j = 0; j < N; j++) e[j][j] = 1;
  for (int j0 = 0; j0 < N; j0 += 4) {
    double4 h = __enzyme_fwddiff((void *)dot, enzyme_width, 4, enzyme_const, a, enzyme_dup, b, e[j0], e[j0 + 1],
                                 e[j0 + 2], e[j0 + 3], enzyme_const, N);
    for (int k = 0; k < 4 && j0 + k < N; k++) {
      char what[64];
      snprintf(what, sizeof what, "d dot / d b[%d]", j0 + k);
      check_rel(what, h.d[k], a[j0 + k], 1e-12);
    }
  }
  return finish();
}
