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
// A network as people write it, y = V·tanh(W·x), x and y plain pointers, batched over two adjoint
// lanes. Loop nests that LLVM's unroll-and-jam refuses because memory may overlap run eight outer
// iterations side by side behind a test that it does not (ReductionLoopJamming, LLVMBinding's
// versionLoopNestOnDisjointMemory): the forward sweep's V·h (y[k] might be V) and the reverse
// sweep's dx[j] += W[i][j]·ds[i] (one lane's dx might be the other's, or W). Both paths run:
//  - apart: distinct buffers, the jammed copies; y bit-equal to the primal's, each lane's dx against
//    the hand-derived gradient;
//  - both lanes given one dx buffer: the reverse nest's test fails and the copy as it was runs; the
//    buffer gets the sum of the lanes' gradients.
// The same with four lanes, whose nests have more pairs of arrays to test than one block holds (the
// test is a loop over a table of them): apart, then lanes 1 and 3 given one buffer.
//
//   y_k = sum_i V_ki h_i,  h_i = tanh(s_i),  s_i = sum_j W_ij x_j
//   dL/dx_j = sum_i W_ij (1 - h_i^2) sum_k V_ki dy_k
// CHECK-DAG: remark: the gradient of net: the loop nest at versioned-loop-jamming.c:{{[0-9]+}} whose inner loop sums in order runs 8 outer iterations side by side{{$}}
// CHECK-DAG: remark: the gradient of net: the loop nest at versioned-loop-jamming.c:{{[0-9]+}} whose inner loop sums in order runs 3 outer iterations side by side when a test before it finds that the memory it writes overlaps nothing else it reaches
// CHECK-DAG: remark: the gradient of net: the loop nest at versioned-loop-jamming.c:{{[0-9]+}} whose inner loop adds to the same elements in every outer iteration runs 8 outer iterations side by side when a test before it finds that the memory it writes overlaps nothing else it reaches
// A nest no test can help, read through an index array: the remark says why, and where.
// CHECK-DAG: remark: the gradient of gather: the loop nest at versioned-loop-jamming.c:[[LINE:[0-9]+]] whose inner loop sums in order is left as it is: {{.*}}; no run-time test: an address the loop accesses is not an affine function of its iterations (versioned-loop-jamming.c:[[LINE]])
#include <math.h>
#include <string.h>
#include "../Inputs/check.h"

enum { N = 11, H = 19, M = 3 };

extern int enzyme_width, enzyme_dup, enzyme_dupnoneed, enzyme_const;
void __enzyme_autodiff(void *, ...);

static double W[H][N], V[M][H];

__attribute__((noinline)) static void net(const double *x, double *y) {
  double h[H];
  for (int i = 0; i < H; i++) {
    double s = 0;
    for (int j = 0; j < N; j++) s += W[i][j] * x[j];
    h[i] = tanh(s);
  }
  for (int k = 0; k < M; k++) {
    double s = 0;
    for (int i = 0; i < H; i++) s += V[k][i] * h[i];
    y[k] = s;
  }
}

__attribute__((noinline)) static void gather(const double *x, const int *idx, double *y) {
  for (int i = 0; i < H; i++) {
    double s = 0;
    for (int j = 0; j < N; j++) s += W[i][j] * x[idx[j]];
    y[i] = s;
  }
}

// The gradient for the seed dy at x, by hand, added to dx.
static void add_hand_gradient(const double *x, const double *dy, double *dx) {
  for (int i = 0; i < H; i++) {
    double s = 0, back = 0;
    for (int j = 0; j < N; j++) s += W[i][j] * x[j];
    for (int k = 0; k < M; k++) back += V[k][i] * dy[k];
    double t = tanh(s);
    for (int j = 0; j < N; j++) dx[j] += W[i][j] * (1 - t * t) * back;
  }
}

static void seed(double *dy0, double *dy1) {
  for (int k = 0; k < M; k++) dy0[k] = 1.0 + 0.5 * k, dy1[k] = cos(0.9 * k);
}

