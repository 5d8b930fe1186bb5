// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: not %swad-opt %t.O0.bc -o %t.O0.opt.bc 2>&1 | FileCheck %s
// A std::vector of std::variant<Gauss, Poly, double> that grows: the move of a Gauss ({double,
// double}) into the new storage is a memcpy inside storage that other alternatives' code reads as
// a Poly's pointers. The gradient through the moved Gauss was silently 0 (0 0 2 instead of -0.7
// 1.5 2). Optimized code says what each copy moves (!tbaa.struct, Types/CopiedStructs.swift);
// unoptimized code does not, and reverse mode refuses the copy there rather than guess.
// Reverse mode against hand derivatives, forward mode against reverse.
// CHECK: error: {{.*}}cannot differentiate in reverse mode this copy of memory that is accessed both as pointers and as floating-point values
#include <variant>
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup;

struct Gauss {
  double mu, s;
};
struct Poly {
  std::vector<double> c;
};
using Term = std::variant<Gauss, Poly, double>;

struct Eval {
  double t;
  double operator()(const Gauss &g) const { return (t - g.mu) * g.s; }
  double operator()(const Poly &p) const { return p.c[0] * t + p.c[1]; }
  double operator()(double c) const { return c * t; }
};

// (2 - x0) x1 + 2 x2 + (0.5 · 2 + x3)
double model(double *x) {
  std::vector<Term> terms;
  terms.emplace_back(Gauss{x[0], x[1]});
  terms.emplace_back(x[2]);
  terms.emplace_back(Poly{{0.5, x[3]}});
  double v = 0;
  for (auto &term : terms) v += std::visit(Eval{2.0}, term);
  return v;
}

int main() {
  double x[4] = {0.5, 0.7, 0.2, -0.4}, dx[4] = {0, 0, 0, 0};
  __enzyme_autodiff((void *)model, enzyme_dup, x, dx);
  check_rel("d/dx0", dx[0], -x[1], 1e-15);
  check_rel("d/dx1", dx[1], 2 - x[0], 1e-15);
  check_rel("d/dx2", dx[2], 2, 1e-15);
  check_rel("d/dx3", dx[3], 1, 1e-15);
  double v[4] = {1, 1, 1, 1};
  check_rel("tangent", __enzyme_fwddiff((void *)model, enzyme_dup, x, v), dx[0] + dx[1] + dx[2] + dx[3], 1e-15);
  return finish();
}
