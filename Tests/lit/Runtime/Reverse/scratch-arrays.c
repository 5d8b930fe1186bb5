// RUN: %clang -O2 -DAS_WRITTEN -c %s -o %t.as-written.o
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc --remarks 2>%t.remarks
// RUN: FileCheck %s --check-prefix=REMARK --input-file %t.remarks
// RUN: %clang %t.opt.bc %t.as-written.o -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc %t.as-written.o -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: checks passed
// The innermost loops keep nothing on the tape: what they read from the scratch arrays is read as
// x - mu again (ScratchArrayForwarding) and redone by the reverse sweep.
// REMARK-NOT: in a loop of depth 3
// REMARK: scatter: recomputed by the reverse sweep instead of kept: {{.*}}(fsub
// A mixture-model-like objective that fills scratch arrays (one from malloc, one a variable-length
// array on the stack) with x[n] - mu[k] in one loop and reads them in the loops after. The loads are
// replaced with the subtraction before AD, so the outputs must be exactly those of the same code
// built by clang alone (-DAS_WRITTEN). The gradients with respect to x, mu and the scales s are
// checked against central differences, and along a direction against forward mode.
#include <stdlib.h>

#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_const, enzyme_dup;

#define N 4  // samples
#define K 3  // centres
#define D 5  // dimensions

// sum_n log sum_k exp(-1/2 sum_i s_ki t_i^2 - 1/4 (sum_i t_i)^2 / d + 0.1 sum_i u_i s_ki), t = u = x_n - mu_k.
#define SCATTER_BODY                                                                                                \
  int d = dims;                                                                                                     \
  double *t = malloc(sizeof(double) * d);                                                                           \
  double u[d];                                                                                                      \
  double total = 0;                                                                                                 \
  for (int n = 0; n < N; n++) {                                                                                     \
    double mixture = 0;                                                                                             \
    for (int k = 0; k < K; k++) {                                                                                   \
      for (int i = 0; i < d; i++) t[i] = x[n * d + i] - mu[k * d + i];                                              \
      for (int i = 0; i < d; i++) u[i] = 0.5 * (x[n * d + i] - mu[k * d + i]);                                      \
      double q = 0, m = 0, l = 0;                                                                                   \
      for (int i = 0; i < d; i++) q += s[k * d + i] * t[i] * t[i];                                                  \
      for (int i = 0; i < d; i++) m += t[i];                                                                        \
      for (int i = 0; i < d; i++) l += u[i] * s[k * d + i];                                                         \
      mixture += exp(-0.5 * q - 0.25 * m * m / d + 0.1 * l);                                                        \
    }                                                                                                               \
    total += log(mixture);                                                                                          \
  }                                                                                                                 \
  free(t);                                                                                                          \
  return total;

#ifdef AS_WRITTEN
double scatter_as_written(const double *x, const double *mu, const double *s, int dims) { SCATTER_BODY }
#else
double scatter_as_written(const double *x, const double *mu, const double *s, int dims);

__attribute__((noinline)) static double scatter(const double *x, const double *mu, const double *s, int dims) {
  SCATTER_BODY
}

static double packed(const double *p, int count) {
  (void)count;
  return scatter(p, p + N * D, p + N * D + K * D, D);
}

int main(void) {
  enum { P = N * D + 2 * K * D };
  double p[P], dp[P] = {0}, v[P];
  for (int j = 0; j < P; j++) {
    p[j] = j < N * D + K * D ? sin(1.3 * j + 0.4) : 0.7 + 0.2 * cos(j);
    v[j] = cos(0.8 * j - 0.3);
  }
  double *x = p, *mu = p + N * D, *s = p + N * D + K * D;
  check_exact("objective", scatter(x, mu, s, D), scatter_as_written(x, mu, s, D));

  double *dx = dp, *dmu = dp + N * D, *ds = dp + N * D + K * D;
  __enzyme_autodiff((void *)scatter, enzyme_dup, x, dx, enzyme_dup, mu, dmu, enzyme_dup, s, ds, enzyme_const, D);
  check_gradient_fd("scatter", packed, p, dp, P, 1e-6, 1e-7);

  double along = 0;
  for (int j = 0; j < P; j++) along += v[j] * dp[j];
  double tangent = __enzyme_fwddiff((void *)scatter, enzyme_dup, x, v, enzyme_dup, mu, v + N * D, enzyme_dup, s,
                                    v + N * D + K * D, enzyme_const, D);
  check_rel("forward along v", tangent, along, 1e-12);
  return finish();
}
#endif
