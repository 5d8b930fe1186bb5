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
// CHECK: 132 checks passed
//
// Records declared with a union, passed by value (`byval`: the callee's own copy in memory) to a
// callee that stores them: a plain `{union {double d; CD cd}; char index}` and, in a heap,
// `std::variant<double, CD>` records, which `std::__adjust_heap` and `std::__push_heap` take by
// value. The callee's copy was moved back to the caller's argument as the union's declared member
// lays it out (`CD`, its double at byte 8), and the adjoint of `d`, at byte 0, was lost: the
// gradient silently 0. The words of such a copy are now told apart when the reverse runs.
#include <algorithm>
#include <variant>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

struct CD {
  char c;
  double w;
};
struct Tagged {
  union {
    double d;
    CD cd;
  };
  unsigned char index;
};

__attribute__((noinline)) static void put(Tagged *a, long i, Tagged t) { a[i] = t; }

__attribute__((noinline)) double stored(const double *x, int n) {
  Tagged a[19];
  for (int i = 0; i < n; i++) {
    Tagged t;
    if (i % 2) {
      t.cd = CD{'a', x[i] * x[i]};
      t.index = 1;
    } else {
      t.d = x[i];
      t.index = 0;
    }
    put(a, n - 1 - i, t);
  }
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * (a[i].index ? a[i].cd.w : a[i].d);
  return s;
}

using V = std::variant<double, CD>;
struct Rec {
  V v;
  long id;
};
static double value(const Rec &r) { return r.v.index() == 0 ? std::get<0>(r.v) : std::get<1>(r.v).w; }

__attribute__((noinline)) double heaped(const double *x, int n) {
  std::vector<Rec> v;
  for (int i = 0; i < n; i++) {
    if (i % 2) v.push_back(Rec{CD{'a', x[(i * 7) % n]}, i});
    else v.push_back(Rec{x[(i * 7) % n] + 0.5, i});
  }
  int k = (n + 1) / 2;
  std::partial_sort(v.begin(), v.begin() + k, v.end(),
                    [](const Rec &a, const Rec &b) { return value(a) > value(b); });
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * value(v[i]) * (i < k ? 2.0 : 1.0);
  return s;
}

// Reverse mode against forward mode and central differences for `f` at n = 3, 11 and 19: 66 checks.
#define CHECK_GRADIENT(f)                                                                               \
  for (int n : {3, 11, 19}) {                                                                           \
    double x[19], g[19] = {0};                                                                          \
    for (int i = 0; i < n; i++) x[i] = 0.4 + 0.17 * i - 0.015 * i * i;                                 \
    __enzyme_autodiff<double>((void *)f, enzyme_dup, x, g, enzyme_const, n);                             \
    for (int i = 0; i < n; i++) {                                                                       \
      double dx[19] = {0};                                                                              \
      dx[i] = 1;                                                                                        \
      char what[80];                                                                                    \
      snprintf(what, sizeof what, #f ", n = %d: d/dx%d against forward mode", n, i);                    \
      check_rel(what, g[i], __enzyme_fwddiff<double>((void *)f, enzyme_dup, x, dx, enzyme_const, n), 1e-12); \
      double h = 1e-6, q[19];                                                                           \
      for (int j = 0; j < n; j++) q[j] = x[j];                                                          \
      q[i] = x[i] + h;                                                                                  \
      double up = f(q, n);                                                                              \
      q[i] = x[i] - h;                                                                                  \
      double down = f(q, n);                                                                            \
      snprintf(what, sizeof what, #f ", n = %d: d/dx%d against central differences", n, i);             \
      check_fd(what, g[i], (up - down) / (2 * h), 1e-6);                                                \
    }                                                                                                   \
  }

int main() {
  CHECK_GRADIENT(stored);
  CHECK_GRADIENT(heaped);
  return finish();
}
