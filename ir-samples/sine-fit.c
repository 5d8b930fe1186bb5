// The talk's sine fit: two years of daily temperatures in a St Petersburg-like climate,
//
//   t_i = a · sin(2π (i + c) / p) + b + noise_i,   i = 0 ..< 730,
//
// synthesized with known parameters (amplitude a = 12 °C, mean b = 5 °C, period p = 365 days,
// phase c = -100 days) and deterministic noise of about ±0.5 °C, then fitted by minimizing the mean
// squared error with Adam. The gradient of the error with respect to all four parameters comes from
// one __enzyme_autodiff call per step (a, b, c, p active, enzyme_out; the data constant); the four
// adjoints come back as a struct. The program prints the recovered parameters next to the true ones
// and exits non-zero if any is off by more than 1%.
//
// Build and run (from the repository root):
//   swad ir-samples/sine-fit.c -o sine-fit && ./sine-fit
#include <math.h>
#include <stdio.h>

extern int enzyme_const, enzyme_out;
typedef struct { double da, db, dc, dp; } Gradient;
extern Gradient __enzyme_autodiff(void *, ...);

enum { DAYS = 730, STEPS = 6000 };
static const double TWO_PI = 6.283185307179586;

// The mean squared error of the model with parameters (a, b, c, p) against n temperatures.
static double mse(double a, double b, double c, double p, const double *t, int n) {
  double sum = 0;
  for (int i = 0; i < n; i++) {
    double r = a * sin(TWO_PI * (i + c) / p) + b - t[i];
    sum += r * r;
  }
  return sum / n;
}

int main(void) {
  const double truth[4] = {12.0, 5.0, -100.0, 365.0};
  const char *names[4] = {"a, amplitude (C)", "b, mean (C)", "c, phase (days)", "p, period (days)"};
  double t[DAYS];
  for (int i = 0; i < DAYS; i++) {
    double noise = 0.35 * sin(12.9898 * i) + 0.15 * cos(78.233 * i + 0.5);
    t[i] = truth[0] * sin(TWO_PI * (i + truth[2]) / truth[3]) + truth[1] + noise;
  }

  // Adam (β1 = 0.9, β2 = 0.999) from a rough first guess, the step size decaying from 0.1 to 1e-4;
  // Adam's per-parameter scaling copes with the parameters' different scales.
  const double start[4] = {9.0, 3.5, -88.0, 355.0};
  double x[4], m[4] = {0}, v[4] = {0};
  for (int j = 0; j < 4; j++) x[j] = start[j];
  for (int k = 1; k <= STEPS; k++) {
    Gradient g = __enzyme_autodiff((void *)mse, enzyme_out, x[0], enzyme_out, x[1], enzyme_out, x[2], enzyme_out,
                                   x[3], enzyme_const, t, enzyme_const, DAYS);
    const double grad[4] = {g.da, g.db, g.dc, g.dp};
    const double lr = 0.1 * pow(1e-3, (double)k / STEPS);
    for (int j = 0; j < 4; j++) {
      m[j] = 0.9 * m[j] + 0.1 * grad[j];
      v[j] = 0.999 * v[j] + 0.001 * grad[j] * grad[j];
      double mh = m[j] / (1 - pow(0.9, k)), vh = v[j] / (1 - pow(0.999, k));
      x[j] -= lr * mh / (sqrt(vh) + 1e-12);
    }
    if (k == 1 || k % 1000 == 0)
      printf("step %5d: mse %9.4f  a %8.4f  b %8.4f  c %9.4f  p %9.4f\n", k, mse(x[0], x[1], x[2], x[3], t, DAYS),
             x[0], x[1], x[2], x[3]);
  }

  int failures = 0;
  printf("\n  %-20s %10s %10s %10s\n", "parameter", "true", "start", "fitted");
  for (int j = 0; j < 4; j++) {
    int ok = fabs(x[j] - truth[j]) <= 1e-2 * fabs(truth[j]);
    printf("  %-20s %10.3f %10.3f %10.3f  %s\n", names[j], truth[j], start[j], x[j], ok ? "ok" : "OFF BY > 1%");
    failures += !ok;
  }
  printf("mean squared error %.4f (the noise alone gives %.4f)\n", mse(x[0], x[1], x[2], x[3], t, DAYS),
         mse(truth[0], truth[1], truth[2], truth[3], t, DAYS));
  return failures != 0;
}
