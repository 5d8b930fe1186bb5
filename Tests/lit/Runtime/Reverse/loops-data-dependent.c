// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Loops whose trip counts depend on the data: a while loop until a threshold, a series summed until
// its terms fall below a tolerance, a loop left by break, a loop left by an early return. The
// reverse sweep must run each loop backwards exactly as many times as the forward sweep ran it.
#include "../Inputs/check.h"

typedef struct { double d0, d1; } Grad2;
extern Grad2 __enzyme_autodiff(void *, ...);
extern double __enzyme_autodiff_1(void *, ...);
extern void __enzyme_autodiff_v(void *, ...);
extern int enzyme_const, enzyme_out, enzyme_dup;

// Multiply by c until the value reaches limit: x0 * c^n with n = the number of steps taken.
double grow_until(double x0, double c, double limit) {
  double x = x0;
  while (x < limit) x = x * c;
  return x;
}
static int steps_until(double x0, double c, double limit) {
  int n = 0;
  for (double x = x0; x < limit; x *= c) n++;
  return n;
}

// exp(x) by its Taylor series, summed until the terms are negligible (x >= 0).
double exp_series(double x) {
  double sum = 1, term = 1;
  int k = 1;
  while (term > 1e-17 * sum) {
    term = term * x / k;
    sum += term;
    k++;
  }
  return sum;
}

// Σ a[i]² over the prefix before the first element above the threshold.
double sum_squares_until(const double *a, int n, double threshold) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    if (a[i] > threshold) break;
    s += a[i] * a[i];
  }
  return s;
}

// Σ w·a[i] over a prefix; returns 2·s early from inside the loop when s exceeds limit, else s.
double weighted_sum_or_early(const double *a, int n, double w, double limit) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    s += w * a[i];
    if (s > limit) return 2 * s;
  }
  return s;
}

int main(void) {
  char what[96];

  // grow_until: d/dx0 = c^n, d/dc = n x0 c^(n-1), limit constant.
  const double cases[][3] = {{1.0, 1.5, 100.0}, {0.3, 1.01, 2.0}, {5.0, 2.0, 1.0}, {1e-3, 3.0, 1e6}};
  for (unsigned t = 0; t < sizeof cases / sizeof cases[0]; t++) {
    double x0 = cases[t][0], c = cases[t][1], limit = cases[t][2];
    int n = steps_until(x0, c, limit);
    Grad2 g = __enzyme_autodiff((void *)grow_until, enzyme_out, x0, enzyme_out, c, enzyme_const, limit);
    snprintf(what, sizeof what, "grow_until(%g, %g, %g) (n=%d) d/dx0", x0, c, limit, n);
    check_rel(what, g.d0, pow(c, n), 1e-12);
    snprintf(what, sizeof what, "grow_until(%g, %g, %g) (n=%d) d/dc", x0, c, limit, n);
    check_rel(what, g.d1, n * x0 * pow(c, n - 1), 1e-12);
  }

  // exp_series: the derivative of the truncated series is exp(x) to rounding.
  const double xs[] = {0.0, 0.5, 1.0, 3.0, 10.0, 25.0};
  for (unsigned t = 0; t < sizeof xs / sizeof xs[0]; t++) {
    double x = xs[t];
    double d = __enzyme_autodiff_1((void *)exp_series, x);
    snprintf(what, sizeof what, "exp_series'(%g)", x);
    check_rel(what, d, exp(x), 1e-12);
    double h = 1e-6 * fmax(1.0, x);
    snprintf(what, sizeof what, "exp_series'(%g) vs fd", x);
    check_fd(what, d, (exp_series(x + h) - exp_series(x - h)) / (2 * h), 1e-6 * fmax(1.0, exp(x)));
  }

  // sum_squares_until: 2 a[i] before the break, nothing from the break on; += into the shadow.
  enum { N = 20 };
  double a[N], da[N];
  rng_fill(a, N);
  for (double threshold = -1.5; threshold <= 1.5; threshold += 0.25) {
    int stop = 0;
    while (stop < N && a[stop] <= threshold) stop++;
    for (int i = 0; i < N; i++) da[i] = 0.5;
    __enzyme_autodiff_v((void *)sum_squares_until, enzyme_dup, a, da, enzyme_const, N, enzyme_const, threshold);
    for (int i = 0; i < N; i++) {
      snprintf(what, sizeof what, "sum_squares_until(threshold %g, stop %d) da[%d]", threshold, stop, i);
      check_rel(what, da[i], i < stop ? 0.5 + 2 * a[i] : 0.5, 1e-12);
    }
  }

  // weighted_sum_or_early with all a[i] = 1: s after i+1 terms is w(i+1); d/da[j] and d/dw.
  double ones[N];
  for (int i = 0; i < N; i++) ones[i] = 1.0;
  const double limits[] = {-1.0, 0.5, 3.2, 7.0, 1e9};
  const double w = 0.75;
  for (unsigned t = 0; t < sizeof limits / sizeof limits[0]; t++) {
    double limit = limits[t];
    int used = N, early = 0;
    for (int i = 0; i < N; i++)
      if (w * (i + 1) > limit) {
        used = i + 1, early = 1;
        break;
      }
    double factor = early ? 2.0 : 1.0;
    for (int i = 0; i < N; i++) da[i] = 0;
    double dw = __enzyme_autodiff_1((void *)weighted_sum_or_early, enzyme_dup, ones, da, enzyme_const, N,
                                    enzyme_out, w, enzyme_const, limit);
    snprintf(what, sizeof what, "weighted_sum_or_early(limit %g) d/dw (used %d, early %d)", limit, used, early);
    check_rel(what, dw, factor * used, 1e-12);
    for (int i = 0; i < N; i++) {
      snprintf(what, sizeof what, "weighted_sum_or_early(limit %g) da[%d]", limit, i);
      check_rel(what, da[i], i < used ? factor * w : 0.0, 1e-12);
    }
  }
  return finish();
}
