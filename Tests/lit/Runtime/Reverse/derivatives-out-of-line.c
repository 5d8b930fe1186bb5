// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc --derivatives-out-of-line-above 0 --callee-derivatives-out-of-line-above 0 -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %swad-opt %t.bc -S -o - --derivatives-out-of-line-above 0 --callee-derivatives-out-of-line-above 0 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc --derivatives-out-of-line-above 0 --callee-derivatives-out-of-line-above 0 -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Derivatives kept out of line (every one, with both limits at 0 instructions) compute what inlined
// ones do: a gradient and a tangent through a loop and a call that the pre-AD inliner keeps,
// checked against hand derivatives.
// The derivatives of term stay calls in the optimized module (those of energy, handed the tape header
// on the stack of the gradient's wrapper, are inlined whatever their size):
// CHECK: call {{.*}} @augmented_term(
// CHECK: call {{.*}} @diffe_reverse_term(
// CHECK: call {{.*}} @fwddiffeterm(
// CHECK-NOT: define {{.*}} @diffe_reverse_energy(
#include <math.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

enum { N = 6 };

// Kept a call, so that it has derivatives of its own: w · sin(x) · x.
__attribute__((noinline)) double term(double x, double w) { return w * sin(x) * x; }

// Σᵢ term(xᵢ, i + 1) + (Σᵢ xᵢ)².
double energy(const double *x, int n) {
  double sum = 0, total = 0;
  for (int i = 0; i < n; ++i) {
    total += term(x[i], i + 1);
    sum += x[i];
  }
  return total + sum * sum;
}

int main(void) {
  double x[N], dx[N] = {0}, v[N];
  double sum = 0;
  for (int i = 0; i < N; ++i) { x[i] = 0.3 * i - 0.7; v[i] = 1.0 / (i + 2); sum += x[i]; }
  __enzyme_autodiff((void *)energy, enzyme_dup, x, dx, enzyme_const, N);
  double directional = 0;
  for (int i = 0; i < N; ++i) {
    // d/dxᵢ: (i + 1)(cos(xᵢ) xᵢ + sin(xᵢ)) + 2 Σ x
    double want = (i + 1) * (cos(x[i]) * x[i] + sin(x[i])) + 2 * sum;
    check_rel("gradient", dx[i], want, 1e-12);
    directional += want * v[i];
  }
  double tangent = __enzyme_fwddiff((void *)energy, enzyme_dup, x, v, enzyme_const, N);
  check_rel("tangent", tangent, directional, 1e-12);
  return finish();
}
