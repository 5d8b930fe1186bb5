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
// A lambda capturing an active double by value, wrapped in std::function and pushed into a
// std::vector, called through the vector: both modes against the hand derivative. Optimized, clang
// copies the captured double into the function object's storage as an `i64` tagged `double`
// (`load i64 ... !tbaa double`), and push_back moves that storage with a 16-byte memcpy whose only
// typed neighbours in the helper are the manager pointers: the capture's derivative was silently 0
// in reverse mode (forward mode was right). The tagged integer copy now carries its double
// (ActivityAnalysis.isFloatTaggedCopy), and the memcpy is laid out by what the caller stored there
// (Gradient+Memory.hintedLayoutOfCopiedRange).
// Compiled at -O0, the capture reaches the storage as an untyped `i64` through
// std::_Any_data::_M_access(), inlined into `model` as a `load i64` of p[0]: the caller of
// __enzyme_autodiff (`double p[3]`) now says what the entry point's memory holds, and the storage's
// layout handed to push_back carries a double where that integer is stored
// (Gradient+MemoryHints, withCarriedFloats). Its reverse gradient was 0. Not yet (README, known
// limits): more elements (the vector's growth moves those already there with copies nothing
// types, and reserved storage calls the managers, which reverse mode refuses at run time).
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

// sum over x in {0.5, 1, 1.5} of a x sin(b x) + c, a through a lambda kept in a vector.
double model(const double *p) {
  double a = p[0], b = p[1], c = p[2];
  std::vector<Term> terms;
  terms.push_back([a](double x) { return a * x; });
  double sum = 0;
  for (double x = 0.5; x <= 1.5; x += 0.5) sum += terms[0](x) * std::sin(b * x) + c;
  return sum;
}

int main() {
  double p[3] = {0.7, -1.3, 0.4};
  double want[3] = {0, 0, 0};
  for (double x = 0.5; x <= 1.5; x += 0.5) {
    want[0] += x * std::sin(p[1] * x);
    want[1] += p[0] * x * x * std::cos(p[1] * x);
    want[2] += 1;
  }
  double g[3] = {0, 0, 0};
  __enzyme_autodiff<void>((void *)model, enzyme_dup, p, g);
  for (int i = 0; i < 3; i++) {
    double direction[3] = {0, 0, 0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff<double>((void *)model, enzyme_dup, p, direction);
    char what[64];
    snprintf(what, sizeof what, "reverse d/dp%d", i);
    check_rel(what, g[i], want[i], 1e-13);
    snprintf(what, sizeof what, "forward d/dp%d", i);
    check_rel(what, tangent, want[i], 1e-13);
  }
  return finish();
}
