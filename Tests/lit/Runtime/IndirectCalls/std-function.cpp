// A std::function holding a lambda with a captured constant, called inside the differentiated
// function: the call through its invoker pointer dispatches among the module's invokers of that type.
// Both modes, optimized and unoptimized input.
// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clangxx %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include <cmath>
#include <functional>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);

static std::function<double(double)> *model;

__attribute__((noinline)) double twice(const std::function<double(double)> &f, double x) { return 2 * f(x) + f(x * x); }
double objective(double x) { return twice(*model, x); }

int main() {
  double k = 3;
  std::function<double(double)> sine = [k](double x) { return k * std::sin(x); };
  std::function<double(double)> cubic = [k](double x) { return k * x * x * x; };
  for (double x : {-0.8, 0.0, 0.4, 1.7}) {
    model = &sine;
    double want = 2 * k * std::cos(x) + k * std::cos(x * x) * 2 * x;
    check_rel("sine, reverse", __enzyme_autodiff((void *)objective, x), want, 1e-14);
    check_rel("sine, forward", __enzyme_fwddiff((void *)objective, x, 1.0), want, 1e-14);
    model = &cubic;
    want = 2 * 3 * k * x * x + 6 * k * x * x * x * x * x;
    check_rel("cubic, reverse", __enzyme_autodiff((void *)objective, x), want, 1e-14);
    check_rel("cubic, forward", __enzyme_fwddiff((void *)objective, x, 1.0), want, 1e-14);
  }
  return finish();
}
