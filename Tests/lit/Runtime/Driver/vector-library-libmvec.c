// REQUIRES: x86-avx2
// -fveclib=libmvec: the loops over math functions of the primal and of its derivatives call glibc's
// vector functions (the `_ZGV…` symbols), tanh and the others LLVM 22's own libmvec table lacks
// included, and the gradient is unchanged: both modes against central differences, through the
// driver (AVX2 and plain x86-64, whose variants differ), through swad-opt on bitcode compiled by
// clang -fveclib=libmvec (the library inferred from the module) and from unoptimized input.
// RUN: %swad -O2 -fno-math-errno -fveclib=libmvec -march=haswell %s -o %t.avx2
// RUN: %t.avx2
// RUN: %llvm-nm %t.avx2 | FileCheck %s --check-prefix=AVX2
// RUN: %swad -O2 -fno-math-errno -fveclib=libmvec %s -o %t.sse
// RUN: %t.sse
// RUN: %llvm-nm %t.sse | FileCheck %s --check-prefix=SSE
// RUN: %clang -O2 -fno-math-errno -fveclib=libmvec -emit-llvm -c %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t.inferred -lm
// RUN: %t.inferred
// RUN: %llvm-nm %t.inferred | FileCheck %s --check-prefix=SSE
// RUN: %clang -O0 -fno-math-errno -emit-llvm -c %s -o %t.O0.bc
// RUN: %swad-opt --vector-library=libmvec %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
// AVX2-DAG: U _ZGVdN4v_tanh
// AVX2-DAG: U _ZGVdN4v_exp
// AVX2-DAG: U _ZGVdN4vv_atan2
// AVX2-DAG: U _ZGVdN8v_tanhf
// SSE-DAG: U _ZGVbN2v_tanh
// SSE-DAG: U _ZGVbN2v_exp
// SSE-DAG: U _ZGVbN2vv_atan2
// SSE-DAG: U _ZGVbN4v_tanhf
#include <math.h>
#include <stdlib.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

enum { N = 1000, P = 7 };
static double xs[N];
static float fs[N];

// A sum over the data of the library's functions of the parameters w. The functions are mapped over
// the data into arrays first (a sum of doubles does not vectorize without -ffast-math: its order
// would change), as a layer of a network would. (Such arrays are kept, not read again as the
// function in the sum's loop: ScratchArray.isRedoable.)
double loss(const double *w, int n) {
  double *a = malloc(3 * n * sizeof(double)), *b = a + n, *c = a + 2 * n;
  float *d = malloc(n * sizeof(float));
  for (int i = 0; i < n; i++) a[i] = tanh(w[0] * xs[i]) + exp(-w[1] * xs[i] * xs[i]);
  for (int i = 0; i < n; i++) b[i] = sin(w[2] * xs[i]) * pow(1.5 + xs[i] * xs[i], w[3]);
  for (int i = 0; i < n; i++) c[i] = atan2(w[4], 1 + xs[i] * xs[i]) + log1p(w[5] * w[5] * xs[i] * xs[i]);
  for (int i = 0; i < n; i++) d[i] = tanhf((float)w[6] * fs[i]);
  double sum = 0;
  for (int i = 0; i < n; i++) sum += a[i] + b[i] + c[i] + d[i];
  free(a);
  free(d);
  return sum;
}

int main(void) {
  for (int i = 0; i < N; i++) xs[i] = sin(0.37 * i) * 1.7, fs[i] = (float)cos(0.21 * i);
  double w[P] = {0.8, 0.3, 1.1, 0.7, 0.4, 0.9, 0.6}, g[P] = {0};
  __enzyme_autodiff((void *)loss, enzyme_dup, w, g, enzyme_const, N);
  for (int k = 0; k < P; k++) {
    double h = 1e-6, saved = w[k];
    w[k] = saved + h;
    double up = loss(w, N);
    w[k] = saved - h;
    double down = loss(w, N);
    w[k] = saved;
    if (k < 6) check_fd("loss reverse", g[k], (up - down) / (2 * h), 1e-6);
    double t[P] = {0};
    t[k] = 1;
    double forward = __enzyme_fwddiff((void *)loss, enzyme_dup, w, t, enzyme_const, N);
    check_rel("loss forward", forward, g[k], 1e-5);
  }
  // The float loop's sum is rounded to float, too coarse for central differences: its derivative by
  // hand, in double, to float's precision.
  double want = 0;
  for (int i = 0; i < N; i++) want += fs[i] * (1 - tanh(w[6] * fs[i]) * tanh(w[6] * fs[i]));
  check_rel("tanhf reverse", g[6], want, 1e-5);
  return finish();
}
