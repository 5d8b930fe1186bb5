// REQUIRES: x86-avx2
// Derivative arithmetic may be fused (`contract`, Support/DerivativeArithmetic.swift): built for a
// processor with FMA, the Jacobian of a small tanh network by reverse mode (one row at a time and
// batched, width 3) and by forward mode (columns) agrees with the one derived by hand, and the
// output the derivative's forward sweep writes is the primal's to the bit (the primal's operations
// are not fused where the user's build does not fuse them). Through the driver with
// and without FMA, through swad-opt on clang's -O2 bitcode, and from unoptimized input (code
// generation at -O2 each time: at -O0 it fuses nothing).
// RUN: %swad -O2 -march=haswell %s -o %t.fma
// RUN: %t.fma
// RUN: %swad -O2 %s -o %t.plain
// RUN: %t.plain
// RUN: %clang -O2 -march=haswell -emit-llvm -c %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang -O2 -march=haswell %t.opt.bc -o %t.bitcode -lm
// RUN: %t.bitcode
// RUN: %clang -O0 -march=haswell -emit-llvm -c %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang -O2 -march=haswell %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
#include <math.h>
#include <string.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern void __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_dupnoneed, enzyme_const, enzyme_width;

// Sizes that are no multiple of a vector's lanes, so that every loop has a remainder.
enum { N = 37, H = 23, M = 3 };
static double W1[H][N], b[H], W2[M][H];

__attribute__((noinline)) static void net(const double *x, double *y) {
  double h[H];
  for (int i = 0; i < H; i++) {
    double s = b[i];
    for (int j = 0; j < N; j++) s += W1[i][j] * x[j];
    h[i] = tanh(s);
  }
  // Two statements, which clang does not fuse: were the forward sweep's copy fused, its output
  // would differ from the primal's in the last bits.
  for (int k = 0; k < M; k++) {
    double s = 0;
    for (int i = 0; i < H; i++) {
      double term = W2[k][i] * h[i];
      s = s + term;
    }
    y[k] = s;
  }
}

int main(void) {
  double x[N];
  for (int i = 0; i < H; i++) {
    b[i] = 0.1 * sin(i);
    for (int j = 0; j < N; j++) W1[i][j] = 0.3 * sin(0.37 * i + 1.3 * j);
  }
  for (int k = 0; k < M; k++)
    for (int i = 0; i < H; i++) W2[k][i] = cos(0.11 * k * i + 0.5);
  for (int j = 0; j < N; j++) x[j] = cos(0.7 * j);

  // By hand, in long double: J[k][j] = Σᵢ W2[k][i] (1 - tanh(sᵢ)²) W1[i][j].
  long double want[M][N] = {{0}};
  double scale[M] = {0};
  for (int i = 0; i < H; i++) {
    long double s = b[i];
    for (int j = 0; j < N; j++) s += (long double)W1[i][j] * x[j];
    long double t = tanhl(s), slope = 1 - t * t;
    for (int k = 0; k < M; k++)
      for (int j = 0; j < N; j++) want[k][j] += W2[k][i] * slope * W1[i][j];
  }
  for (int k = 0; k < M; k++)
    for (int j = 0; j < N; j++) scale[k] = fmax(scale[k], fabs((double)want[k][j]));

  double y[M];
  net(x, y);

  // Reverse mode, one row at a time; the output the derivative writes is the primal's.
  for (int k = 0; k < M; k++) {
    double row[N] = {0}, out[M], seed[M] = {0};
    seed[k] = 1;
    __enzyme_autodiff((void *)net, enzyme_dup, x, row, enzyme_dup, out, seed);
    for (int j = 0; j < N; j++) check_scaled("reverse row", row[j], (double)want[k][j], scale[k], 1e-13);
    for (int m = 0; m < M; m++) check_exact("output of the reverse sweep", out[m], y[m]);
  }

  // Reverse mode, the three rows in one call.
  double rows[M][N] = {{0}}, seeds[M][M] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, out[M];
  __enzyme_autodiff((void *)net, enzyme_width, 3, enzyme_dup, x, rows[0], rows[1], rows[2], enzyme_dup, out,
                    seeds[0], seeds[1], seeds[2]);
  for (int k = 0; k < M; k++)
    for (int j = 0; j < N; j++) check_scaled("batched row", rows[k][j], (double)want[k][j], scale[k], 1e-13);
  for (int m = 0; m < M; m++) check_exact("output of the batched sweep", out[m], y[m]);

  // Forward mode, one column per input.
  for (int j = 0; j < N; j++) {
    double direction[N] = {0}, column[M];
    direction[j] = 1;
    __enzyme_fwddiff((void *)net, enzyme_dup, x, direction, enzyme_dup, out, column);
    for (int k = 0; k < M; k++) check_scaled("forward column", column[k], (double)want[k][j], scale[k], 1e-13);
    for (int m = 0; m < M; m++) check_exact("output of the forward derivative", out[m], y[m]);
  }
  return finish();
}
