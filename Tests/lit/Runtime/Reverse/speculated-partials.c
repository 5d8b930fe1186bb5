// RUN: %clang-ad -fno-math-errno %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 -fno-math-errno %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Guarded terms: clang (and, from -O0 input, the pre-AD simplification) computes log(x), sqrt(x),
// x / y, pow(x, y) and a call of a function not inlined for every element and keeps the sum with a
// select where the guard fails (math functions are speculated so without errno, as with
// -ffast-math); code that computes first and tests after leaves the value unused on a branch. The
// unused value's adjoint is 0 there, and its partials NaN or infinite (log and sqrt of a negative
// number, 1 / 0); 0 · NaN made the gradient NaN where it is 0 (found by probing
// `if (auto l = safe_log(x)) s += *l * x` with std::optional). Checked against central differences
// and forward mode, at points where every guard fails for some element.
#include "../Inputs/check.h"

extern int enzyme_dup, enzyme_const;
extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);

enum { N = 6 };

double logs(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] > 0 ? log(x[i]) : 0.0;
  return s;
}

double roots(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    double r = x[i] >= 0 ? sqrt(x[i]) : 0.0;
    s += r * (i + 1);
  }
  return s;
}

double ratios(const double *x, int n) {
  double s = 0;
  for (int i = 0; i + 1 < n; i++) {
    double q = x[i] / x[i + 1];  // computed first, kept only where the divisor is not 0
    s += x[i + 1] != 0 ? q : 0.0;
  }
  return s;
}

double powers(const double *x, int n) {
  double s = 0;
  for (int i = 0; i + 1 < n; i++) s += x[i] > 0 ? pow(x[i], x[i + 1]) : x[i + 1];
  return s;
}

// The root feeds a fused multiply-add (clang contracts `sqrt(x) * x + 1`) that the select discards.
double fused(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] >= 0 ? sqrt(x[i]) * x[i] + 1.0 : 0.0;
  return s;
}

// A function that is not inlined, called for every element and kept only for positive ones: its
// result's seed is 0 where it is discarded, and its own reverse adds 0 · (log x + 1), NaN for a
// negative x; its adjoints are guarded at the call.
__attribute__((noinline)) double xlogx(double v) { return v * log(v); }

double entropies(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    double e = xlogx(x[i]);
    s += x[i] > 0 ? e : 0.0;
  }
  return s;
}

// Computed first, read on one branch: the root is unused where the test fails.
double branchy(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    double r = sqrt(x[i]);
    if (x[i] >= 0) {
      s += r * x[i];
      s = s * 0.9 + sin(s);
    } else {
      s -= cos(x[i]) * 2;
      s *= 1.1;
    }
  }
  return s;
}

// Computed first, skipped by `continue`: the quotient and the root are unused for some elements.
double skipped(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    double q = 1.0 / x[i];
    double r = sqrt(x[i]);
    if (x[i] == 0) continue;
    if (x[i] < 0) {
      s += q * 2;
      continue;
    }
    s += r * q;
  }
  return s;
}

static void check_model(const char *name, double (*f)(const double *, int), double *x, const double *g,
                        const double *tangents, int differences) {
  for (int i = 0; i < N; i++) {
    char what[96];
    snprintf(what, sizeof what, "%s, d/dx[%d] finite", name, i);
    check_exact(what, isfinite(g[i]) ? 1.0 : 0.0, 1.0);
    snprintf(what, sizeof what, "%s, reverse against forward d/dx[%d]", name, i);
    check_rel(what, g[i], tangents[i], 1e-12);
  }
  if (differences) check_gradient_fd(name, f, x, g, N, 1e-6, 1e-6);
}

// A macro: __enzyme_autodiff needs the function itself, not a pointer parameter.
#define CHECK_MODEL(name, f, x, d)                                                            \
  do {                                                                                        \
    double g[N] = {0}, tangents[N];                                                           \
    __enzyme_autodiff((void *)f, enzyme_dup, x, g, enzyme_const, N);                          \
    for (int i = 0; i < N; i++) {                                                             \
      double direction[N] = {0};                                                              \
      direction[i] = 1;                                                                       \
      tangents[i] = __enzyme_fwddiff((void *)f, enzyme_dup, x, direction, enzyme_const, N);   \
    }                                                                                         \
    check_model(name, f, x, g, tangents, d);                                                   \
  } while (0)

int main(void) {
  // Negative entries fail log's and sqrt's guards, away from the kink at 0 that central differences
  // would straddle.
  double x[N] = {0.8, -1.3, 0.4, -0.2, 1.1, -0.7};
  CHECK_MODEL("log", logs, x, 1);
  CHECK_MODEL("sqrt", roots, x, 1);
  CHECK_MODEL("pow", powers, x, 1);
  CHECK_MODEL("fused", fused, x, 1);
  CHECK_MODEL("entropies", entropies, x, 1);
  CHECK_MODEL("branchy", branchy, x, 1);
  CHECK_MODEL("skipped", skipped, x, 1);
  // The zero fails the division's guard: -x / y^2 is infinite there. The quotient jumps at 0, so
  // only forward mode and the derivatives by hand check it.
  double y[N] = {0.8, 1.3, 0.0, 0.9, 1.1, 2.0};
  CHECK_MODEL("ratios", ratios, y, 0);
  // The zero skips the quotient and the root: 1 / 0 is infinite there.
  CHECK_MODEL("skipped at 0", skipped, y, 0);
  double g[N] = {0};
  __enzyme_autodiff((void *)ratios, enzyme_dup, y, g, enzyme_const, N);
  // y[1] / y[2] is skipped: y[1] and y[2] get their terms of y[0] / y[1] and y[2] / y[3] only.
  double want[N] = {1 / y[1], -y[0] / (y[1] * y[1]), 1 / y[3], -y[2] / (y[3] * y[3]) + 1 / y[4],
                    -y[3] / (y[4] * y[4]) + 1 / y[5], -y[4] / (y[5] * y[5])};
  for (int i = 0; i < N; i++) {
    char what[64];
    snprintf(what, sizeof what, "ratios by hand, d/dy[%d]", i);
    check_rel(what, g[i], want[i], 1e-14);
  }
  return finish();
}
