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
// CHECK: 264 checks passed
//
// A `std::deque<std::variant<double, IDD>>` (`IDD` is `{int k; double a; double b}`) filled by
// `push_back` past its first 512-byte node: the push that opens a new node copies the element in
// `_M_push_back_aux`. At `-O2` the vectorizer reads `a` and `b` as one `<2 x double>` 8 bytes into
// the element, and the reverse of the element's copy moved that leaf with a 16-byte alignment the
// address does not have: the gradient crashed (`Reverse/vector-leaf-copy-aligned-as-elements.ll`).
// With an `int` alternative too, the element `_M_push_back_aux` copies lost its adjoint at every
// optimization level: the copy there sees a pointer and 32 bytes, and moved them as `IDD` lays them
// out, not the `double` at byte 0; the caller's variant, declared with a union, is now a hint that
// the copy sorts its words at run time (`Reverse/union-record-hinted-by-caller.ll`).
#include <deque>
#include <variant>
#include "../Inputs/gradient-check.hpp"

struct IDD {
  int k;
  double a;
  double b;
};
using V = std::variant<double, IDD>;

__attribute__((noinline)) double grown(const double *x, int n) {
  std::deque<V> d;
  for (int i = 0; i < n; i++) {
    V r;
    if (i % 2 == 0) r = x[i];
    else r = IDD{i, x[i], 0.0};
    d.push_back(r);
  }
  double s = 0;
  for (int i = 0; i < n; i++) {
    if (d[i].index() == 0) s += (i + 1) * std::get<0>(d[i]);
    else s += (i + 1) * std::get<1>(d[i]).a;
  }
  return s;
}

using W = std::variant<double, int, IDD>;

__attribute__((noinline)) double grown_with_int(const double *x, int n) {
  std::deque<W> d;
  for (int i = 0; i < n; i++) {
    W r;
    if (i % 3 == 0) r = x[i];
    else if (i % 3 == 1) r = IDD{i, x[i], 0.0};
    else r = i;
    d.push_back(r);
  }
  double s = 0;
  for (int i = 0; i < n; i++) {
    if (d[i].index() == 0) s += (i + 1) * std::get<0>(d[i]);
    else if (d[i].index() == 2) s += (i + 1) * std::get<2>(d[i]).a;
  }
  return s;
}

int main() {
  for (int n : {16, 17, 33}) {
    check_gradient<grown>("grown", n, {0.4, 0.17, -0.005});
    check_gradient<grown_with_int>("grown_with_int", n, {0.4, 0.17, -0.005});
  }
  return finish();
}
