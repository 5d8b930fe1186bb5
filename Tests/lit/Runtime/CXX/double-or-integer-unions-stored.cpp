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
// CHECK: 180 checks passed
//
// A double or an integer in the same bytes, chosen in a branch and stored: a C union `{double d;
// long bits}` in a tagged record pushed into a `std::vector`, a `std::variant<double, long>` pushed
// into a `std::deque`, and one chosen by a conditional expression. Optimized, SROA makes the union's
// word a phi of `x[i]`'s bits, loaded as an `i64` tagged `double`, and of the integer; the phi was
// left an integer, and the derivative of `x[i]` was lost in it (reverse and forward mode gave 0 and
// the primal value, silently). The store of such a phi is now one of its double twin
// (`Types/stored-choices-of-float-bits.ll`).
#include <deque>
#include <variant>
#include <vector>
#include "../Inputs/gradient-check.hpp"

// A C union of a double and a long, chosen in a branch (the member `t`, unused, makes it 16 bytes).
union DoubleOrLong {
  double d;
  struct {
    char tag;
    double w;
  } t;
  long bits;
};
struct Tagged {
  char kind;
  DoubleOrLong u;
};

__attribute__((noinline)) double unions_in_vector(const double *x, int n) {
  std::vector<Tagged> v;
  for (int i = 0; i < n; i++) {
    Tagged r;
    if (i % 3 != 1) {
      r.kind = 0;
      r.u.d = x[i];
    } else {
      r.kind = 1;
      r.u.bits = -i;
    }
    v.push_back(r);
  }
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * (v[i].kind == 0 ? v[i].u.d * v[i].u.d : (double)v[i].u.bits);
  return s;
}

using DL = std::variant<double, long>;

__attribute__((noinline)) double variants_in_deque(const double *x, int n) {
  std::deque<DL> d;
  for (int i = 0; i < n; i++) {
    DL r;
    if (i % 2 == 0) r = x[i];
    else r = (long)i;
    d.push_back(r);
  }
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * (d[i].index() == 0 ? std::get<0>(d[i]) : 0.5 * std::get<1>(d[i]));
  return s;
}

// Chosen by a conditional expression: a select.
__attribute__((noinline)) double variants_chosen(const double *x, int n) {
  std::vector<DL> v;
  for (int i = 0; i < n; i++) v.push_back(x[i] > 0.5 ? DL(x[i]) : DL((long)(3 * i)));
  double s = 0;
  for (int i = 0; i < n; i++) s += std::holds_alternative<double>(v[i]) ? std::sin(std::get<0>(v[i])) : 0.0;
  return s;
}

int main() {
  for (int n : {3, 7, 20}) {
    check_gradient<unions_in_vector>("unions_in_vector", n, {0.3, 0.11, -0.004, 1e-12, 1e-6, 1e-6});
    check_gradient<variants_in_deque>("variants_in_deque", n, {0.3, 0.11, -0.004, 1e-12, 1e-6, 1e-6});
    check_gradient<variants_chosen>("variants_chosen", n, {0.3, 0.11, -0.004, 1e-12, 1e-6, 1e-6});
  }
  return finish();
}