int main(void) {
  double x[N], y[M], want_y[M], dy0[M], dy1[M];
  for (int i = 0; i < H; i++)
    for (int j = 0; j < N; j++) W[i][j] = 0.3 * sin(0.37 * (i * N + j) + 0.1);
  for (int k = 0; k < M; k++)
    for (int i = 0; i < H; i++) V[k][i] = 0.5 * cos(0.3 * k * i + 0.2);
  for (int j = 0; j < N; j++) x[j] = 0.5 * cos(1.1 * j);
  net(x, want_y);

  // Apart: the jammed copies. The gradient clears the seeds (they are y's adjoints).
  double dx0[N] = {0}, dx1[N] = {0}, want0[N] = {0}, want1[N] = {0};
  seed(dy0, dy1);
  add_hand_gradient(x, dy0, want0);
  add_hand_gradient(x, dy1, want1);
  __enzyme_autodiff((void *)net, enzyme_width, 2, enzyme_dup, x, dx0, dx1, enzyme_dupnoneed, y, dy0, dy1);
  for (int k = 0; k < M; k++) check_exact("y, apart", y[k], want_y[k]);
  for (int j = 0; j < N; j++) {
    check_rel("dx lane 0, apart", dx0[j], want0[j], 1e-13);
    check_rel("dx lane 1, apart", dx1[j], want1[j], 1e-13);
  }

  // One dx for both lanes: the reverse nest's copy as it was.
  double shared[N] = {0}, want_shared[N] = {0};
  seed(dy0, dy1);
  add_hand_gradient(x, dy0, want_shared);
  add_hand_gradient(x, dy1, want_shared);
  __enzyme_autodiff((void *)net, enzyme_width, 2, enzyme_dup, x, shared, shared, enzyme_dupnoneed, y, dy0, dy1);
  for (int j = 0; j < N; j++) check_rel("dx, one buffer for both lanes", shared[j], want_shared[j], 1e-13);

  // Four lanes: more pairs of arrays than one block tests (a loop over a table of them). Apart,
  // then lanes 1 and 3 given one buffer.
  double dy2[M], dy3[M], lanes[4][N] = {{0}}, want_lanes[4][N] = {{0}};
  for (int pass = 0; pass < 2; pass++) {
    memset(lanes, 0, sizeof lanes);
    memset(want_lanes, 0, sizeof want_lanes);
    seed(dy0, dy1);
    seed(dy2, dy3);
    for (int k = 0; k < M; k++) dy2[k] = sin(0.4 * k + 0.3), dy3[k] = 0.25 * k - 0.5;
    add_hand_gradient(x, dy0, want_lanes[0]);
    add_hand_gradient(x, dy1, want_lanes[1]);
    add_hand_gradient(x, dy2, want_lanes[2]);
    add_hand_gradient(x, dy3, pass == 0 ? want_lanes[3] : want_lanes[1]);
    if (pass == 0)
      __enzyme_autodiff((void *)net, enzyme_width, 4, enzyme_dup, x, lanes[0], lanes[1], lanes[2], lanes[3],
                        enzyme_dupnoneed, y, dy0, dy1, dy2, dy3);
    else
      __enzyme_autodiff((void *)net, enzyme_width, 4, enzyme_dup, x, lanes[0], lanes[1], lanes[2], lanes[1],
                        enzyme_dupnoneed, y, dy0, dy1, dy2, dy3);
    for (int k = 0; k < M; k++) check_exact("y, four lanes", y[k], want_y[k]);
    for (int lane = 0; lane < 4; lane++)
      for (int j = 0; j < N; j++)
        check_rel(pass == 0 ? "dx, four lanes apart" : "dx, lanes 1 and 3 in one buffer", lanes[lane][j],
                  want_lanes[lane][j], 1e-13);
  }

  // Through an index array: left as it is, and right.
  int idx[N];
  double gy[H], gdy[H], gdx[N] = {0}, want_g[N] = {0};
  for (int j = 0; j < N; j++) idx[j] = (7 * j + 3) % N;
  for (int i = 0; i < H; i++) gdy[i] = 1.0 - 0.05 * i;
  for (int i = 0; i < H; i++)
    for (int j = 0; j < N; j++) want_g[idx[j]] += W[i][j] * gdy[i];
  __enzyme_autodiff((void *)gather, enzyme_dup, x, gdx, enzyme_const, idx, enzyme_dupnoneed, gy, gdy);
  for (int j = 0; j < N; j++) check_rel("dx through an index array", gdx[j], want_g[j], 1e-13);
  return finish();
}
