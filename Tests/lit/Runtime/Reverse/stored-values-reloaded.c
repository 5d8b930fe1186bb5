// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc --remarks 2>%t.remarks
// RUN: FileCheck %s --check-prefix=REMARK --input-file %t.remarks
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc --remarks 2>%t.O0in.remarks
// RUN: FileCheck %s --check-prefix=REMARK --input-file %t.O0in.remarks
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: checks passed
// REMARK: mlp: loaded by the reverse sweep from where the forward sweep stored it (nothing writes there again): {{.*}}(call, stored-values-reloaded.c:{{[0-9]+}})
// Activations stored into heap arrays (h[i] = tanh(z[i])) are read back from those arrays by the
// reverse sweep instead of kept on the tape, as long as nothing writes them again; an activation
// applied in place twice (the first result overwritten by the second) and a buffer reused by the
// next layer must still give the right derivative. A small perceptron: reverse mode against
// central differences, and along a direction against forward mode.
#include <stdlib.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_const, enzyme_dup;

enum { IN = 5, HIDDEN = 7, SAMPLES = 4 };

// z = W x for one sample (W HIDDEN×IN, row-major).
static void affine(const double *W, const double *x, double *z) {
  for (int r = 0; r < HIDDEN; r++) {
    double s = 0;
    for (int c = 0; c < IN; c++) s += W[r * IN + c] * x[c];
    z[r] = s;
  }
}

// sum over samples of v · tanh(tanh(W x) in place) + sum of exp(u) through a reused buffer.
__attribute__((noinline)) static double mlp(const double *W, const double *v, const double *X) {
  double *z = malloc(sizeof(double) * HIDDEN * SAMPLES);
  double *h = malloc(sizeof(double) * HIDDEN * SAMPLES);
  double *scratch = malloc(sizeof(double) * HIDDEN);
  for (int s = 0; s < SAMPLES; s++) affine(W, X + s * IN, z + s * HIDDEN);
  // Stored once, read back by the reverse sweep.
  for (int i = 0; i < HIDDEN * SAMPLES; i++) h[i] = tanh(z[i]);
  // In place, twice: the first loop's results are overwritten by the second's.
  for (int i = 0; i < HIDDEN * SAMPLES; i++) z[i] = tanh(0.5 * z[i]);
  for (int i = 0; i < HIDDEN * SAMPLES; i++) z[i] = tanh(z[i] + h[i]);
  double total = 0;
  for (int s = 0; s < SAMPLES; s++)
    for (int r = 0; r < HIDDEN; r++) total += v[r] * z[s * HIDDEN + r] * h[s * HIDDEN + r];
  // A buffer every sample writes again: its values must come from the tape.
  for (int s = 0; s < SAMPLES; s++) {
    for (int r = 0; r < HIDDEN; r++) scratch[r] = exp(0.3 * h[s * HIDDEN + r]);
    for (int r = 0; r < HIDDEN; r++) total += scratch[r] * v[r];
  }
  free(z), free(h), free(scratch);
  return total;
}

static double packed(const double *p, int count) {
  (void)count;
  return mlp(p, p + HIDDEN * IN, p + HIDDEN * IN + HIDDEN);
}

int main(void) {
  enum { P = HIDDEN * IN + HIDDEN + SAMPLES * IN };
  double p[P], dp[P] = {0}, d[P];
  rng_fill(p, P);
  rng_fill(d, P);
  double *W = p, *v = p + HIDDEN * IN, *X = v + HIDDEN;
  __enzyme_autodiff((void *)mlp, enzyme_dup, W, dp, enzyme_dup, v, dp + HIDDEN * IN, enzyme_dup, X,
                    dp + HIDDEN * IN + HIDDEN);
  check_gradient_fd("mlp", packed, p, dp, P, 1e-6, 1e-7);
  double along = vector_dot(d, dp, P);
  double tangent =
      __enzyme_fwddiff((void *)mlp, enzyme_dup, W, d, enzyme_dup, v, d + HIDDEN * IN, enzyme_dup, X, d + HIDDEN * IN + HIDDEN);
  check_scaled("forward along d", tangent, along, vector_dot_scale(d, dp, P), 1e-12);
  return finish();
}
