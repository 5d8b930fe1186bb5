// REQUIRES: eigen
// RUN: %clangxx-ad %eigen %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %eigen %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// Dynamic-size Eigen vectors negated (`-v`, `u = -u` in place) and made absolute (`cwiseAbs()`),
// which unoptimized Eigen does packet by packet on the packets' bits (`_mm_xor_pd`, `_mm_and_pd`:
// each packet loaded as `<2 x i64>`, changed and stored as integers into the result's memory), and
// what sits on them: the sign fix of JacobiSVD's U, a Newton step `-H.ldlt().solve(g)`. Both modes,
// against derivatives by hand or central differences. Before, the derivatives through the integers
// were lost without an error from -O0 input (0, or the sign lost; the Newton step's whole gradient
// 0), and `cwiseAbs()` beside `exp()` also from -O2 input (Types/FloatCarriers.swift,
// signOperationsStoredAsFloats).
#include <Eigen/Dense>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);
}

using Eigen::Map;
using Eigen::MatrixXd;
using Eigen::VectorXd;

__attribute__((noinline)) double negated(const double *x, int n) {
  VectorXd v = Map<const VectorXd>(x, n);
  VectorXd m = -v;
  return m(0) + 2 * m(1) + 3 * m(n - 1);
}

__attribute__((noinline)) double negated_in_place(const double *x, int n) {
  VectorXd u = VectorXd::Zero(n);
  for (int i = 0; i < n; i++) u(i) = x[i] * (i + 1);
  u = -u;
  return u.sum();
}

__attribute__((noinline)) double absolute(const double *x, int n) {
  VectorXd v = Map<const VectorXd>(x, n);
  return v.cwiseAbs().sum() + v.array().exp().sum();
}

__attribute__((noinline)) double svd_corner(const double *x, int n) {
  MatrixXd a = Map<const MatrixXd>(x, 2, 2);
  Eigen::JacobiSVD<MatrixXd> svd(a, Eigen::ComputeFullU | Eigen::ComputeFullV);
  return svd.matrixU()(0, 0) + svd.singularValues()(0);
}

__attribute__((noinline)) double newton_step(const double *x, int n) {
  MatrixXd h(2, 2);
  h << 4 + x[0] * x[0], x[1], x[1], 3 + x[2] * x[2];
  VectorXd g(2);
  g << std::sin(x[0]) + x[3], x[1] * x[2];
  VectorXd d = -h.ldlt().solve(g);
  return d.squaredNorm() + d(0);
}

typedef double (*objective)(const double *, int);

/* Compares the reverse gradient g and the forward tangents t (one per coordinate) of f at x with
   `exact`, or with central differences where it is NaN. */
static void check_gradient(const char *what, objective f, const double *x, int n, const double *g,
                           const double *t, const double *exact) {
  for (int i = 0; i < n; i++) {
    double want = exact[i];
    if (std::isnan(want)) {
      double h = 1e-6, xp[8], xm[8];
      for (int j = 0; j < n; j++) xp[j] = xm[j] = x[j];
      xp[i] += h;
      xm[i] -= h;
      want = (f(xp, n) - f(xm, n)) / (2 * h);
      check_fd(what, g[i], want, 1e-6);
      check_fd(what, t[i], want, 1e-6);
    } else {
      check_rel(what, g[i], want, 1e-14);
      check_rel(what, t[i], want, 1e-14);
    }
  }
}

#define CHECK_GRADIENT(what, f, x0, n, exact)                                        \
  do {                                                                               \
    double x_[8], g_[8] = {0}, t_[8];                                                \
    for (int i = 0; i < (n); i++) x_[i] = (x0)[i];                                   \
    __enzyme_autodiff((void *)f, enzyme_dup, x_, g_, enzyme_const, (n));             \
    for (int i = 0; i < (n); i++) {                                                  \
      double v_[8] = {0};                                                            \
      v_[i] = 1;                                                                     \
      t_[i] = __enzyme_fwddiff((void *)f, enzyme_dup, x_, v_, enzyme_const, (n));    \
    }                                                                                \
    check_gradient(what, f, x_, (n), g_, t_, exact);                                 \
  } while (0)

int main() {
  const double x[5] = {0.7, -1.2, 0.4, 2.1, -0.3};
  const double negated_exact[5] = {-1, -2, 0, 0, -3};
  CHECK_GRADIENT("-v", negated, x, 5, negated_exact);
  const double in_place_exact[5] = {-1, -2, -3, -4, -5};
  CHECK_GRADIENT("u = -u", negated_in_place, x, 5, in_place_exact);
  double absolute_exact[5];
  for (int i = 0; i < 5; i++) absolute_exact[i] = (x[i] > 0 ? 1 : -1) + std::exp(x[i]);
  CHECK_GRADIENT("cwiseAbs", absolute, x, 5, absolute_exact);
  const double a[4] = {-1.2, 0.3, 0.5, 0.8}, unknown[4] = {NAN, NAN, NAN, NAN};
  CHECK_GRADIENT("JacobiSVD", svd_corner, a, 4, unknown);
  CHECK_GRADIENT("Newton step", newton_step, x, 4, unknown);
  return finish();
}
