// REQUIRES: x86-avx2
// -fveclib=swad: swad writes tanh, exp and log out as arithmetic in place of their calls
// (InlineMathKernels), in the primal and in its derivatives, and the loops over them vectorize.
// Their values against tanhl, expl and logl (long double) on a million points each (tanh's spread
// over every binade from the smallest subnormal to 30, exp's over its whole finite range, subnormal
// results included, log's over every binade), the special values, the float functions, and the
// gradient and the directional derivatives of a layer of all three against the derivative by hand:
// through the driver (AVX2 with FMA, and plain x86-64), through swad-opt on optimized and on
// unoptimized bitcode. exp and log, which may set errno, are replaced only with -fno-math-errno;
// tanh, which never does, always; log only with 256-bit vectors (AVX2 here), where it pays: the
// others vectorize it with libmvec's.
// RUN: %swad -O2 -fno-math-errno -fveclib=swad -march=haswell %s -o %t.avx2
// RUN: %t.avx2
// RUN: %llvm-nm %t.avx2 | FileCheck %s
// RUN: %llvm-nm %t.avx2 | FileCheck %s --check-prefix=WIDE
// RUN: %swad -O2 -fno-math-errno -fveclib=swad %s -o %t.sse
// RUN: %t.sse
// RUN: %llvm-nm %t.sse | FileCheck %s
// RUN: %llvm-nm %t.sse | FileCheck %s --check-prefix=NARROW
// RUN: %clang -O2 -fno-math-errno -emit-llvm -c %s -o %t.bc
// RUN: %swad-opt --vector-library=swad %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t.opt -lm
// RUN: %t.opt
// RUN: %llvm-nm %t.opt | FileCheck %s
// RUN: %clang -O0 -fno-math-errno -emit-llvm -c %s -o %t.O0.bc
// RUN: %swad-opt --vector-library=swad %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
// RUN: %llvm-nm %t.O0 | FileCheck %s
// RUN: %swad -O2 -fveclib=swad %s -o %t.errno
// RUN: %t.errno
// RUN: %llvm-nm %t.errno | FileCheck %s --check-prefix=ERRNO
// CHECK-NOT: U exp{{f?}}@
// CHECK: U expl
// CHECK-NOT: U tanh{{f?}}@
// CHECK: U tanhl
// ERRNO: U exp@
// ERRNO: U expf@
// ERRNO-NOT: U tanh{{f?}}@
// ERRNO: U tanhl
// WIDE-NOT: U log{{f?}}@
// WIDE: U logl
// NARROW: U _ZGVbN2v_log@
// NARROW: U _ZGVbN4v_logf@
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
#define MAP(name, type, function)                                          \
  __attribute__((noinline)) void name(const type *x, type *y, int n) {     \
    for (int i = 0; i < n; i++) y[i] = function(x[i]);                     \
  }
MAP(map_tanh, double, tanh)
MAP(map_tanhf, float, tanhf)
MAP(map_exp, double, exp)
MAP(map_expf, float, expf)
MAP(map_log, double, log)
MAP(map_logf, float, logf)

// A layer: the sum of v_i·(tanh(w·x_i + b) + exp(c·x_i) + log(d + x_i²)), differentiated in w, b,
// c and d.
static double layer_x[LAYER], layer_v[LAYER];
double layer(const double *p, int n) {
  double *h = malloc(n * sizeof(double));
  for (int i = 0; i < n; i++) h[i] = tanh(p[0] * layer_x[i] + p[1]) + exp(p[2] * layer_x[i]) + log(p[3] + layer_x[i] * layer_x[i]);
  double sum = 0;
  for (int i = 0; i < n; i++) sum += layer_v[i] * h[i];
  free(h);
  return sum;
}

// The distance of got from the exact value in units in the last place of the exact value's binade
// (a little stricter than the double's just below a power of two).
static double ulps(double got, long double exact) {
  if (exact == 0) return got == 0 ? 0 : INFINITY;
  int e = ilogbl(exact);
  double unit = e < -1022 ? 0x1p-1074 : ldexp(1.0, e - 52);
  return (double)(fabsl((long double)got - exact) / unit);
}

// The same for a float, against the exact value (a float's units; subnormal ones below 2^-126).
static double ulpsf(float got, long double exact) {
  if (exact == 0) return got == 0 ? 0 : INFINITY;
  double unit = fmax(ldexp(1.0, ilogbl(exact) - 23), 0x1p-149);
  return (double)(fabsl((long double)got - exact) / unit);
}

