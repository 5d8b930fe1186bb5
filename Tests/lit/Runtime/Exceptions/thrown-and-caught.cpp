// REQUIRES: valgrind
// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: valgrind -q --error-exitcode=1 --leak-check=no %t.O0
// An exception thrown inside a differentiated function, during the forward sweep, propagates out of
// the derivative call and is caught by the caller, in both modes: the primal's cleanups run (the
// vectors are destroyed), what the derivative allocated (tape, shadows of the vectors) is released,
// and the next derivative call works. Under valgrind: no leak, no invalid access. From -O0 input
// only invalid accesses are checked: there std::vector's constructor and destructor stay calls, and
// the shadow of a buffer allocated in one callee and freed in another is not released even when no
// exception is thrown (a limitation of shadows of returned pointers, not of exceptions).
#include <cmath>
#include <stdexcept>
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const, enzyme_out;

__attribute__((noinline)) double guarded_log(double x) {
  if (x <= 0) throw std::domain_error("logarithm of a non-positive number");
  return std::log(x);
}

// A helper with a vector of its own across the throwing call.
__attribute__((noinline)) double log_of_square_minus_one(double x) {
  std::vector<double> parts = {x * x, -1.0};
  return guarded_log(parts[0] + parts[1]);
}

// Σ log(xᵢ² − 1): throws when some |xᵢ| ≤ 1.
double loss(const double *x, int n) {
  std::vector<double> copy(x, x + n);
  double s = 0;
  for (int i = 0; i < n; i++) s += log_of_square_minus_one(copy[i]);
  return s;
}

int main() {
  const int n = 3;
  double good[n] = {2.0, -3.0, 1.5};
  double bad[n] = {2.0, 0.5, 3.0};
  for (int round = 0; round < 3; round++) {
    double dx[n] = {0, 0, 0};
    __enzyme_autodiff((void *)loss, enzyme_dup, good, dx, enzyme_const, n);
    for (int i = 0; i < n; i++) check_rel("reverse", dx[i], 2 * good[i] / (good[i] * good[i] - 1), 1e-14);

    bool caught = false;
    double untouched[n] = {0, 0, 0};
    try {
      __enzyme_autodiff((void *)loss, enzyme_dup, bad, untouched, enzyme_const, n);
    } catch (const std::domain_error &) {
      caught = true;
    }
    check_exact("reverse mode: the exception reaches the caller", caught, 1);
    // The reverse sweep never ran: no adjoint was accumulated.
    for (int i = 0; i < n; i++) check_exact("reverse mode: shadow untouched", untouched[i], 0);

    double v[n] = {1, 1, 1};
    double t = __enzyme_fwddiff((void *)loss, enzyme_dup, good, v, enzyme_const, n);
    double want = 0;
    for (int i = 0; i < n; i++) want += 2 * good[i] / (good[i] * good[i] - 1);
    check_rel("forward", t, want, 1e-14);

    caught = false;
    try {
      __enzyme_fwddiff((void *)loss, enzyme_dup, bad, v, enzyme_const, n);
    } catch (const std::domain_error &) {
      caught = true;
    }
    check_exact("forward mode: the exception reaches the caller", caught, 1);
  }
  return finish();
}
