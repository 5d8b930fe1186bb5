// A C++ input: compiled by clang++, linked with clang++ (the C++ standard library is needed).
// Enzyme's C++ spelling of the entry points, templates whose mangled names contain
// __enzyme_autodiff / __enzyme_fwddiff, is recognized too.
// RUN: %swad %s -o %t
// RUN: %t | FileCheck %s
// CHECK: reverse 1.75155949035857 forward 1.75155949035857 sum 4.6608569171842
#include <cmath>
#include <cstdio>
#include <numeric>
#include <vector>

extern int enzyme_dup, enzyme_const, enzyme_out;
template <typename R, typename... T> R __enzyme_autodiff(void *, T...);
template <typename R, typename... T> R __enzyme_fwddiff(void *, T...);

namespace {
double f(double x, double y) { return x * y + std::sin(x) * y; }
}

int main() {
  const double x = 2.0, y = 3.0;
  double reverse = __enzyme_autodiff<double>((void *)f, enzyme_out, x, enzyme_const, y);
  double forward = __enzyme_fwddiff<double>((void *)f, enzyme_dup, x, 1.0, enzyme_const, y);
  std::vector<double> all{reverse, x + std::sin(x)};
  double sum = std::accumulate(all.begin(), all.end(), 0.0);
  std::printf("reverse %.15g forward %.15g sum %.15g\n", reverse, forward, sum);
  const double want = y + std::cos(x) * y;
  return std::fabs(reverse - want) > 1e-12 || std::fabs(forward - want) > 1e-12;
}
