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
// CHECK: 72 checks passed
//
// `vector::insert(pos, n, value)` and `resize(n, value)` of records, the value computed from the
// inputs. libstdc++ copies the value into a temporary (`_Temporary_value`, a union whose
// constructor writes its first byte), so SROA cuts the temporary at byte 1 and fills each new
// element with a store of the first byte and a copy of the other 15. For `{char c; double w}` the
// stored byte is the char and reverse mode refused the fill ("copy of data byte by byte"); for
// `{double w; char c}` it is a piece of the double. Each store and copy beside it are joined into
// one copy of the whole record (Types/SplitCopies.swift), and the gradient agrees with forward mode
// and central differences.
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

struct Tagged {
  char tag;
  double w;
};
struct Trailing {
  double w;
  char tag;
};
struct Scaled {
  float scale;
  double w;
};

template <typename R> static R make(double w, char tag);
template <> Tagged make<Tagged>(double w, char tag) { return Tagged{tag, w}; }
template <> Trailing make<Trailing>(double w, char tag) { return Trailing{w, tag}; }
template <> Scaled make<Scaled>(double w, char tag) { return Scaled{0.5f * tag, w}; }

template <typename R> static double filled(const double *x, int n) {
  std::vector<R> v;
  for (int i = 0; i < n; i++) v.push_back(make<R>(x[i], 'a'));
  v.insert(v.begin() + 1, 3, make<R>(x[0] * x[1], 'b'));
  v.resize(v.size() + 2, make<R>(2 * x[2], 'c'));
  v.insert(v.end() - 1, n, make<R>(x[n - 1] * x[n - 1], 'd'));
  double s = 0;
  for (size_t i = 0; i < v.size(); i++) s += (i + 1) * v[i].w;
  return s;
}

__attribute__((noinline)) double tagged(const double *x, int n) { return filled<Tagged>(x, n); }
__attribute__((noinline)) double trailing(const double *x, int n) { return filled<Trailing>(x, n); }
__attribute__((noinline)) double scaled(const double *x, int n) { return filled<Scaled>(x, n); }

// Reverse mode against forward mode and central differences for `f` at n = 3 and 9: 24 checks.
#define CHECK_GRADIENT(f)                                                                               \
  for (int n : {3, 9}) {                                                                                \
    double x[9], g[9] = {0};                                                                            \
    for (int i = 0; i < n; i++) x[i] = 0.4 + 0.17 * i - 0.015 * i * i;                                 \
    __enzyme_autodiff<double>((void *)f, enzyme_dup, x, g, enzyme_const, n);                             \
    for (int i = 0; i < (n == 3 ? 3 : 9); i++) {                                                        \
      double dx[9] = {0};                                                                               \
      dx[i] = 1;                                                                                        \
      char what[80];                                                                                    \
      snprintf(what, sizeof what, #f ", n = %d: d/dx%d against forward mode", n, i);                    \
      check_rel(what, g[i], __enzyme_fwddiff<double>((void *)f, enzyme_dup, x, dx, enzyme_const, n), 1e-12); \
      double h = 1e-6, q[9];                                                                            \
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
  CHECK_GRADIENT(tagged);
  CHECK_GRADIENT(trailing);
  CHECK_GRADIENT(scaled);
  return finish();
}
