// REQUIRES: openblas
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t %openblas
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 %openblas
// RUN: %t.O0
// An application through LAPACK: the negative log likelihood of a Gaussian process,
//   ½ yᵀK⁻¹y + ½ log det K + (n/2) log 2π,  K = σf² exp(−(xᵢ − xⱼ)²/2ℓ²) + σn² I,
// by dpotrf_ (K = LLᵀ, log det K = 2 Σ log Lᵢᵢ) and dpotrs_ (K⁻¹y). Its gradient with respect to
// the hyperparameters (log ℓ, log σf, log σn), the inputs x and the targets y matches central
// differences, forward mode, and the same likelihood with the factorization written as loops; then
// gradient descent on the hyperparameters lowers the likelihood at every step.
#include <stddef.h>
#include <stdlib.h>
#include <cblas.h>
#include "../Inputs/check.h"

void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda, double *b,
             const int *ldb, int *info, size_t uplo_len);

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

enum { N = 12 };

static void kernel(const double *theta, const double *x, double *K, int n) {
  double l = exp(theta[0]), sf2 = exp(2 * theta[1]), sn2 = exp(2 * theta[2]);
  for (int j = 0; j < n; j++)
    for (int i = 0; i < n; i++) {
      double d = x[i] - x[j];
      K[i + j * n] = sf2 * exp(-d * d / (2 * l * l)) + (i == j ? sn2 : 0);
    }
}

static double nll_lapack(const double *theta, const double *x, const double *y, double *K, double *alpha) {
  int n = N, one = 1, info;
  kernel(theta, x, K, n);
  dpotrf_("L", &n, K, &n, &info, 1);
  cblas_dcopy(n, y, 1, alpha, 1);
  dpotrs_("L", &n, &one, K, &n, alpha, &n, &info, 1);
  double logdet = 0;
  for (int i = 0; i < n; i++) logdet += 2 * log(K[i + i * n]);
  return 0.5 * cblas_ddot(n, y, 1, alpha, 1) + 0.5 * logdet + 0.5 * n * log(2 * M_PI);
}

// The same with Cholesky and the substitutions as loops (differentiated instruction by instruction).
static double nll_loops(const double *theta, const double *x, const double *y, double *K, double *alpha) {
  int n = N;
  kernel(theta, x, K, n);
  for (int j = 0; j < n; j++) {
    double d = K[j + j * n];
    for (int p = 0; p < j; p++) d -= K[j + p * n] * K[j + p * n];
    K[j + j * n] = sqrt(d);
    for (int i = j + 1; i < n; i++) {
      double v = K[i + j * n];
      for (int p = 0; p < j; p++) v -= K[i + p * n] * K[j + p * n];
      K[i + j * n] = v / K[j + j * n];
    }
  }
  for (int i = 0; i < n; i++) {
    double s = y[i];
    for (int p = 0; p < i; p++) s -= K[i + p * n] * alpha[p];
    alpha[i] = s / K[i + i * n];
  }
  for (int i = n - 1; i >= 0; i--) {
    double s = alpha[i];
    for (int p = i + 1; p < n; p++) s -= K[p + i * n] * alpha[p];
    alpha[i] = s / K[i + i * n];
  }
  double quad = 0, logdet = 0;
  for (int i = 0; i < n; i++) quad += y[i] * alpha[i], logdet += 2 * log(K[i + i * n]);
  return 0.5 * quad + 0.5 * logdet + 0.5 * n * log(2 * M_PI);
}

typedef double (*Likelihood)(const double *, const double *, const double *, double *, double *);

