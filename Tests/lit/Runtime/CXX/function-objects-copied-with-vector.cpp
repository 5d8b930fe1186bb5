// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clangxx %t.O2.opt.bc -o %t.O2
// RUN: %t.O2 | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// A std::vector<std::function<double(double)>> of lambdas that capture a double, or a double and a
// pointer, copied whole and then erased from the front. The copy clones each lambda through its
// manager, which moves a lone captured double as a 64-bit integer that clang tags as a double;
// the callers' declared types say the storage starts with a pointer (a std::function's storage is
// a union whose first member is one), and that hint won: the clones' adjoints stayed behind and
// the gradient was silently short of them. The access's own tag now says what its bytes are.
// Reverse mode against forward mode and the hand-derived gradient, with and without reserved
// storage, and against central differences.
#include <cmath>
#include <functional>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

using Term = std::function<double(double)>;
struct Scaled {
  double weight;
  const double *source;
};

enum { N = 7 };

// Term i: a_i v + v (i % 3 == 0), v a_i (i % 3 == 1), a_i x_i + v (i % 3 == 2), with a_i = (i+1) x_i.
static double chain(const double *x, bool reserved) {
  std::vector<Term> terms;
  if (reserved) terms.reserve(16);
  for (int i = 0; i < N; i++) {
    double a = x[i] * (i + 1);
    if (i % 3 == 0) terms.emplace_back([a](double v) { return a * v + v; });
    else if (i % 3 == 1) terms.push_back([a](double v) { return v * a; });
    else {
      Scaled s{a, &x[i]};
      terms.emplace_back([s](double v) { return s.weight * *s.source + v; });
    }
  }
  double acc = 1.0;
  for (auto &term : terms) acc = term(acc) * 0.5;
  std::vector<Term> copy = terms;
  copy.erase(copy.begin());
  for (auto &term : copy) acc += term(0.3);
  return acc;
}

double grown(const double *x, int) { return chain(x, false); }
double reserved(const double *x, int) { return chain(x, true); }

template <double (*model)(const double *, int)>
static void check_model(const char *name) {
  double x[N] = {0.8, 1.3, -0.4, 0.9, 1.1, -0.7, 0.25};
  double g[N] = {0};
  __enzyme_autodiff<void>((void *)model, enzyme_dup, x, g, enzyme_const, (int)N);
  for (int i = 0; i < N; i++) {
    double direction[N] = {0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff<double>((void *)model, enzyme_dup, x, direction, enzyme_const, (int)N);
    char what[64];
    snprintf(what, sizeof what, "%s reverse against forward d/dx%d", name, i);
    check_rel(what, g[i], tangent, 1e-13);
  }
  check_gradient_fd(name, model, x, g, N, 1e-6, 1e-7);
}

int main() {
  check_model<grown>("grown");
  check_model<reserved>("reserved");
  return finish();
}

// CHECK: 28 checks passed
