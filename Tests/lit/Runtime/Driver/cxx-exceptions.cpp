// RUN: %swad %s -o %t
// RUN: %t
// The driver compiles C++ with clang++'s defaults (exceptions on) and links with clang++: a
// derivative whose function throws, caught by the caller, in both modes.
#include <stdexcept>
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

__attribute__((noinline)) double checked(double x) {
  if (x < 0) throw std::invalid_argument("negative");
  return x;
}

double sum_of_squares(const double *x, int n) {
  std::vector<double> squares;
  for (int i = 0; i < n; i++) squares.push_back(checked(x[i]) * x[i]);
  double s = 0;
  for (double v : squares) s += v;
  return s;
}

int main() {
  std::vector<double> x = {1, 2, 3}, dx(3), v = {1, 1, 1};
  __enzyme_autodiff((void *)sum_of_squares, enzyme_dup, x.data(), dx.data(), enzyme_const, 3);
  for (int i = 0; i < 3; i++) check_rel("reverse", dx[i], 2 * x[i], 1e-15);
  check_rel("forward", __enzyme_fwddiff((void *)sum_of_squares, enzyme_dup, x.data(), v.data(), enzyme_const, 3), 12,
            1e-15);
  std::vector<double> bad = {1, -2, 3};
  int caught = 0;
  try {
    __enzyme_autodiff((void *)sum_of_squares, enzyme_dup, bad.data(), dx.data(), enzyme_const, 3);
  } catch (const std::invalid_argument &) {
    caught++;
  }
  try {
    __enzyme_fwddiff((void *)sum_of_squares, enzyme_dup, bad.data(), v.data(), enzyme_const, 3);
  } catch (const std::invalid_argument &) {
    caught++;
  }
  check_exact("both exceptions caught", caught, 2);
  return finish();
}
