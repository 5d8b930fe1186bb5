// RUN: %clangxx -O2 -DAS_WRITTEN -c %s -o %t.as-written.o
// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc --remarks 2>%t.remarks
// RUN: FileCheck %s --check-prefix=REMARK --input-file %t.remarks
// RUN: %clangxx %t.opt.bc %t.as-written.o -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc %t.as-written.o -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// A scratch array as a std::vector: `std::vector<double> t(d)` per sample and component, its
// constructor zeroing the elements (a store and a memset) before the loop that fills them, its
// destructor's sized delete taking end − begin as an integer, read by the lower triangle's columns
// `c <= r` (which the optimizer counts with a second induction of the row loop, from 1). The
// reverse sweep computes the reads again from x and mu instead of keeping them (-O2 input; the
// remark). The primal is left as it is (the objective equals the same code built by clang alone,
// -DAS_WRITTEN). Gradient against central differences, and along a direction against forward mode,
// for -O2 and -O0 input.
// REMARK: objective{{.*}}: computed again by the reverse sweep from what the loop that filled its array read, instead of kept: %{{[0-9a-z.]+}} (load{{[^)]*}}), %{{[0-9a-z.]+}} (load
#include <cmath>
#include <vector>

#include "../Inputs/check.h"

extern "C" {
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);
extern int enzyme_const, enzyme_dup;
}

#define N 5  // samples
#define K 3  // components
#define D 4  // dimensions

// sum_n log sum_k exp(-1/2 sum_{c <= r} w_k[r] t[r] t[c]), t = x_n - mu_k.
#define OBJECTIVE_BODY                                          \
  double total = 0;                                             \
  for (int n = 0; n < N; n++) {                                 \
    double sum = 0;                                             \
    for (int k = 0; k < K; k++) {                               \
      std::vector<double> t(d);                                 \
      for (int i = 0; i < d; i++) t[i] = x[n * d + i] - mu[k * d + i]; \
      double q = 0;                                             \
      for (int r = 0; r < d; r++)                               \
        for (int c = 0; c <= r; c++) q += w[k * d + r] * t[r] * t[c]; \
      sum += std::exp(-0.5 * q);                                \
    }                                                           \
    total += std::log(sum);                                     \
  }                                                             \
  return total;

#ifdef AS_WRITTEN
double objective_as_written(const double *x, const double *mu, const double *w, int d) { OBJECTIVE_BODY }
#else
double objective_as_written(const double *x, const double *mu, const double *w, int d);

__attribute__((noinline)) static double objective(const double *x, const double *mu, const double *w, int d) {
  OBJECTIVE_BODY
}

static double packed(const double *p, int count) {
  (void)count;
  return objective(p, p + N * D, p + N * D + K * D, D);
}

int main() {
  enum { P = N * D + K * D + K * D };
  double p[P], dp[P] = {0}, v[P];
  for (int j = 0; j < P; j++) {
    p[j] = j < N * D + K * D ? std::sin(1.3 * j + 0.1) : 0.2 + 0.05 * (j % 5);
    v[j] = std::cos(0.9 * j - 0.2);
  }
  double *x = p, *mu = p + N * D, *w = p + N * D + K * D;
  check_exact("objective", objective(x, mu, w, D), objective_as_written(x, mu, w, D));

  double *dx = dp, *dmu = dp + N * D, *dw = dp + N * D + K * D;
  __enzyme_autodiff((void *)objective, enzyme_dup, x, dx, enzyme_dup, mu, dmu, enzyme_dup, w, dw, enzyme_const, D);
  check_gradient_fd("objective", packed, p, dp, P, 1e-6, 1e-7);

  double along = 0;
  for (int j = 0; j < P; j++) along += v[j] * dp[j];
  double tangent = __enzyme_fwddiff((void *)objective, enzyme_dup, x, v, enzyme_dup, mu, v + N * D, enzyme_dup, w,
                                    v + N * D + K * D, enzyme_const, D);
  check_rel("forward along v", tangent, along, 1e-12);
  return finish();
}
#endif
