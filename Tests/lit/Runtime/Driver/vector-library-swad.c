// REQUIRES: x86-avx2
// -fveclib=swad: swad writes tanh out as arithmetic in place of its calls (InlineMathKernels), in
// the primal and in its derivatives, and the loops over it vectorize. Its values against tanhl
// (long double) on a million points spread over every binade from the smallest subnormal to 30, the
// special values, tanhf, and the gradient and the directional derivative of a layer of tanh against
// the derivative by hand: through the driver (AVX2 with FMA, and plain x86-64), through swad-opt
// on optimized and on unoptimized bitcode. No call of tanh may remain (CHECK-NOT on the symbols).
// RUN: %swad -O2 -fveclib=swad -march=haswell %s -o %t.avx2
// RUN: %t.avx2
// RUN: %llvm-nm %t.avx2 | FileCheck %s
// RUN: %swad -O2 -fveclib=swad %s -o %t.sse
// RUN: %t.sse
// RUN: %llvm-nm %t.sse | FileCheck %s
// RUN: %clang -O2 -emit-llvm -c %s -o %t.bc
// RUN: %swad-opt --vector-library=swad %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t.opt -lm
// RUN: %t.opt
// RUN: %llvm-nm %t.opt | FileCheck %s
// RUN: %clang -O0 -emit-llvm -c %s -o %t.O0.bc
// RUN: %swad-opt --vector-library=swad %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
// RUN: %llvm-nm %t.O0 | FileCheck %s
// CHECK-NOT: U tanh
// CHECK: U tanhl
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

enum { N = 1 << 20, LAYER = 4096 };
static double xs[N], ys[N];
static float fxs[N], fys[N];

// The loops whose calls become the kernel; not inlined, so that each is the loop the vectorizer sees.
__attribute__((noinline)) void map_tanh(const double *x, double *y, int n) {
  for (int i = 0; i < n; i++) y[i] = tanh(x[i]);
}
__attribute__((noinline)) void map_tanhf(const float *x, float *y, int n) {
  for (int i = 0; i < n; i++) y[i] = tanhf(x[i]);
}

// A layer: the sum of v_i·tanh(w·x_i + b), differentiated in w and b.
static double layer_x[LAYER], layer_v[LAYER];
double layer(const double *p, int n) {
  double *h = malloc(n * sizeof(double));
  for (int i = 0; i < n; i++) h[i] = tanh(p[0] * layer_x[i] + p[1]);
  double sum = 0;
  for (int i = 0; i < n; i++) sum += layer_v[i] * h[i];
  free(h);
  return sum;
}

// The distance of got from the exact value in units in the last place of the double nearest it.
static double ulps(double got, long double exact) {
  if (exact == 0) return got == 0 ? 0 : INFINITY;
  int e = ilogbl(exact);
  double unit = e < -1022 ? 0x1p-1074 : ldexp(1.0, e - 52);
  return (double)(fabsl((long double)got - exact) / unit);
}

int main(void) {
  // Magnitudes from 2^-1074 to 30, a quarter of them below 1e-8 where tanh(x) rounds to x, signs
  // alternating; then evenly spaced points over [-20, 20], where tanh bends.
  uint64_t state = 12345;
  for (int i = 0; i < N; i++) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    double u = (double)(state >> 11) * 0x1p-53;
    double x = i < N / 2 ? exp2(-1074.0 + u * (1074.0 + log2(30.0))) : -20.0 + 40.0 * (i - N / 2) / (N / 2);
    xs[i] = i % 2 ? -x : x;
    fxs[i] = (float)(i % 2 ? -x : x);
  }
  map_tanh(xs, ys, N);
  map_tanhf(fxs, fys, N);
  double worst = 0, worst_at = 0, worstf = 0, worstf_at = 0;
  for (int i = 0; i < N; i++) {
    double e = ulps(ys[i], tanhl((long double)xs[i]));
    if (e > worst) worst = e, worst_at = xs[i];
    // Float: against the double tanh rounded to float, in float's units.
    double exact = tanhl((long double)fxs[i]);
    double unit = exact == 0 ? 0x1p-149 : fmax(ldexp(1.0, ilogb(exact) - 23), 0x1p-149);
    double ef = fabs(fys[i] - exact) / unit;
    if (ef > worstf) worstf = ef, worstf_at = fxs[i];
  }
  printf("tanh: at most %.2f ulp (at %.17g); tanhf: %.2f ulp (at %.9g)\n", worst, worst_at, worstf, worstf_at);
  check_rel("tanh's largest error in ulp, at most 3", worst <= 3 ? 0 : worst, 0, 0);
  check_rel("tanhf's largest error in ulp, at most 0.51", worstf <= 0.51 ? 0 : worstf, 0, 0);

  // Special values: signed zeros, infinities, NaN, the largest double, the smallest subnormal.
  double specials[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, 0x1.fffffffffffffp1023, -0x1p-1074, 19.5, -710.0};
  double got[9];
  map_tanh(specials, got, 9);
  for (int i = 0; i < 9; i++) {
    double want = (double)tanhl((long double)specials[i]);  // tanh itself would be the kernel
    check_count++;
    int same = isnan(want) ? isnan(got[i]) : (got[i] == want && signbit(got[i]) == signbit(want));
    if (!same) check_failures++, fprintf(stderr, "FAIL tanh(%g) = %.17g, want %.17g\n", specials[i], got[i], want);
  }

  // The gradient of the layer and its directional derivatives, against the derivative by hand.
  for (int i = 0; i < LAYER; i++) layer_x[i] = sin(0.37 * i) * 3, layer_v[i] = cos(0.11 * i);
  double p[2] = {1.3, -0.4}, g[2] = {0, 0};
  __enzyme_autodiff((void *)layer, enzyme_dup, p, g, enzyme_const, LAYER);
  long double dw = 0, db = 0, scale = 0;
  for (int i = 0; i < LAYER; i++) {
    long double t = tanhl((long double)p[0] * layer_x[i] + p[1]), d = layer_v[i] * (1 - t * t);
    dw += d * layer_x[i], db += d, scale += fabsl(d * layer_x[i]);
  }
  check_scaled("d layer / d w, reverse", g[0], (double)dw, (double)scale, 1e-14);
  check_scaled("d layer / d b, reverse", g[1], (double)db, (double)scale, 1e-14);
  for (int k = 0; k < 2; k++) {
    double t[2] = {k == 0, k == 1};
    double forward = __enzyme_fwddiff((void *)layer, enzyme_dup, p, t, enzyme_const, LAYER);
    check_scaled("d layer, forward", forward, (double)(k == 0 ? dw : db), (double)scale, 1e-14);
  }
  return finish();
}
