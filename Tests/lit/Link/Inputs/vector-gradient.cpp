// C++ with the standard library (std::vector) through swad-ld: the gradient of sum(x^2 + sin x) is
// 2x + cos x; exits non-zero on a mismatch.
#include <vector>
#include <cmath>
#include <cstdio>
extern int enzyme_dup, enzyme_const;
extern "C" void __enzyme_autodiff(void *, ...);
double sumsq(const std::vector<double> &v) { double s = 0; for (double x : v) s += x * x + std::sin(x); return s; }
static double wrap(const double *x, int n) { std::vector<double> v(x, x + n); return sumsq(v); }
int main() {
  double x[3] = {1, 2, 3}, d[3] = {0, 0, 0};
  __enzyme_autodiff((void *)wrap, enzyme_dup, x, d, enzyme_const, 3);
  int bad = 0;
  for (int i = 0; i < 3; i++) { double w = 2 * x[i] + std::cos(x[i]); bad += std::fabs(d[i] - w) > 1e-12; printf("%g %g\n", d[i], w); }
  return bad;
}
