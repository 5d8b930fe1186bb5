// REQUIRES: eigen
// RUN: %clangxx-ad %eigen %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %eigen %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// Eigen's triangular solves with a matrix right-hand side (its blocked trsm: panels of 4 solved in
// place, packed, and the rows below updated by its product kernel), as L⁻¹B, U⁻¹B, inverse() and
// partialPivLu().solve(B). Unoptimized, Eigen's kernel broadcast the packed solution through a
// shuffle of its 32-bit halves, and the derivatives with respect to the first panel's entries were
// silently wrong in both modes (FloatCarriers.shufflesOfFloatsAsFloats); n = 6 and 9 cross panels.
// Every component against central differences, forward mode against the reverse gradient.
#include <Eigen/Dense>
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;
using namespace Eigen;

// Weighted sums of the solutions, so that every entry of the result matters.
static double weigh(const MatrixXd &X) {
  double s = 0;
  for (int j = 0; j < X.cols(); j++)
    for (int i = 0; i < X.rows(); i++) s += (1.0 + 0.1 * i - 0.05 * j) * X(i, j);
  return s;
}

double unit_lower(const double *p, int n) {
  Map<const MatrixXd> L(p, n, n);
  MatrixXd B = MatrixXd::Ones(n, 5);
  return weigh(L.triangularView<UnitLower>().solve(B));
}

double upper(const double *p, int n) {
  Map<const MatrixXd> U(p, n, n);
  MatrixXd B(n, 4);
  for (int j = 0; j < 4; j++)
    for (int i = 0; i < n; i++) B(i, j) = 0.3 * i - 0.2 * j + 1;
  return weigh(U.triangularView<Upper>().solve(B));
}

double inverse(const double *p, int n) {
  Map<const MatrixXd> A(p, n, n);
  return weigh(A.inverse());
}

double lu_solve(const double *p, int n) {
  Map<const MatrixXd> A(p, n, n);
  MatrixXd B = MatrixXd::Identity(n, n) * 2.0;
  return weigh(A.partialPivLu().solve(B));
}

typedef double (*Loss)(const double *, int);

// A well-conditioned matrix: the identity times 3 plus small entries.
template <Loss f>
static void check(const char *name, int n) {
  std::vector<double> p(n * n), dp(n * n), v(n * n);
  for (int i = 0; i < n * n; i++) p[i] = (i % (n + 1) == 0 ? 3.0 : 0.0) + 0.1 * ((i * 7) % 11) - 0.4;
  __enzyme_autodiff((void *)f, enzyme_dup, p.data(), dp.data(), enzyme_const, n);
  double along = 0;
  for (int i = 0; i < n * n; i++) {
    double saved = p[i], h = 1e-6;
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
  for (int n : {6, 9}) {
    check<unit_lower>("unit_lower", n);
    check<upper>("upper", n);
    check<inverse>("inverse", n);
    check<lu_solve>("lu_solve", n);
  }
  return finish();
}
