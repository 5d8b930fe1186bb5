// REQUIRES: eigen
// RUN: %clangxx-ad %eigen %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %eigen %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// Eigen's vectorized exp() and log() of arrays, and what people build with them: softmax, a
// log-sum-exp cross entropy, a Poisson log-likelihood. Eigen's packet exp rounds with 2^52 behind an
// optimization barrier (inline assembly, now llvm.arithmetic.fence; the rounding's derivative is 0,
// RoundingShifts) and builds 2^k on the packet's bits; its packet log takes the significand off the
// bits (ExponentReplacement). Refused before (inline assembly with floating-point operands; the
// significand through integers). Every component against central differences, forward mode against
// the reverse gradient, at sizes with and without a scalar tail after the packets; in float too.
#include <Eigen/Dense>
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;
using namespace Eigen;

// Arguments from -6 to 6: several multiples of ln 2 on either side of 0.
double exps(const double *p, int n) {
  Map<const ArrayXd> a(p, n);
  return (3.0 * a).exp().sum() + (a * a).exp().sum() / n;
}

double logs(const double *p, int n) {
  Map<const ArrayXd> a(p, n);
  return (a * a + 0.25).log().sum() + (a.abs() * 7.0 + 1e-3).log().prod();
}

// Cross entropy of a 4-class softmax over n samples, the weights of a linear model (4 x 3).
double cross_entropy(const double *p, int n) {
  Map<const MatrixXd> W(p, 4, 3);
  MatrixXd X(3, n);
  for (int j = 0; j < n; j++)
    for (int i = 0; i < 3; i++) X(i, j) = std::cos(0.7 * i + 1.3 * j);
  MatrixXd Z = W * X;
  RowVectorXd largest = Z.colwise().maxCoeff();
  ArrayXXd E = (Z.rowwise() - largest).array().exp();
  RowVectorXd lse = largest.array() + E.colwise().sum().log();
  double loss = 0;
  for (int j = 0; j < n; j++) loss += lse(j) - Z(j % 4, j);
  VectorXd s = Z.col(0);
  ArrayXd softmax = (s.array() - s.maxCoeff()).exp();
  softmax /= softmax.sum();
  return loss / n + softmax(1);
}

// Poisson log-likelihood of counts y with rates exp(X w).
double poisson(const double *p, int n) {
  Map<const VectorXd> w(p, 3);
  MatrixXd X(n, 3);
  VectorXd y(n);
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < 3; j++) X(i, j) = std::sin(0.9 * i - 0.4 * j);
    y(i) = i % 5;
  }
  ArrayXd eta = (X * w).array();
  ArrayXd rate = eta.exp();
  return (y.array() * rate.log() - rate).sum();
}

// In float (four lanes a packet, rounding by 2^23): against the derivative by hand, since central
// differences in float are too coarse.
double float_exps_logs(const double *p, int n) {
  ArrayXf a = Map<const ArrayXd>(p, n).cast<float>();
  return a.exp().sum() + (a * a + 0.5f).log().sum() + a.tanh().sum();
}

static void check_float(int n) {
  std::vector<double> p(n), dp(n);
  for (int i = 0; i < n; i++) p[i] = 3.0 * std::sin(1.7 * i + 0.4);
  __enzyme_autodiff((void *)float_exps_logs, enzyme_dup, p.data(), dp.data(), enzyme_const, n);
  for (int i = 0; i < n; i++) {
    double x = (float)p[i], t = std::tanh(x);
    check_rel("float_exps_logs", dp[i], std::exp(x) + 2 * x / (x * x + 0.5) + (1 - t * t), 1e-5);
  }
}

typedef double (*Loss)(const double *, int);

template <Loss f>
static void check(const char *name, int parameters, int n, double spread) {
  std::vector<double> p(parameters), dp(parameters), v(parameters);
  for (int i = 0; i < parameters; i++) p[i] = spread * std::sin(1.7 * i + 0.4) + 0.05 * ((i * 7) % 5) - 0.1;
  __enzyme_autodiff((void *)f, enzyme_dup, p.data(), dp.data(), enzyme_const, n);
  double along = 0, scale = 0;
  for (int i = 0; i < parameters; i++) {
    double saved = p[i], h = 1e-6;
    p[i] = saved + h;
    double up = f(p.data(), n);
    p[i] = saved - h;
    double down = f(p.data(), n);
    p[i] = saved;
    check_fd(name, dp[i], (up - down) / (2 * h), 1e-6 * fmax(1, fabs(dp[i])));
    v[i] = 0.01 * ((i * 3) % 7) - 0.02;
    along += v[i] * dp[i];
    scale += fabs(v[i] * dp[i]);
  }
  double t = __enzyme_fwddiff((void *)f, enzyme_dup, p.data(), v.data(), enzyme_const, n);
  check_scaled(name, t, along, scale, 1e-12);
}

int main() {
  for (int n : {7, 40}) {
    check<exps>("exps", n, n, 2.0);
    check<logs>("logs", n, n, 1.5);
    check<cross_entropy>("cross_entropy", 12, n, 1.0);
    check<poisson>("poisson", 3, n, 0.5);
    check_float(n);
  }
  return finish();
}
