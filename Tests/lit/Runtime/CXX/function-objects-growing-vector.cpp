// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clangxx %t.O2.opt.bc -o %t.O2
// RUN: %t.O2
// RUN: %clangxx -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clangxx %t.plain.opt.bc -o %t.plain
// RUN: %t.plain
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// Lambdas capturing active doubles by value, wrapped in std::function and pushed into a
// std::vector that grows three times on the way (capacity 1, 2, 4, 8), called through the vector:
// both modes against the hand derivative, with and without reserved storage. Growing, libstdc++'s
// _M_realloc_insert moves each element's storage with a 16-byte copy from the old array, reached
// only through the vector's `begin`; taken for the manager pointers beside it, the captured
// doubles' adjoints stayed in the new array and their gradients were silently 0 in reverse mode
// (forward mode was right). The caller's accesses through the `begin` it loads (its range-for
// calling the lambdas) now say what one element holds (Gradient+PointeeHints), and the push into
// reserved storage, inlined, moves the `i64` copy of the captured double by what it carries.
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

// sum over x in {0.5, 1, 1.5} of a x + b x^2 + c sin x + d exp(-x) + a b, one lambda per term.
static double sum_of_terms(const double *p, bool reserved) {
  double a = p[0], b = p[1], c = p[2], d = p[3];
  std::vector<Term> terms;
  if (reserved) terms.reserve(8);
  terms.push_back([a](double x) { return a * x; });
  terms.push_back([b](double x) { return b * x * x; });
  terms.push_back([c](double x) { return c * std::sin(x); });
  terms.push_back([d](double x) { return d * std::exp(-x); });
  terms.push_back([a, b](double x) { return a * b + 0 * x; });
  double sum = 0;
  for (double x = 0.5; x <= 1.5; x += 0.5)
    for (auto &term : terms) sum += term(x);
  return sum;
}

double growing(const double *p) { return sum_of_terms(p, false); }
double reserved(const double *p) { return sum_of_terms(p, true); }

template <double (*model)(const double *)>
static void check_model(const char *name, const double *p) {
  double want[4] = {0, 0, 0, 0};
  for (double x = 0.5; x <= 1.5; x += 0.5) {
    want[0] += x + p[1];
    want[1] += x * x + p[0];
    want[2] += std::sin(x);
    want[3] += std::exp(-x);
  }
  double q[4] = {p[0], p[1], p[2], p[3]};
  double g[4] = {0, 0, 0, 0};
  __enzyme_autodiff<void>((void *)model, enzyme_dup, q, g);
  for (int i = 0; i < 4; i++) {
    double direction[4] = {0, 0, 0, 0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff<double>((void *)model, enzyme_dup, q, direction);
    char what[64];
    snprintf(what, sizeof what, "%s reverse d/dp%d", name, i);
    check_rel(what, g[i], want[i], 1e-13);
    snprintf(what, sizeof what, "%s forward d/dp%d", name, i);
    check_rel(what, tangent, want[i], 1e-13);
  }
}

int main() {
  const double p[4] = {0.7, -1.3, 0.4, 2.1};
  check_model<growing>("growing", p);
  check_model<reserved>("reserved", p);
  return finish();
}
