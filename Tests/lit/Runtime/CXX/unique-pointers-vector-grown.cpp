// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clangxx %t.O2.opt.bc -o %t.O2
// RUN: %t.O2 | FileCheck %s
// RUN: %clangxx -O2 -fno-strict-aliasing -g -emit-llvm -c %s -o %t.untagged.bc
// RUN: %swad-opt %t.untagged.bc -o %t.untagged.opt.bc
// RUN: %clangxx %t.untagged.opt.bc -o %t.untagged
// RUN: %t.untagged | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: 268 checks passed
//
// A `std::vector<std::unique_ptr<double>>` and a `std::vector<std::unique_ptr<Term>>` of virtual
// terms, grown by `push_back` past 8 elements. At -O2 the loop vectorizer moves the pointers into
// the new storage as `<2 x i64>` and clears the old slots with a `memset`; the copies, split into
// words before AD, said nothing of pointers, and the reverse sweep followed the new elements' null
// shadows (a crash). The words now keep the vector's type tag (`Types/integer-vector-copy-keeps-
// pointer-tag.ll`); without tags (-fno-strict-aliasing) they are told apart when the sweeps run
// (`Reverse/untyped-word-copy-sorted-at-run-time.ll`).
#include <memory>
#include <vector>
#include "../Inputs/gradient-check.hpp"

__attribute__((noinline)) double boxed(const double *x, int n) {
  std::vector<std::unique_ptr<double>> v;
  for (int i = 0; i < n; i++) v.push_back(std::make_unique<double>(x[i]));
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * *v[i] * *v[i];
  return s;
}

struct Term {
  virtual ~Term() {}
  virtual double eval(const double *x) const = 0;
};
struct Square : Term {
  int i;
  double c;
  Square(int i, double c) : i(i), c(c) {}
  double eval(const double *x) const override { return c * x[i] * x[i]; }
};
struct Product : Term {
  int i, j;
  Product(int i, int j) : i(i), j(j) {}
  double eval(const double *x) const override { return x[i] * x[j]; }
};

__attribute__((noinline)) double terms(const double *x, int n) {
  std::vector<std::unique_ptr<Term>> all;
  for (int i = 0; i < n; i++) {
    if (i % 2 == 0) all.push_back(std::make_unique<Square>(i, 1.5 + i));
    else all.push_back(std::make_unique<Product>(i, (i * 7) % n));
  }
  double s = 0;
  for (auto &t : all) s += t->eval(x);
  return s;
}

int main() {
  for (int n : {8, 9, 17, 33}) {
    check_gradient<boxed>("boxed", n, {0.4, 0.17, -0.005});
    check_gradient<terms>("terms", n, {0.4, 0.17, -0.005});
  }
  return finish();
}
