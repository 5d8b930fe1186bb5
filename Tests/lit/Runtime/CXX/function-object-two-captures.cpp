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
// A lambda capturing two active doubles, wrapped in std::function and pushed into a std::vector,
// called through the vector: both modes against the hand derivative. The lambda fills all of the
// function object's 16 bytes of storage, and its manager, asked where the lambda is, stores a
// pointer at their start (in the storage it is given, a temporary, but the same parameter): that
// pointer store, the first access seen, made push_back's copy of the first capture a pointer's, and
// its derivative was silently 0 in reverse mode (d/dp0 a third of the truth). What the function
// holding the object stores there outweighs what a callee does with whatever is passed to it
// (MemoryTypes.layoutType).
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

// sum over x in {0.5, 1, 1.5} of (a x + a2 x) sin(b x) + c, with a2 = a / 2, through a lambda in a vector.
double model(const double *p) {
  double a = p[0], b = p[1], c = p[2], a2 = p[0] * 0.5;
  std::vector<Term> terms;
  terms.push_back([a, a2](double x) { return a * x + a2 * x; });
  double sum = 0;
  for (double x = 0.5; x <= 1.5; x += 0.5) sum += terms[0](x) * std::sin(b * x) + c;
  return sum;
}
int main() {
  double p[3] = {0.7, -1.3, 0.4}, g[3] = {0, 0, 0};
  __enzyme_autodiff<void>((void *)model, enzyme_dup, p, g);
  double want[3] = {0, 0, 3};  // three terms, each + c
  for (double x = 0.5; x <= 1.5; x += 0.5) {
    want[0] += 1.5 * x * std::sin(p[1] * x);
    want[1] += 1.5 * p[0] * x * x * std::cos(p[1] * x);
  }
  const char *reverse[3] = {"reverse d/da", "reverse d/db", "reverse d/dc"};
  const char *forward[3] = {"forward d/da", "forward d/db", "forward d/dc"};
  for (int i = 0; i < 3; i++) {
    double e[3] = {0, 0, 0};
    e[i] = 1;
    check_rel(reverse[i], g[i], want[i], 1e-13);
    check_rel(forward[i], __enzyme_fwddiff<double>((void *)model, enzyme_dup, p, e), want[i], 1e-13);
  }
  return finish();
}
