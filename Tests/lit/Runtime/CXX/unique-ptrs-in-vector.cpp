// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// RUN: %clangxx -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clangxx %t.plain.opt.bc -o %t.plain
// RUN: %t.plain
// Terms of a model kept as std::unique_ptr<Term> in a std::vector and called virtually. Moving a
// unique_ptr into the vector's storage copies its pointer as an 8-byte integer, in a libstdc++
// helper that says nothing of the bytes' type; unoptimized code (without optnone, straight to
// swad-opt) carries no type-based alias tags either. The pointer's shadow was not copied along
// and the virtual call through the element crashed on a null shadow. The bytes' type now comes
// from the declared types of the memory (Types/CopiedBytes.swift): the caller's stack slot of
// class std::unique_ptr, the element the vector's storage is indexed by. Both modes, against hand
// derivatives.
#include <memory>
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup;

struct Term {
  virtual ~Term() = default;
  virtual double eval(const double *x) const = 0;
};
struct Quadratic : Term {
  double w;
  explicit Quadratic(double w) : w(w) {}
  double eval(const double *x) const override { return w * x[0] * x[0]; }
};
struct Product : Term {
  double eval(const double *x) const override { return x[0] * x[1]; }
};

// 1.5 x0² + x0 x1 + 0.5 x0²
double model(double *x) {
  std::vector<std::unique_ptr<Term>> terms;
  terms.push_back(std::make_unique<Quadratic>(1.5));
  terms.push_back(std::make_unique<Product>());
  terms.emplace_back(new Quadratic(0.5));
  double s = 0;
  for (const auto &t : terms) s += t->eval(x);
  return s;
}

int main() {
  double x[2] = {0.4, -1.5}, dx[2] = {0, 0};
  __enzyme_autodiff((void *)model, enzyme_dup, x, dx);
  check_rel("d/dx0", dx[0], 4 * x[0] + x[1], 1e-14);
  check_rel("d/dx1", dx[1], x[0], 1e-15);
  double v[2] = {1, 0};
  check_rel("tangent", __enzyme_fwddiff((void *)model, enzyme_dup, x, v), 4 * x[0] + x[1], 1e-14);
  return finish();
}
