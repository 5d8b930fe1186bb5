// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Batched reverse mode (enzyme_width N with __enzyme_autodiff): one forward sweep, N adjoint
// lanes. Each lane's seed of the outputs gives a row of the Jacobian (vector-Jacobian products);
// every lane is compared with forward mode, one direction at a time. The function has loops,
// branches, a defined callee (batched too), libm calls, a heap temporary (one shadow per lane) and
// a struct holding a pointer (the shadow pointer stored per lane).
#include <stdlib.h>
#include "../Inputs/check.h"

extern int enzyme_width, enzyme_dup, enzyme_dupnoneed, enzyme_const, enzyme_out, enzyme_dupv;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);
typedef struct { double d[2]; } double2;
typedef struct { double d[3]; } double3;
double2 __enzyme_autodiff2(void *, ...);
double3 __enzyme_autodiff3(void *, ...);

enum { N = 5, M = 4 };

typedef struct {
  double *data;
  int n;
} view;

__attribute__((noinline)) static double weighted(const view *v, double w) {
  double s = 0;
  for (int i = 0; i < v->n; i++) s += (i % 2 ? w : 1.0) * v->data[i] * v->data[i];
  return s;
}

// y = F(x, p): M outputs of N inputs, scaled by the scalar p.
__attribute__((noinline)) static void F(const double *x, double *y, double p) {
  double *t = malloc(N * sizeof(double));
  for (int i = 0; i < N; i++) t[i] = i < 2 ? sin(x[i]) * p : exp(0.1 * x[i]) + x[i] * p;
  view v = {t, N};
  double w = weighted(&v, p);
  for (int j = 0; j < M; j++) {
    double acc = t[j] * t[j + 1];
    if (x[j] > 0) acc += log1p(x[j] * x[j]);
    y[j] = acc + w * (j + 1);
  }
  free(t);
}

// The scalar loss Σ y², whose gradient in 2 lanes is seeded by the result's adjoint per lane.
static double loss(const double *x, double p) {
  double y[M];
  F(x, y, p);
  double s = 0;
  for (int j = 0; j < M; j++) s += y[j] * y[j];
  return s;
}

int main(void) {
  double x[N] = {0.3, -0.7, 1.1, 0.4, -0.2};
  const double p = 0.8;
  char what[96];

  // Reference: J[j][i] = ∂y_j/∂x_i and ∂y_j/∂p by forward mode.
  double J[M][N], Jp[M];
  for (int i = 0; i < N; i++) {
    double dx[N] = {0};
    dx[i] = 1;
    double y[M], dy[M];
    __enzyme_fwddiff((void *)F, enzyme_dup, x, dx, enzyme_dupnoneed, y, dy, enzyme_const, p);
    for (int j = 0; j < M; j++) J[j][i] = dy[j];
  }
  {
    double y[M], dy[M], zero[N] = {0};
    __enzyme_fwddiff((void *)F, enzyme_dup, x, zero, enzyme_dupnoneed, y, dy, p, 1.0);
    for (int j = 0; j < M; j++) Jp[j] = dy[j];
  }

  // Three rows of J in one call: lane k seeds output k (lane 2 seeds 2·y0 − y3, a combination).
  {
    double y[M], dx0[N] = {0}, dx1[N] = {0}, dx2[N] = {0};
    double dy0[M] = {1, 0, 0, 0}, dy1[M] = {0, 1, 0, 0}, dy2[M] = {2, 0, 0, -1};
    double3 dp = __enzyme_autodiff3((void *)F, enzyme_width, 3, enzyme_dup, x, dx0, dx1, dx2,
                                    enzyme_dup, y, dy0, dy1, dy2, enzyme_out, p);
    for (int i = 0; i < N; i++) {
      snprintf(what, sizeof what, "lane 0 d y0/d x%d", i);
      check_rel(what, dx0[i], J[0][i], 1e-12);
      snprintf(what, sizeof what, "lane 1 d y1/d x%d", i);
      check_rel(what, dx1[i], J[1][i], 1e-12);
      snprintf(what, sizeof what, "lane 2 d (2 y0 - y3)/d x%d", i);
      check_rel(what, dx2[i], 2 * J[0][i] - J[3][i], 1e-12);
    }
    check_rel("lane 0 d y0/dp", dp.d[0], Jp[0], 1e-12);
    check_rel("lane 1 d y1/dp", dp.d[1], Jp[1], 1e-12);
    check_rel("lane 2 d (2 y0 - y3)/dp", dp.d[2], 2 * Jp[0] - Jp[3], 1e-12);
    // The output shadows are consumed, as in the unbatched gradient.
    for (int j = 0; j < M; j++) check_rel("dy0 consumed", dy0[j], 0, 0);
  }

  // enzyme_dupv: the lanes of each shadow live in one array, a byte stride apart.
  {
    double y[M], dxs[2][N] = {{0}}, dys[2][M] = {{0, 0, 1, 0}, {0, 0, 0, 1}};
    __enzyme_autodiff((void *)F, enzyme_width, 2, enzyme_dupv, sizeof dxs[0], x, dxs,
                      enzyme_dupv, sizeof dys[0], y, dys, enzyme_const, p);
    for (int i = 0; i < N; i++) {
      snprintf(what, sizeof what, "dupv lane 0 d y2/d x%d", i);
      check_rel(what, dxs[0][i], J[2][i], 1e-12);
      snprintf(what, sizeof what, "dupv lane 1 d y3/d x%d", i);
      check_rel(what, dxs[1][i], J[3][i], 1e-12);
    }
  }

  // A float result: each lane gets its own seed of it (here 1 and -0.5).
  {
    double dx0[N] = {0}, dx1[N] = {0};
    double2 dp = __enzyme_autodiff2((void *)loss, enzyme_width, 2, enzyme_dup, x, dx0, dx1, enzyme_out, p, 1.0, -0.5);
    double y[M];
    F(x, y, p);
    for (int i = 0; i < N; i++) {
      double g = 0;
      for (int j = 0; j < M; j++) g += 2 * y[j] * J[j][i];
      snprintf(what, sizeof what, "loss lane 0 d/d x%d", i);
      check_rel(what, dx0[i], g, 1e-12);
      snprintf(what, sizeof what, "loss lane 1 d/d x%d", i);
      check_rel(what, dx1[i], -0.5 * g, 1e-12);
    }
    double gp = 0;
    for (int j = 0; j < M; j++) gp += 2 * y[j] * Jp[j];
    check_rel("loss lane 0 d/dp", dp.d[0], gp, 1e-12);
    check_rel("loss lane 1 d/dp", dp.d[1], -0.5 * gp, 1e-12);
  }
  return finish();
}
