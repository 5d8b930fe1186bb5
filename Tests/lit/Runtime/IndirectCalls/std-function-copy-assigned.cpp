// A std::function holding a lambda that captured a pointer to active data, copy-assigned into a
// member (`m_func = f`, as an adaptive ODE solver's constructor does). The lambda is built by storing
// the pointer as an integer (`ptrtoint`), and libstdc++'s manager clones it by loading and storing
// that integer, which the alias tag says is a `double *` (from -O0 input: untagged, and found a
// pointer by its callers' accesses, CopiedBytes). Both carry the shadow pointer along now; before,
// the store dropped it and the copy put the primal pointer in the shadow: the derivative came out 0
// (from -O2 input) or crashed (-O0). Checked against hand-derived values in both modes.
// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clangxx %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in | FileCheck %s
// CHECK: checks passed
#include <functional>

#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup;
double __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);
}

struct Holder {
  std::function<double(double)> m_func;
  Holder(const std::function<double(double)> &f) { m_func = f; }
  double run(double x) const { return m_func(x); }
};

// p0 u0^2 + p1 sin(u0)
double objective(const double *p, const double *u) {
  std::function<double(double)> f = [p](double x) { return p[0] * x * x + p[1] * std::sin(x); };
  Holder h(f);
  return h.run(u[0]);
}

int main() {
  double p[2] = {3.0, -0.5}, dp[2] = {0, 0}, u[1] = {2.0}, du[1] = {0};
  check_rel("primal", objective(p, u), 12.0 - 0.5 * std::sin(2.0), 1e-15);
  __enzyme_autodiff((void *)objective, enzyme_dup, p, dp, enzyme_dup, u, du);
  check_rel("d/dp0", dp[0], 4.0, 1e-15);
  check_rel("d/dp1", dp[1], std::sin(2.0), 1e-15);
  check_rel("d/du0", du[0], 12.0 - 0.5 * std::cos(2.0), 1e-15);
  double tp[2] = {1.0, 0.5}, tu[1] = {-0.25};
  check_rel("forward", __enzyme_fwddiff((void *)objective, enzyme_dup, p, tp, enzyme_dup, u, tu),
            dp[0] * tp[0] + dp[1] * tp[1] + du[0] * tu[0], 1e-14);
  return finish();
}
