// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// The talk's St Petersburg temperature model: daily temperatures over two years,
//   t_i = a · sin(2π (i + c) / p) + b + noise_i,   i = 0 ..< 730,
// generated with known (a, b, p, c) = (12, 5, 365, -100) and small deterministic noise, then fitted
// by minimizing the mean squared error with Adam, the gradient coming from __enzyme_autodiff
// (a, b, c active, returned through sret as a struct of three doubles; p and the data constant).
// The fit must recover the parameters to 1e-2 relative. A second fit frees p as well (four
// adjoints). The gradient is checked against central finite differences first.
#include "../Inputs/check.h"

typedef struct { double da, db, dc; } Grad3;
typedef struct { double da, db, dc, dp; } Grad4;
extern Grad3 __enzyme_autodiff(void *, ...);
extern Grad4 __enzyme_autodiff4(void *, ...);
extern int enzyme_const, enzyme_out;

enum { DAYS = 730 };
static const double TWO_PI = 6.283185307179586476925286766559;

double mse(double a, double b, double c, double p, const double *t, int n) {
  double sum = 0;
  for (int i = 0; i < n; i++) {
    double r = a * sin(TWO_PI * (i + c) / p) + b - t[i];
    sum += r * r;
  }
  return sum / n;
}

// Adam over k parameters with a step size decaying geometrically from lr0 to lr1.
typedef struct {
  double m[4], v[4];
  int t;
} Adam;
static void adam_step(Adam *s, double *x, const double *g, int k, double lr) {
  const double b1 = 0.9, b2 = 0.999, eps = 1e-12;
  s->t++;
  for (int j = 0; j < k; j++) {
    s->m[j] = b1 * s->m[j] + (1 - b1) * g[j];
    s->v[j] = b2 * s->v[j] + (1 - b2) * g[j] * g[j];
    double mh = s->m[j] / (1 - pow(b1, s->t)), vh = s->v[j] / (1 - pow(b2, s->t));
    x[j] -= lr * mh / (sqrt(vh) + eps);
  }
}

int main(void) {
  const double a0 = 12.0, b0 = 5.0, p0 = 365.0, c0 = -100.0;
  double t[DAYS];
  for (int i = 0; i < DAYS; i++) {
    // Deterministic noise of amplitude ~0.5 from an irrational-frequency sum.
    double noise = 0.35 * sin(12.9898 * i) + 0.15 * cos(78.233 * i + 0.5);
    t[i] = a0 * sin(TWO_PI * (i + c0) / p0) + b0 + noise;
  }
  char what[96];

  // The gradient against central finite differences, at a point away from the optimum.
  {
    double a = 10.5, b = 3.0, c = -90.0, p = 360.0;
    Grad3 g = __enzyme_autodiff((void *)mse, enzyme_out, a, enzyme_out, b, enzyme_out, c, enzyme_const, p,
                                enzyme_const, t, enzyme_const, DAYS);
    Grad4 g4 = __enzyme_autodiff4((void *)mse, a, b, c, p, enzyme_const, t, DAYS);
    double h = 1e-5;
    double fa = (mse(a + h, b, c, p, t, DAYS) - mse(a - h, b, c, p, t, DAYS)) / (2 * h);
    double fb = (mse(a, b + h, c, p, t, DAYS) - mse(a, b - h, c, p, t, DAYS)) / (2 * h);
    double fc = (mse(a, b, c + h, p, t, DAYS) - mse(a, b, c - h, p, t, DAYS)) / (2 * h);
    double fp = (mse(a, b, c, p + h, t, DAYS) - mse(a, b, c, p - h, t, DAYS)) / (2 * h);
    check_fd("dmse/da vs fd", g.da, fa, 1e-6);
    check_fd("dmse/db vs fd", g.db, fb, 1e-6);
    check_fd("dmse/dc vs fd", g.dc, fc, 1e-6);
    check_rel("4-adjoint dmse/da", g4.da, g.da, 1e-12);
    check_rel("4-adjoint dmse/db", g4.db, g.db, 1e-12);
    check_rel("4-adjoint dmse/dc", g4.dc, g.dc, 1e-12);
    check_fd("dmse/dp vs fd", g4.dp, fp, 1e-6);
  }

  // Fit (a, b, c) with p fixed, from a start near but not at the truth.
  {
    double x[3] = {9.0, 3.5, -88.0};
    const double p = 365.0;
    Adam s = {{0}, {0}, 0};
    const int steps = 6000;
    for (int k = 0; k < steps; k++) {
      Grad3 g = __enzyme_autodiff((void *)mse, enzyme_out, x[0], enzyme_out, x[1], enzyme_out, x[2],
                                  enzyme_const, p, enzyme_const, t, enzyme_const, DAYS);
      double grad[3] = {g.da, g.db, g.dc};
      adam_step(&s, x, grad, 3, 0.1 * pow(1e-3, (double)k / steps));
    }
    printf("fit (p fixed): a = %.6f, b = %.6f, c = %.6f, mse = %.6g\n", x[0], x[1], x[2],
           mse(x[0], x[1], x[2], p, t, DAYS));
    check_rel("fitted a", x[0], a0, 1e-2);
    check_rel("fitted b", x[1], b0, 1e-2);
    check_rel("fitted c", x[2], c0, 1e-2);
    // At the optimum the gradient vanishes.
    Grad3 g = __enzyme_autodiff((void *)mse, enzyme_out, x[0], enzyme_out, x[1], enzyme_out, x[2],
                                enzyme_const, p, enzyme_const, t, enzyme_const, DAYS);
    snprintf(what, sizeof what, "|gradient| at the fit (%g, %g, %g)", g.da, g.db, g.dc);
    check_scaled(what, fabs(g.da) + fabs(g.db) + fabs(g.dc), 0.0, 1.0, 1e-4);
  }

  // Fit all four, p free too (Adam's per-parameter scaling copes with p's different scale).
  {
    double x[4] = {9.0, 3.5, -88.0, 355.0};
    Adam s = {{0}, {0}, 0};
    const int steps = 12000;
    for (int k = 0; k < steps; k++) {
      Grad4 g = __enzyme_autodiff4((void *)mse, x[0], x[1], x[2], x[3], enzyme_const, t, DAYS);
      double grad[4] = {g.da, g.db, g.dc, g.dp};
      adam_step(&s, x, grad, 4, 0.1 * pow(1e-3, (double)k / steps));
    }
    printf("fit (p free): a = %.6f, b = %.6f, c = %.6f, p = %.6f, mse = %.6g\n", x[0], x[1], x[2], x[3],
           mse(x[0], x[1], x[2], x[3], t, DAYS));
    check_rel("fitted a (p free)", x[0], a0, 1e-2);
    check_rel("fitted b (p free)", x[1], b0, 1e-2);
    check_rel("fitted c (p free)", x[2], c0, 1e-2);
    check_rel("fitted p (p free)", x[3], p0, 1e-2);
  }
  return finish();
}
