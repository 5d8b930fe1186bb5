// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clangxx %t.O2.opt.bc -o %t.O2
// RUN: %t.O2 | FileCheck %s
// RUN: %clangxx -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clangxx %t.plain.opt.bc -o %t.plain
// RUN: %t.plain | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// A std::vector<std::function<double(double)>> holding lambdas that capture by value (a double, or
// a double beside an int) and by reference (a pointer to one): the bytes a growing vector moves for
// each element hold a double in some elements and a pointer in others, and no one way of moving
// them is right for every element in reverse mode (a pointer's shadow moves forward, a value's
// adjoint back). The helper that relocates them tells each word apart when the reverse sweep runs.
// Before, the copy was taken for a pointer's and the by-value captures' gradients were silently 0
// (emplace_back), or the derivative stopped at run time (push_back). Grown by push_back and by
// emplace_back, from empty and from reserved storage, against the hand-derived gradient, in both modes.
#include <cmath>
#include <functional>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

using Term = std::function<double(double)>;

// sum over x in {0.5, 1, 1.5} of a x + b x^2 + c k sin x, with k = 2 an int c's lambda holds too,
// b's lambda capturing by reference.
enum class Growth { pushed, emplaced, reserved };

static double sum_of_terms(const double *p, Growth growth) {
  double a = p[0], b = p[1], c = p[2];
  int k = 2;
  std::vector<Term> terms;
  if (growth == Growth::reserved) terms.reserve(4);
  if (growth == Growth::emplaced) {
    terms.emplace_back([a](double x) { return a * x; });
    terms.emplace_back([&b](double x) { return b * x * x; });
    terms.emplace_back([c, k](double x) { return c * k * std::sin(x); });
  } else {
    terms.push_back([a](double x) { return a * x; });
    terms.push_back([&b](double x) { return b * x * x; });
    terms.push_back([c, k](double x) { return c * k * std::sin(x); });
  }
  double sum = 0;
  for (double x = 0.5; x <= 1.5; x += 0.5)
    for (auto &term : terms) sum += term(x);
  return sum;
}

double pushed(const double *p) { return sum_of_terms(p, Growth::pushed); }
double emplaced(const double *p) { return sum_of_terms(p, Growth::emplaced); }
double reserved(const double *p) { return sum_of_terms(p, Growth::reserved); }

template <double (*model)(const double *)>
static void check_model(const char *name) {
  double p[3] = {0.7, -1.3, 0.4};
  double want[3] = {0, 0, 0};
  for (double x = 0.5; x <= 1.5; x += 0.5) {
    want[0] += x;
    want[1] += x * x;
    want[2] += 2 * std::sin(x);
  }
  double g[3] = {0, 0, 0};
  __enzyme_autodiff<void>((void *)model, enzyme_dup, p, g);
  for (int i = 0; i < 3; i++) {
    double direction[3] = {0, 0, 0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff<double>((void *)model, enzyme_dup, p, direction);
    char what[64];
    snprintf(what, sizeof what, "%s reverse d/dp%d", name, i);
    check_rel(what, g[i], want[i], 1e-13);
    snprintf(what, sizeof what, "%s forward d/dp%d", name, i);
    check_rel(what, tangent, want[i], 1e-13);
  }
}

int main() {
  check_model<reserved>("reserved");
  check_model<pushed>("pushed");
  check_model<emplaced>("emplaced");
  return finish();
}

// CHECK: 18 checks passed
