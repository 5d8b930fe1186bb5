// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %llvm-dis %t.opt.bc -o - | FileCheck %s --check-prefix=IR
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: checks passed
// A network whose weights live in mutable globals that `main` and a helper fill, and that the
// differentiated code only reads: the gradient and the Jacobian rows (batched and one by one) with
// respect to the input, against central differences and forward mode. The weights get no shadow
// (their adjoints would go nowhere, and accumulating them cost as much as the input's). A global the
// network writes (its last hidden layer, kept for inspection) keeps its shadow: the derivative flows
// through it, stored and read back.
// IR-NOT: swad.shadow.W1
// IR-NOT: swad.shadow.bias
// IR: swad.shadow.hidden
#include <math.h>
#include <stdio.h>
#include "../Inputs/check.h"

extern int enzyme_width, enzyme_dup, enzyme_dupnoneed, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_autodiffd(void *, ...) __asm__("__enzyme_autodiff");
double __enzyme_fwddiffd(void *, ...) __asm__("__enzyme_fwddiff");

enum { N = 6, H = 5 };
static double W1[H][N], bias[H], hidden[H];

__attribute__((noinline)) static void fill_bias(double *b, int n) {
  for (int i = 0; i < n; i++) b[i] = 0.1 * cos(1.7 * i);
}

// y[k] = sum_i hidden[i] * (k + 1) / (i + 2), hidden = tanh(W1 x + bias), kept in the global.
__attribute__((noinline)) static void net(const double *x, double *y) {
  for (int i = 0; i < H; i++) {
    double s = bias[i];
    for (int j = 0; j < N; j++) s += W1[i][j] * x[j];
    hidden[i] = tanh(s);
  }
  for (int k = 0; k < 2; k++) {
    double s = 0;
    for (int i = 0; i < H; i++) s += hidden[i] * (k + 1) / (i + 2);
    y[k] = s;
  }
}

static double output0(const double *x, int n) {
  double y[2];
  net(x, y);
  return y[0] * y[0] + sin(y[1]);
}

int main(void) {
  for (int i = 0; i < H; i++)
    for (int j = 0; j < N; j++) W1[i][j] = 0.4 * sin(0.9 * i + 1.3 * j + 0.2);
  fill_bias(bias, H);
  double x[N], dx[N] = {0};
  for (int j = 0; j < N; j++) x[j] = 0.5 * cos(0.7 * j);

  // The gradient of a scalar of the outputs.
  double value = __enzyme_autodiffd((void *)output0, enzyme_dup, x, dx, enzyme_const, N);
  (void)value;
  check_gradient_fd("output0", output0, x, dx, N, 1e-6, 1e-7);
  for (int j = 0; j < N; j++) {
    double direction[N] = {0};
    direction[j] = 1;
    char name[64];
    snprintf(name, sizeof name, "forward d/dx[%d]", j);
    check_rel(name, __enzyme_fwddiffd((void *)output0, enzyme_dup, x, direction, enzyme_const, N), dx[j], 1e-12);
  }

  // Both Jacobian rows: one by one, and batched (width 2), twice in a row.
  double rows[2][N] = {{0}}, batched[2][N] = {{0}};
  for (int k = 0; k < 2; k++) {
    double y[2], dy[2] = {0};
    dy[k] = 1;
    __enzyme_autodiff((void *)net, enzyme_dup, x, rows[k], enzyme_dupnoneed, y, dy);
  }
  for (int repeat = 0; repeat < 2; repeat++) {
    double y[2], dy0[2] = {1, 0}, dy1[2] = {0, 1};
    for (int j = 0; j < N; j++) batched[0][j] = batched[1][j] = 0;
    __enzyme_autodiff((void *)net, enzyme_width, 2, enzyme_dup, x, batched[0], batched[1], enzyme_dupnoneed, y,
                      dy0, dy1);
  }
  for (int k = 0; k < 2; k++)
    for (int j = 0; j < N; j++) {
      double h = 1e-6, saved = x[j], yp[2], ym[2];
      x[j] = saved + h, net(x, yp);
      x[j] = saved - h, net(x, ym);
      x[j] = saved;
      char name[64];
      snprintf(name, sizeof name, "row %d, d/dx[%d] against central differences", k, j);
      check_fd(name, rows[k][j], (yp[k] - ym[k]) / (2 * h), 1e-7);
      snprintf(name, sizeof name, "batched row %d, d/dx[%d]", k, j);
      check_rel(name, batched[k][j], rows[k][j], 1e-13);
    }
  return finish();
}
