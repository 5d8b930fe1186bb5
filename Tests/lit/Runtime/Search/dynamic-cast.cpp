// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clangxx -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
// RUN: %clangxx-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clangxx %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// dynamic_cast on objects holding active values: down a hierarchy, across a second base (a nonzero
// offset), and a failed cast (null). `__dynamic_cast` was refused ("no body"); it has no
// derivative, and the object it finds has its shadow at the same place of the argument's shadow
// (Rules/SearchRoutines.swift). Both modes, against hand derivatives.
#include "../Inputs/check.h"

extern "C" int enzyme_dup, enzyme_const;
extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);

struct Term {
  virtual ~Term() = default;
  virtual double value() const = 0;
};
struct Named {
  virtual ~Named() = default;
  const char *name = "term";
};
struct Power : Term {
  double base;
  int exponent;
  Power(double b, int e) : base(b), exponent(e) {}
  double value() const override {
    double r = 1;
    for (int i = 0; i < exponent; i++) r *= base;
    return r;
  }
};
struct Scaled : Named, Term {
  double factor, x;
  Scaled(double f, double v) : factor(f), x(v) {}
  double value() const override { return factor * x; }
};

// Powers count twice; scaled terms count their factor squared times their value.
__attribute__((noinline)) double weigh(const Term *t) {
  if (auto *p = dynamic_cast<const Power *>(t)) return 2 * p->value();
  if (auto *s = dynamic_cast<const Scaled *>(t)) return s->factor * s->factor * s->value();
  return 0;
}

double total(const double *x, int n) {
  Power a(x[0], 3);
  Scaled b(x[1], x[2]);
  const Term *terms[2] = {&a, &b};
  double sum = 0;
  for (int i = 0; i < n; i++) sum += weigh(terms[i]);
  return sum;
}

int main() {
  const double points[2][3] = {{1.5, -0.5, 2.0}, {-1.25, 0.75, 0.5}};
  for (const auto &x : points) {
    // 2 x0^3 + x1^3 x2
    double want[3] = {6 * x[0] * x[0], 3 * x[1] * x[1] * x[2], x[1] * x[1] * x[1]};
    double dx[3] = {0, 0, 0};
    __enzyme_autodiff((void *)total, enzyme_dup, x, dx, enzyme_const, 2);
    for (int i = 0; i < 3; i++) check_rel("reverse", dx[i], want[i], 1e-14);
    for (int i = 0; i < 3; i++) {
      double t[3] = {0, 0, 0};
      t[i] = 1;
      check_rel("forward", __enzyme_fwddiff((void *)total, enzyme_dup, x, t, enzyme_const, 2), want[i], 1e-14);
    }
  }
  return finish();
}
