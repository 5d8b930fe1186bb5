// Virtual calls and calls through function pointers with active arguments: each call dispatches on
// the pointer among the module's functions of its type whose address is taken (the overriders in
// the vtables, the functions passed around), and each target gets its derivative. Both modes,
// optimized and unoptimized input, with clang++'s default flags (exceptions on).
// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clangxx %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
#include <cmath>
#include <memory>
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);

struct Term {
  virtual double energy(double x) const = 0;
  virtual ~Term() {}
};
struct Quadratic : Term {
  double a;
  explicit Quadratic(double a) : a(a) {}
  double energy(double x) const override { return a * x * x; }
};
struct Sine : Term {
  double energy(double x) const override { return std::sin(x); }
};
struct Shifted : Quadratic {
  double c;
  Shifted(double a, double c) : Quadratic(a), c(c) {}
  double energy(double x) const override { return a * (x - c) * (x - c); }
};

static std::vector<std::unique_ptr<Term>> *terms;

__attribute__((noinline)) double total(const std::vector<std::unique_ptr<Term>> &all, double x) {
  double s = 0;
  for (auto &term : all) s += term->energy(x);
  return s;
}
double model(double x) { return total(*terms, x); }

typedef double (*Unary)(double);
double cube(double x) { return x * x * x; }
double square(double x) { return x * x; }
Unary volatile chosen = cube;
__attribute__((noinline)) double apply(Unary f, double x) { return f(x) * x; }
double through_pointer(double x) { return apply(chosen, x); }

int main() {
  std::vector<std::unique_ptr<Term>> all;
  all.emplace_back(new Quadratic(3));
  all.emplace_back(new Sine());
  all.emplace_back(new Shifted(0.5, 2));
  terms = &all;
  for (double x : {-1.25, 0.0, 0.7, 3.0}) {
    double want = 2 * 3 * x + std::cos(x) + 2 * 0.5 * (x - 2);
    check_rel("virtual, reverse", __enzyme_autodiff((void *)model, x), want, 1e-14);
    check_rel("virtual, forward", __enzyme_fwddiff((void *)model, x, 1.0), want, 1e-14);
    chosen = cube;
    check_rel("pointer cube, reverse", __enzyme_autodiff((void *)through_pointer, x), 4 * x * x * x, 1e-14);
    check_rel("pointer cube, forward", __enzyme_fwddiff((void *)through_pointer, x, 1.0), 4 * x * x * x, 1e-14);
    chosen = square;
    check_rel("pointer square, reverse", __enzyme_autodiff((void *)through_pointer, x), 3 * x * x, 1e-14);
    check_rel("pointer square, forward", __enzyme_fwddiff((void *)through_pointer, x, 1.0), 3 * x * x, 1e-14);
  }
  return finish();
}
