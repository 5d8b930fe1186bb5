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
// Lambdas capturing active doubles by value, kept in a std::map<int, std::function<double(double)>>
// and called in key order: both modes against the hand derivative. Assigning a lambda to
// `obs[key]` swaps the function objects' storage through a temporary that only copies use; the
// copy from the temporary into the map's node was typed by the node's first access elsewhere (the
// manager and invoker pointers), and the captured doubles lost their adjoints: reverse mode was
// silently 0 for them in optimized code. A copy through such a temporary is now laid out as the
// other copies through it are (Gradient+Memory.layoutThroughCopySlot). Found by a corpus of C++
// nobody here wrote. (Unoptimized, a map holding one lambda still stops at run time in its
// manager when the map is destroyed; with a lambda that captures nothing beside it, as here, it
// runs.)
#include <functional>
#include <map>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

using Observer = std::function<double(double)>;

// 3 w x + x^2 + 6 (v x + w) at x = p1, with w = 1 + 0.1 p0 and v = p2^2.
double observe(const double *p) {
  double w = 1 + 0.1 * p[0];
  double v = p[2] * p[2];
  std::map<int, Observer> observers;
  observers[2] = [w](double x) { return w * x; };
  observers[0] = [](double x) { return x * x; };
  observers[5] = [v, w](double x) { return v * x + w; };
  double sum = 0;
  for (auto &entry : observers) sum += entry.second(p[1]) * (entry.first + 1);
  return sum;
}

int main() {
  double p[3] = {0.3, -0.7, 0.9};
  double x = p[1], w = 1 + 0.1 * p[0], v = p[2] * p[2];
  double want[3] = {0.3 * x + 0.6, 3 * w + 2 * x + 6 * v, 6 * x * 2 * p[2]};
  double g[3] = {0, 0, 0};
  __enzyme_autodiff<void>((void *)observe, enzyme_dup, p, g);
  for (int i = 0; i < 3; i++) {
    double direction[3] = {0, 0, 0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff<double>((void *)observe, enzyme_dup, p, direction);
    char what[64];
    snprintf(what, sizeof what, "reverse d/dp%d", i);
    check_rel(what, g[i], want[i], 1e-13);
    snprintf(what, sizeof what, "forward d/dp%d", i);
    check_rel(what, tangent, want[i], 1e-13);
  }
  return finish();
}
