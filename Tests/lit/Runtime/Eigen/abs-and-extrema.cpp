// REQUIRES: eigen
// RUN: %clangxx-ad %eigen %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %eigen %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// Eigen's absolute values and extrema over packets: maxCoeff(), minCoeff() (with and without the
// index), cwiseAbs(), lpNorm<1>(), max(x) (a ReLU) and min(x). Under clang, Eigen's SSE pmax/pmin
// are inline assembly (`maxpd`, `minpd`: refused before, now rules, InlineAssembly.swift), and
// unoptimized, its pabs clears the sign on the packet's integer bits (the derivative was lost
// without an error at -O0; FloatCarriers.signOperationsAsFloats). Every component against
// central differences (away from ties and kinks), forward mode against the reverse gradient.
#include <Eigen/Dense>
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;
using namespace Eigen;

double extrema(const double *p, int n) {
  Map<const MatrixXd> A(p, n, 3);
  Map<const VectorXd> v(p + 3 * n, n);
  Index at;
  double largest = v.cwiseAbs().maxCoeff(&at);
  return v.maxCoeff() + 2 * A.minCoeff() + 0.5 * largest + v(at) + A.cwiseAbs().maxCoeff();
}

double norms(const double *p, int n) {
  Map<const VectorXd> v(p, 4 * n);
  return v.lpNorm<1>() + 0.3 * v.cwiseAbs().sum() + v.array().abs().square().sum();
}

double relu(const double *p, int n) {
  Map<const MatrixXd> W(p, n, n);
  Map<const VectorXd> x(p + n * n, n);
  VectorXd h = (W * x).array().max(0.0).matrix();
  VectorXd c = (W.transpose() * x).array().min(0.25).matrix();
  return h.squaredNorm() + c.sum();
}

typedef double (*Loss)(const double *, int);

template <Loss f>
static void check(const char *name, int parameters, int n) {
  std::vector<double> p(parameters), dp(parameters), v(parameters);
  // Distinct magnitudes (no ties), none near 0 (no kinks of |x|).
  for (int i = 0; i < parameters; i++) p[i] = (0.3 + 0.01 * ((i * 37) % 101)) * (i % 3 == 1 ? -1 : 1);
  __enzyme_autodiff((void *)f, enzyme_dup, p.data(), dp.data(), enzyme_const, n);
  double along = 0;
  for (int i = 0; i < parameters; i++) {
    double saved = p[i], h = 1e-7;
    p[i] = saved + h;
    double up = f(p.data(), n);
    p[i] = saved - h;
    double down = f(p.data(), n);
    p[i] = saved;
    check_fd(name, dp[i], (up - down) / (2 * h), 1e-6);
    v[i] = 0.01 * ((i * 3) % 7) - 0.02;
    along += v[i] * dp[i];
  }
  double t = __enzyme_fwddiff((void *)f, enzyme_dup, p.data(), v.data(), enzyme_const, n);
  check_scaled(name, t, along, 1, 1e-12);
}

int main() {
  for (int n : {5, 17}) {
    check<extrema>("extrema", 4 * n, n);
    check<norms>("norms", 4 * n, n);
    check<relu>("relu", n * n + n, n);
  }
  return finish();
}
