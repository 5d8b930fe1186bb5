// RUN: %clangxx-ad -std=c++20 %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t 2>&1 | FileCheck %s
// RUN: %clangxx-ad-O0 -std=c++20 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 2>&1 | FileCheck %s
// A std::vector<std::variant<double, const double *>> holding values and pointers to inputs,
// copied and erased from. Nothing types the 16-byte records the copy constructor and the erase's
// memmove (of a length known only at run time) move: each is a double or a pointer, read through a
// pointer that is the storage itself or the pointer it holds. Reverse mode stopped at run time on
// the first pointer's shadow; the words are now told apart when they run
// (Reverse/Gradient+WordsSortedAtRunTime.swift) and the gradient agrees with forward mode and central
// differences, from -O2 and -O0 input.
#include <variant>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

using Term = std::variant<double, const double *>;

static double value(const Term &t) {
  return std::holds_alternative<double>(t) ? std::get<double>(t) : *std::get<const double *>(t);
}

__attribute__((noinline)) double energy(const double *x, int n) {
  std::vector<Term> terms;
  for (int i = 0; i < n; i++) {
    if (i % 3 == 1) terms.push_back(x[i] * x[i]);
    else terms.push_back(&x[i]);
  }
  std::vector<Term> kept = terms;
  kept.erase(kept.begin() + 1);
  kept.erase(kept.begin() + 3, kept.begin() + 5);
  double s = 0, w = 1;
  for (const Term &t : kept) {
    s += w * value(t) * value(t);
    w += 0.25;
  }
  return s;
}

int main() {
  const int n = 11;
  double x[n], g[n] = {0};
  for (int i = 0; i < n; i++) x[i] = 0.4 + 0.13 * i - 0.02 * i * i;
  __enzyme_autodiff<void>((void *)energy, enzyme_dup, x, g, enzyme_const, n);
  for (int i = 0; i < n; i++) {
    double direction[n] = {0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff<double>((void *)energy, enzyme_dup, x, direction, enzyme_const, n);
    char what[64];
    snprintf(what, sizeof what, "d/dx%d against forward mode", i);
    check_fd(what, g[i], tangent, 1e-12);
    double h = 1e-6, q[n];
    for (int j = 0; j < n; j++) q[j] = x[j];
    q[i] = x[i] + h;
    double up = energy(q, n);
    q[i] = x[i] - h;
    double down = energy(q, n);
    snprintf(what, sizeof what, "d/dx%d against central differences", i);
    check_fd(what, g[i], (up - down) / (2 * h), 1e-6);
  }
  // CHECK: 22 checks passed
  return finish();
}