// The gradient with respect to theta, x and y (in g, 3 + 2N entries). (A macro: the function
// differentiated must be a constant at the call, also in unoptimized code.)
#define GRADIENT(f, theta, x, y, g)                                                                         \
  do {                                                                                                    \
    double K[N * N], dK[N * N] = {0}, alpha[N], dalpha[N] = {0};                                          \
    for (int i = 0; i < 3 + 2 * N; i++) (g)[i] = 0;                                                       \
    __enzyme_autodiff((void *)f, enzyme_dup, theta, g, enzyme_dup, x, (g) + 3, enzyme_dup, y, (g) + 3 + N, \
                      enzyme_dup, K, dK, enzyme_dup, alpha, dalpha);                                      \
  } while (0)

static double value(Likelihood f, const double *p) {
  double K[N * N], alpha[N];
  return f(p, p + 3, p + 3 + N, K, alpha);
}

int main(void) {
  double p[3 + 2 * N];
  p[0] = log(0.7), p[1] = log(1.3), p[2] = log(0.2);
  for (int i = 0; i < N; i++) {
    p[3 + i] = -2.0 + 4.0 * i / (N - 1) + 0.05 * sin(3.0 * i);
    p[3 + N + i] = sin(1.5 * p[3 + i]) + 0.1 * cos(7.0 * i);
  }
  double g[3 + 2 * N], gl[3 + 2 * N];
  GRADIENT(nll_lapack, p, p + 3, p + 3 + N, g);
  GRADIENT(nll_loops, p, p + 3, p + 3 + N, gl);
  check_rel("likelihood: LAPACK = loops", value(nll_lapack, p), value(nll_loops, p), 1e-12);
  char label[100];
  double scale = 0, worst_loops = 0, worst_fd = 0, worst_tangent = 0;
  for (int i = 0; i < 3 + 2 * N; i++) scale = fmax(scale, fabs(gl[i]));
  for (int i = 0; i < 3 + 2 * N; i++) {
    snprintf(label, sizeof label, "gradient[%d]: LAPACK rules = loops", i);
    check_scaled(label, g[i], gl[i], scale, 1e-10);
    worst_loops = fmax(worst_loops, fabs(g[i] - gl[i]) / scale);
    // Central differences, one coordinate at a time.
    double h = 1e-6, keep = p[i];
    p[i] = keep + h;
    double up = value(nll_lapack, p);
    p[i] = keep - h;
    double down = value(nll_lapack, p);
    p[i] = keep;
    snprintf(label, sizeof label, "gradient[%d] against central differences", i);
    check_fd(label, g[i], (up - down) / (2 * h), 1e-6);
    worst_fd = fmax(worst_fd, fabs(g[i] - (up - down) / (2 * h)) / fmax(fabs(g[i]), 1.0));
    // Forward mode in the same coordinate.
    double e[3 + 2 * N] = {0}, K[N * N], dK[N * N] = {0}, alpha[N], dalpha[N] = {0};
    e[i] = 1;
    double tangent = __enzyme_fwddiff((void *)nll_lapack, enzyme_dup, p, e, enzyme_dup, p + 3, e + 3, enzyme_dup,
                                      p + 3 + N, e + 3 + N, enzyme_dup, K, dK, enzyme_dup, alpha, dalpha);
    snprintf(label, sizeof label, "gradient[%d] = tangent", i);
    check_scaled(label, tangent, g[i], scale, 1e-10);
    worst_tangent = fmax(worst_tangent, fabs(tangent - g[i]) / scale);
  }
  printf("largest differences: loops %.2g, tangents %.2g (relative to the largest entry), central differences %.2g\n",
         worst_loops, worst_tangent, worst_fd);
  // Gradient descent on the hyperparameters alone lowers the likelihood at every step.
  double before = value(nll_lapack, p);
  for (int step = 0; step < 20; step++) {
    GRADIENT(nll_lapack, p, p + 3, p + 3 + N, g);
    for (int i = 0; i < 3; i++) p[i] -= 0.02 * g[i];
    double now = value(nll_lapack, p);
    snprintf(label, sizeof label, "step %d lowers the likelihood (%g -> %g)", step, before, now);
    check_exact(label, now < before, 1);
    before = now;
  }
  return finish();
}
