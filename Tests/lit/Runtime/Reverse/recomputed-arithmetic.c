// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc --remarks 2>%t.remarks
// RUN: FileCheck %s --check-prefix=REMARK --input-file %t.remarks
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: checks passed
// REMARK-NOT: in a loop of depth 3
// REMARK: mahalanobis: recomputed by the reverse sweep instead of kept: {{.*}}(fsub, recomputed-arithmetic.c:{{[0-9]+}}), %{{[0-9]+}} (fmul
// Cheap arithmetic of inputs the reverse sweep can read again (x[i] - mu[k][i], its product with a
// scale) is redone by the reverse sweep rather than kept on the tape: the innermost loop keeps nothing. A diagonal
// Mahalanobis-type objective over samples and centres (a mixture model's inner loops, written
// without a scratch array), with the centres, the scales and the samples all active: reverse mode
// against central differences, and along a direction against forward mode.
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_const, enzyme_dup;

#define N 5  // samples
#define K 3  // centres
#define D 4  // dimensions

// sum_n log sum_k exp(-1/2 sum_i (s[k][i] (x[n][i] - mu[k][i]))^2)
__attribute__((noinline)) static double mahalanobis(const double *x, const double *mu, const double *s) {
  double total = 0;
  for (int n = 0; n < N; n++) {
    double mixture = 0;
    for (int k = 0; k < K; k++) {
      double q = 0;
      for (int i = 0; i < D; i++) {
        double t = s[k * D + i] * (x[n * D + i] - mu[k * D + i]);
        q += t * t;
      }
      mixture += exp(-0.5 * q);
    }
    total += log(mixture);
  }
  return total;
}

// All three arrays packed in one, for central differences.
static double packed(const double *p, int count) {
  (void)count;
  return mahalanobis(p, p + N * D, p + N * D + K * D);
}

int main(void) {
  enum { P = N * D + 2 * K * D };
  double p[P], dp[P] = {0}, v[P];
  for (int j = 0; j < P; j++) {
    p[j] = j < N * D + K * D ? sin(1.7 * j + 0.3) : 0.8 + 0.1 * cos(j);
    v[j] = cos(0.9 * j - 0.2);
  }
  double *x = p, *mu = p + N * D, *s = p + N * D + K * D;
  double *dx = dp, *dmu = dp + N * D, *ds = dp + N * D + K * D;
  __enzyme_autodiff((void *)mahalanobis, enzyme_dup, x, dx, enzyme_dup, mu, dmu, enzyme_dup, s, ds);
  check_gradient_fd("mahalanobis", packed, p, dp, P, 1e-6, 1e-7);

  double along = 0;
  for (int j = 0; j < P; j++) along += v[j] * dp[j];
  double tangent = __enzyme_fwddiff((void *)mahalanobis, enzyme_dup, x, v, enzyme_dup, mu, v + N * D, enzyme_dup, s,
                                    v + N * D + K * D);
  check_rel("forward along v", tangent, along, 1e-12);
  return finish();
}
