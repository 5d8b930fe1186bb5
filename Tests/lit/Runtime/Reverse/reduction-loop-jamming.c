// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc --remarks -o %t.opt.bc 2>%t.remarks
// RUN: FileCheck %s < %t.remarks
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc --remarks -o %t.O0in.opt.bc 2>%t.O0in.remarks
// RUN: FileCheck %s < %t.O0in.remarks
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A one-hidden-layer network, y = W2·tanh(W1·x + b), whose forward sweep runs eight rows of W1·x
// side by side (ReductionLoopJamming): 13 rows, so the last five run one by one. Each row's sum keeps
// its order, so the values the gradient's forward sweep computes are the primal's to the bit; the
// gradient against the hand-derived one, forward mode against reverse mode. Compiled without
// -fno-math-errno: tanh writes errno, but its calls stay in their order when jammed.
//
//   y_k = sum_i V_ki h_i,   h_i = tanh(s_i),   s_i = b_i + sum_j W_ij x_j
//   dL/dx_j = sum_i W_ij (1 - h_i^2) sum_k V_ki dy_k
//
// The first loop nest (W1·x) is jammed; the second (V·h) only behind a test before it that y does
// not overlap V (its store to y[k] may change V, a global, for all LLVM can tell), and so are the
// reverse sweep's nests (dx[j] += W[i][j]·ds[i]: dx might be W).
// CHECK-DAG: remark: the gradient of net: the loop nest at reduction-loop-jamming.c:{{[0-9]+}} whose inner loop sums in order runs 8 outer iterations side by side
// CHECK-DAG: remark: the derivative of net: the loop nest at reduction-loop-jamming.c:{{[0-9]+}} whose inner loop sums in order runs 8 outer iterations side by side
// CHECK-DAG: remark: the gradient of net: the loop nest at reduction-loop-jamming.c:{{[0-9]+}} whose inner loop sums in order runs 3 outer iterations side by side when a test before it finds that the memory it writes overlaps nothing else it reaches
// CHECK-DAG: remark: the gradient of net: the loop nest at reduction-loop-jamming.c:{{[0-9]+}} whose inner loop adds to the same elements in every outer iteration runs 8 outer iterations side by side when a test {{.*}}
#include <math.h>
#include "../Inputs/check.h"

enum { N = 10, H = 13, M = 3 };

extern int enzyme_dup, enzyme_dupnoneed, enzyme_const;
void __enzyme_autodiff(void *, ...);
void __enzyme_fwddiff(void *, ...);

static double W[H][N], b[H], V[M][H];

__attribute__((noinline)) static void net(const double *x, double *y) {
  double h[H];
  for (int i = 0; i < H; i++) {
    double s = b[i];
    for (int j = 0; j < N; j++) s += W[i][j] * x[j];
    h[i] = tanh(s);
  }
  for (int k = 0; k < M; k++) {
    double s = 0;
    for (int i = 0; i < H; i++) s += V[k][i] * h[i];
    y[k] = s;
  }
}

int main(void) {
  double x[N], y[M], dy[M], dx[N] = {0}, want_y[M];
  for (int i = 0; i < H; i++) {
    b[i] = 0.1 * sin(i + 1.0);
    for (int j = 0; j < N; j++) W[i][j] = 0.3 * cos(0.7 * i + 1.9 * j);
  }
  for (int k = 0; k < M; k++)
    for (int i = 0; i < H; i++) V[k][i] = 0.5 * sin(0.3 * k * i + 0.2);
  for (int j = 0; j < N; j++) x[j] = 0.4 * cos(1.3 * j);
  for (int k = 0; k < M; k++) dy[k] = 1.0 + 0.5 * k;
  net(x, want_y);

  __enzyme_autodiff((void *)net, enzyme_dup, x, dx, enzyme_dup, y, dy);
  for (int k = 0; k < M; k++) check_exact("y from the gradient's forward sweep", y[k], want_y[k]);

  // The hand-derived gradient.
  double scale = 0;
  for (int j = 0; j < N; j++) {
    double want = 0;
    for (int i = 0; i < H; i++) {
      double s = b[i];
      for (int l = 0; l < N; l++) s += W[i][l] * x[l];
      double h = tanh(s), back = 0;
      for (int k = 0; k < M; k++) back += V[k][i] * (1.0 + 0.5 * k);
      want += W[i][j] * (1 - h * h) * back;
    }
    check_rel("dL/dx", dx[j], want, 1e-13);
    scale += fabs(dx[j]);
  }

  // Forward mode: dy/dx·v, whose dot with the adjoint seed is the gradient's dot with v.
  double v[N], ty[M], fy[M];
  for (int j = 0; j < N; j++) v[j] = sin(0.9 * j + 0.4);
  __enzyme_fwddiff((void *)net, enzyme_dup, x, v, enzyme_dup, fy, ty);
  double forward = 0, reverse = 0;
  for (int k = 0; k < M; k++) {
    check_exact("y from forward mode", fy[k], want_y[k]);
    forward += ty[k] * (1.0 + 0.5 * k);
  }
  for (int j = 0; j < N; j++) reverse += dx[j] * v[j];
  check_scaled("dy seed . (dy/dx v) against dx . v", forward, reverse, scale, 1e-13);
  return finish();
}
