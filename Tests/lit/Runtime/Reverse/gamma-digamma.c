// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// lgamma' = ψ and tgamma' = tgamma · ψ, with the digamma function ψ that swad emits (libm has
// none), in both modes: against ψ's closed forms (to 1e-15 of the size of ψ's terms, which cancel
// near ψ's root at 1.4616), against a long double reference over a sweep of points away from the
// root and the poles (measured: at most 7e-15 relative), and against central differences.
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);

double f_lgamma(double x) { return lgamma(x); }
double f_tgamma(double x) { return tgamma(x); }

static double d_lgamma_rev(double x) { return __enzyme_autodiff((void *)f_lgamma, x); }
static double d_lgamma_fwd(double x) { return __enzyme_fwddiff((void *)f_lgamma, x, 1.0); }
static double d_tgamma_rev(double x) { return __enzyme_autodiff((void *)f_tgamma, x); }
static double d_tgamma_fwd(double x) { return __enzyme_fwddiff((void *)f_tgamma, x, 1.0); }

// ψ in long double, by its own route: the series ψ(x) = -γ + Σₖ (1/(k+1) − 1/(k+x)) summed up to
// x + 40 exactly, then the asymptotic tail of ψ there.
static double ref_digamma(double x0) {
  const long double pi = 3.14159265358979323846264338327950288L;
  long double x = x0, sum = 0;
  if (x < 0.5L) {
    sum = -pi / tanl(pi * x);
    x = 1 - x;
  }
  for (int k = 0; k < 40; k++) sum -= 1 / (x + k);
  long double z = x + 40, t = 1 / (z * z);
  return (double)(sum + logl(z) - 0.5L / z - t * (1.0L / 12 - t * (1.0L / 120 - t * (1.0L / 252 - t / 240))));
}

int main(void) {
  const double euler = 0.57721566490153286060651209008240243, ln2 = 0.69314718055994530941723212145817657,
               pi = 3.14159265358979323846264338327950288;
  // Closed forms: ψ(1) = -γ, ψ(1/2) = -γ - 2 ln 2, ψ(1/4) = -γ - π/2 - 3 ln 2, ψ(3/4) = -γ + π/2 - 3 ln 2,
  // ψ(n + 1) = -γ + Hₙ, ψ(-1/2) = ψ(3/2) = 2 - γ - 2 ln 2.
  const double exact[][2] = {
      {1.0, -euler},
      {0.5, -euler - 2 * ln2},
      {0.25, -euler - pi / 2 - 3 * ln2},
      {0.75, -euler + pi / 2 - 3 * ln2},
      {5.0, -euler + 1 + 1.0 / 2 + 1.0 / 3 + 1.0 / 4},
      {11.0, -euler + 7381.0 / 2520},
      {-0.5, 2 - euler - 2 * ln2},
  };
  for (int i = 0; i < (int)(sizeof exact / sizeof exact[0]); i++) {
    char what[80];
    double x = exact[i][0], psi = exact[i][1];
    // ψ is a sum of terms of size ~2.5 (-Σ 1/(x+k), then ln x and the series) that cancel near its
    // root: its error is a few ulps of 2.5, measured against max(|ψ|, 2.5).
    double scale = fmax(fabs(psi), 2.5);
    snprintf(what, sizeof what, "lgamma'(%g), reverse", x);
    check_scaled(what, d_lgamma_rev(x), psi, scale, 1e-15);
    snprintf(what, sizeof what, "lgamma'(%g), forward", x);
    check_scaled(what, d_lgamma_fwd(x), psi, scale, 1e-15);
    snprintf(what, sizeof what, "tgamma'(%g), reverse", x);
    check_scaled(what, d_tgamma_rev(x), tgamma(x) * psi, fabs(tgamma(x)) * scale, 2e-15);
    snprintf(what, sizeof what, "tgamma'(%g), forward", x);
    check_scaled(what, d_tgamma_fwd(x), tgamma(x) * psi, fabs(tgamma(x)) * scale, 2e-15);
  }

  // A sweep over (-10, 60), away from ψ's root near 1.4616 and from the poles.
  double worst = 0, worst_at = 0;
  for (double x = -9.87; x < 60; x += 0.173) {
    if (fabs(x - 1.4616321449683623) < 0.05 || fabs(x - nearbyint(x)) < 0.01) continue;
    double want = ref_digamma(x), got = d_lgamma_rev(x);
    double err = fabs(got - want) / fabs(want);
    if (err > worst) worst = err, worst_at = x;
    check_rel("lgamma' sweep, reverse", got, want, 1e-13);
    check_rel("lgamma' sweep, forward", d_lgamma_fwd(x), want, 1e-13);
  }
  printf("worst relative error of lgamma' on the sweep: %.3g at %g\n", worst, worst_at);

  // Central differences.
  const double points[] = {-3.3, -0.7, 0.2, 2.5, 6.0, 17.25};
  for (int i = 0; i < 6; i++) {
    double x = points[i], h = 1e-6 * fmax(1, fabs(x));
    char what[80];
    snprintf(what, sizeof what, "tgamma'(%g) against central differences", x);
    check_fd(what, d_tgamma_rev(x), (tgamma(x + h) - tgamma(x - h)) / (2 * h), 1e-7);
    snprintf(what, sizeof what, "lgamma'(%g) against central differences", x);
    check_fd(what, d_lgamma_fwd(x), (lgamma(x + h) - lgamma(x - h)) / (2 * h), 1e-7);
  }
  return finish();
}