// The largest error of a function's values ys at xs, against the long double function, in ulp.
static double worst(const double *x, const double *y, long double (*exact)(long double), double *at) {
  double most = 0;
  for (int i = 0; i < N; i++) {
    double e = ulps(y[i], exact((long double)x[i]));
    if (e > most) most = e, *at = x[i];
  }
  return most;
}
static double worstf(const float *x, const float *y, long double (*exact)(long double), double *at) {
  double most = 0;
  for (int i = 0; i < N; i++) {
    double e = ulpsf(y[i], exact((long double)x[i]));
    if (e > most) most = e, *at = x[i];
  }
  return most;
}

// got must be want (from the long double function, since the double one is the kernel here): the
// same NaN-ness, zero of the same sign, infinity; a finite nonzero value within bound ulp.
static void check_special(const char *name, const double *x, const double *got, long double (*exact)(long double),
                          int n, double bound) {
  for (int i = 0; i < n; i++) {
    double want = (double)exact((long double)x[i]);
    check_count++;
    int same = isnan(want) ? isnan(got[i]) : (got[i] == want && signbit(got[i]) == signbit(want));
    if (!same && isfinite(want) && want != 0) same = ulps(got[i], exact((long double)x[i])) <= bound;
    if (!same) check_failures++, fprintf(stderr, "FAIL %s(%g) = %.17g, want %.17g\n", name, x[i], got[i], want);
  }
}

// A float's special value: the exact value rounded to float, NaN-ness and sign of zero included,
// or within 0.51 ulp of it.
static void check_special_float(const char *name, float x, float got, long double exact) {
  float want = (float)exact;
  check_count++;
  int same = isnan(want) ? isnan(got) : (got == want && signbit(got) == signbit(want));
  if (!same && isfinite(want) && want != 0) same = ulpsf(got, exact) <= 0.51;
  if (!same) check_failures++, fprintf(stderr, "FAIL %s(%g) = %.9g, want %.9g\n", name, x, got, want);
}

static void check_ulps(const char *what, double got, double bound) {
  check_count++;
  if (got <= bound) return;
  check_failures++;
  fprintf(stderr, "FAIL %s: %.3f ulp, more than %.2f\n", what, got, bound);
}

int main(void) {
  // Half the points spread evenly over the binades from 2^-1074 to 30 (most of them below 1e-8,
  // where tanh(x) rounds to x), signs alternating; half evenly spaced over [-20, 20], where tanh bends.
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
  double at, atf;
  double tanh_ulps = worst(xs, ys, tanhl, &at), tanhf_ulps = worstf(fxs, fys, tanhl, &atf);
  printf("tanh: at most %.2f ulp (at %.17g); tanhf: %.2f ulp (at %.9g)\n", tanh_ulps, at, tanhf_ulps, atf);
  check_ulps("tanh", tanh_ulps, 3);
  check_ulps("tanhf", tanhf_ulps, 0.51);
  double tanh_specials[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, 0x1.fffffffffffffp1023, -0x1p-1074, 19.5, -710.0};
  double got[16];
  map_tanh(tanh_specials, got, 9);
  check_special("tanh", tanh_specials, got, tanhl, 9, 3);

  // exp over its finite range: from where it rounds to 0 to where it overflows; floats the same.
  for (int i = 0; i < N; i++) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    double u = (double)(state >> 11) * 0x1p-53;
    xs[i] = i % 4 ? -745.2 + u * (709.78 + 745.2) : (u - 0.5) * 4;
    fxs[i] = (float)(i % 4 ? -104 + u * 192.7 : (u - 0.5) * 4);
  }
  map_exp(xs, ys, N);
  map_expf(fxs, fys, N);
  double exp_ulps = worst(xs, ys, expl, &at), expf_ulps = worstf(fxs, fys, expl, &atf);
  printf("exp: at most %.2f ulp (at %.17g); expf: %.2f ulp (at %.9g)\n", exp_ulps, at, expf_ulps, atf);
  check_ulps("exp", exp_ulps, 1);
  check_ulps("expf", expf_ulps, 0.51);
  // Around the largest double and the smallest subnormal, the two halves of 2^n.
  double exp_specials[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, 709.782712893384, 709.79, -745.1332191019411,
                           -745.14, -708.4, 1e300, -1e300, 0x1p-1074, 1.0, -1.0, 0.5};
  map_exp(exp_specials, got, 16);
  check_special("exp", exp_specials, got, expl, 16, 1);

  // The float functions' special values, expf's overflow through the rounding to float included.
  float float_specials[] = {0.0f, -0.0f, INFINITY, -INFINITY, NAN, 88.7f, 89.0f, -104.0f, -0x1p-149f, 20.0f};
  float fgot[10];
  map_tanhf(float_specials, fgot, 10);
  for (int i = 0; i < 10; i++) check_special_float("tanhf", float_specials[i], fgot[i], tanhl((long double)float_specials[i]));
  map_expf(float_specials, fgot, 10);
  for (int i = 0; i < 10; i++) check_special_float("expf", float_specials[i], fgot[i], expl((long double)float_specials[i]));

  // log over every binade, subnormal ones included, and near 1, where log(x) is small.
  for (int i = 0; i < N; i++) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    double u = (double)(state >> 11) * 0x1p-53;
    xs[i] = i % 3 == 0 ? exp2(-1074.0 + 2098.0 * u) : i % 3 == 1 ? 0.5 + 1.5 * u : 1 + (u - 0.5) * 1e-6;
    fxs[i] = (float)(i % 3 == 0 ? exp2(-149.0 + 277.0 * u) : 0.5 + 1.5 * u);
  }
  map_log(xs, ys, N);
  map_logf(fxs, fys, N);
  double log_ulps = worst(xs, ys, logl, &at), logf_ulps = worstf(fxs, fys, logl, &atf);
  printf("log: at most %.2f ulp (at %.17g); logf: %.2f ulp (at %.9g)\n", log_ulps, at, logf_ulps, atf);
  // Without 256-bit vectors log is libmvec's (swad's library uses it where it has no kernel worth
  // calling), accurate to 4 ulp.
