// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// C++ compiled with exceptions on: a differentiated function keeps a std::vector alive across a call
// of a non-inlined function that may throw (an invoke, with a landing pad that destroys the
// vector), and an object with a destructor across another. Both modes, against hand derivatives.
#include <cmath>
#include <stdexcept>
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const, enzyme_out;

__attribute__((noinline)) double checked_sqrt(double x) {
  if (x < 0) throw std::domain_error("square root of a negative number");
  return std::sqrt(x);
}

// Counts live objects, so the test sees destructors run.
static int live = 0;
struct Tracker {
  double scale;
  explicit Tracker(double s) : scale(s) { live++; }
  ~Tracker() { live--; }
};

// s · sqrt(Σ xᵢ²) + sqrt(x₀ + 10) · scale
double norm_scaled(const double *x, int n, double s) {
  std::vector<double> squares(n);
  for (int i = 0; i < n; i++) squares[i] = x[i] * x[i];
  double total = 0;
  for (int i = 0; i < n; i++) total += squares[i];
  Tracker tracker(0.5);
  double shifted = checked_sqrt(x[0] + 10);
  return s * checked_sqrt(total) + shifted * tracker.scale;
}

int main() {
  const int n = 3;
  double x[n] = {1.0, -2.0, 0.5};
  double total = 1 + 4 + 0.25, s = 1.5;
  std::vector<double> want(n);
  for (int i = 0; i < n; i++) want[i] = s * x[i] / std::sqrt(total) + (i == 0 ? 0.5 * 0.5 / std::sqrt(x[0] + 10) : 0);

  double dx[n] = {0, 0, 0};
  double ds = __enzyme_autodiff((void *)norm_scaled, enzyme_dup, x, dx, enzyme_const, n, enzyme_out, s);
  for (int i = 0; i < n; i++) check_rel("reverse d/dx", dx[i], want[i], 1e-14);
  check_rel("reverse d/ds", ds, std::sqrt(total), 1e-14);

  for (int i = 0; i < n; i++) {
    double v[n] = {0, 0, 0};
    v[i] = 1;
    double t = __enzyme_fwddiff((void *)norm_scaled, enzyme_dup, x, v, enzyme_const, n, s, 0.0);
    check_rel("forward d/dx", t, want[i], 1e-14);
  }
  double zero[n] = {0, 0, 0};
  check_rel("forward d/ds", __enzyme_fwddiff((void *)norm_scaled, enzyme_dup, x, zero, enzyme_const, n, s, 1.0),
            std::sqrt(total), 1e-14);
  check_exact("trackers destroyed", live, 0);
  return finish();
}
