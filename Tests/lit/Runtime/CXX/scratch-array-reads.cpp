// RUN: %clangxx -O2 -DAS_WRITTEN -c %s -o %t.as-written.o
// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc --remarks 2>%t.remarks
// RUN: FileCheck %s --check-prefix=REMARK --input-file %t.remarks
// RUN: %clangxx %t.opt.bc %t.as-written.o -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc --remarks 2>%t.O0.remarks
// RUN: FileCheck %s --check-prefix=REMARK --input-file %t.O0.remarks
// RUN: %clangxx %t.O0.opt.bc %t.as-written.o -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// A scratch array as C++ code holds one: `new double[d]` owned by an object whose destructor
// deletes it, filled by a loop that throws std::out_of_range on a bad index (so the fill has an exit
// that unwinds through the destructor and resumes), and read by a lower triangle's columns `j < i`
// (a loop bounded by the row's counter, itself below d). The reverse sweep computes the reads again
// from x and mu (ScratchArray, Gradient+ScratchArrays) instead of keeping them, for -O2 and -O0
// input; the primal is left as it is (the objective equals the same code built by clang alone,
// -DAS_WRITTEN). Gradient against central differences, and along a direction against forward mode.
// REMARK: objective{{.*}}: computed again by the reverse sweep from what the loop that filled its array read, instead of kept: %{{[0-9a-z.]+}} (load
#include <cmath>
#include <stdexcept>

#include "../Inputs/check.h"

extern "C" {
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);
extern int enzyme_const, enzyme_dup;
}

#define N 3  // samples
#define K 2  // components
#define D 4  // dimensions
#define L (D * (D - 1) / 2)

struct Scratch {
  double *c;
  explicit Scratch(int d) : c(new double[d]) {}
  ~Scratch() { delete[] c; }
  Scratch(const Scratch &) = delete;
};

// sum_n sum_k log(1 + |L_k (x_n - mu_k)|^2), L_k lower triangular: diagonal 1 + i/10, below it l_k.
#define OBJECTIVE_BODY                                                 \
  Scratch s(d);                                                        \
  double *c = s.c;                                                     \
  double total = 0;                                                    \
  for (int p = 0; p < N; p++)                                          \
    for (int q = 0; q < K; q++) {                                      \
      for (int i = 0; i < d; i++) {                                    \
        if (i >= 64) throw std::out_of_range("dimension");             \
        c[i] = x[p * d + i] - mu[q * d + i];                           \
      }                                                                \
      double norm = 0;                                                 \
      int index = q * L;                                               \
      for (int i = 0; i < d; i++) {                                    \
        double y = (1.0 + 0.1 * i) * c[i];                             \
        for (int j = 0; j < i; j++) y += l[index++] * c[j];            \
        norm += y * y;                                                 \
      }                                                                \
      total += std::log1p(norm);                                       \
    }                                                                  \
  return total;

#ifdef AS_WRITTEN
double objective_as_written(const double *x, const double *mu, const double *l, int d) { OBJECTIVE_BODY }
#else
double objective_as_written(const double *x, const double *mu, const double *l, int d);

__attribute__((noinline)) static double objective(const double *x, const double *mu, const double *l, int d) {
  OBJECTIVE_BODY
}

static double packed(const double *p, int count) {
  (void)count;
  return objective(p, p + N * D, p + N * D + K * D, D);
}

int main() {
  enum { P = N * D + K * D + K * L };
  double p[P], dp[P] = {0}, v[P];
  for (int j = 0; j < P; j++) {
    p[j] = j < N * D + K * D ? std::sin(1.1 * j + 0.2) : 0.3 * std::cos(j);
    v[j] = std::cos(0.7 * j - 0.4);
  }
  double *x = p, *mu = p + N * D, *l = p + N * D + K * D;
  check_exact("objective", objective(x, mu, l, D), objective_as_written(x, mu, l, D));

  double *dx = dp, *dmu = dp + N * D, *dl = dp + N * D + K * D;
  __enzyme_autodiff((void *)objective, enzyme_dup, x, dx, enzyme_dup, mu, dmu, enzyme_dup, l, dl, enzyme_const, D);
  check_gradient_fd("objective", packed, p, dp, P, 1e-6, 1e-7);

  double along = 0;
  for (int j = 0; j < P; j++) along += v[j] * dp[j];
  double tangent = __enzyme_fwddiff((void *)objective, enzyme_dup, x, v, enzyme_dup, mu, v + N * D, enzyme_dup, l,
                                    v + N * D + K * D, enzyme_const, D);
  check_rel("forward along v", tangent, along, 1e-12);
  return finish();
}
#endif