#if defined(__AVX2__)
  check_ulps("log", log_ulps, 1);
  check_ulps("logf", logf_ulps, 0.51);
#else
  check_ulps("log (libmvec's)", log_ulps, 4);
  check_ulps("logf (libmvec's)", logf_ulps, 4);
#endif
  double log_specials[] = {0.0, -0.0, -1.0, INFINITY, -INFINITY, NAN, 1.0, 2.0, 0x1p-1074, 0x1.fffffffffffffp1023,
                           0x1p-1022, 0x0.fffffffffffffp-1022};
  map_log(log_specials, got, 12);
  check_special("log", log_specials, got, logl, 12, 1);
  for (int i = 0; i < 10; i++) {
    map_logf(float_specials + i, fgot + i, 1);
    if (float_specials[i] >= 0 || isnan(float_specials[i]))
      check_special_float("logf", float_specials[i], fgot[i], logl((long double)float_specials[i]));
    else
      check_rel("logf of a negative number is NaN", isnan(fgot[i]) != 0, 1, 0);
  }

  // The gradient of the layer and its directional derivatives, against the derivative by hand.
  for (int i = 0; i < LAYER; i++) layer_x[i] = sin(0.37 * i) * 3, layer_v[i] = cos(0.11 * i);
  double p[4] = {1.3, -0.4, 0.45, 1.7}, g[4] = {0, 0, 0, 0};
  __enzyme_autodiff((void *)layer, enzyme_dup, p, g, enzyme_const, LAYER);
  long double want[4] = {0, 0, 0, 0}, scale[4] = {0, 0, 0, 0};
  for (int i = 0; i < LAYER; i++) {
    long double t = tanhl((long double)p[0] * layer_x[i] + p[1]), d = layer_v[i] * (1 - t * t);
    long double e = layer_v[i] * layer_x[i] * expl((long double)p[2] * layer_x[i]);
    long double l = layer_v[i] / (p[3] + (long double)layer_x[i] * layer_x[i]);
    want[0] += d * layer_x[i], want[1] += d, want[2] += e, want[3] += l;
    scale[0] += fabsl(d * layer_x[i]), scale[1] += fabsl(d), scale[2] += fabsl(e), scale[3] += fabsl(l);
  }
  for (int k = 0; k < 4; k++) {
    check_scaled("d layer / d p[k], reverse", g[k], (double)want[k], (double)scale[k], 1e-14);
    double t[4] = {k == 0, k == 1, k == 2, k == 3};
    double forward = __enzyme_fwddiff((void *)layer, enzyme_dup, p, t, enzyme_const, LAYER);
    check_scaled("d layer / d p[k], forward", forward, (double)want[k], (double)scale[k], 1e-14);
  }
  return finish();
}
