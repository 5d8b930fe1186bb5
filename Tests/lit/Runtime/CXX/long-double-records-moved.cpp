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
// CHECK: 220 checks passed
//
// Records holding a `long double` moved by copies of their bytes: swapped by struct assignment,
// relocated by a growing `std::vector`, sorted by their double (`std::sort` past 16 elements, whose
// comparison reads the double alone), a `std::variant<long double, double>` relocated by
// `reserve`, and a `std::variant<long double, double, CD>` (`CD` is `{char; double}`) reversed. x86_fp80 stores 10 bytes but takes 16 in a record; laid out as 10 bytes and 6 of
// padding, each laid-out record was 22 bytes long, so the reverse of a 16-byte copy moved no
// adjoint at all (the swap was ignored, relocated elements lost theirs: silently wrong, or NaN
// where a long double's adjoint of exactly 1 moved as two doubles). Swapped by copies of the
// variant's union and index, laid out by the long double alone, the `CD`'s double lost its adjoint.
#include <algorithm>
#include <variant>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

struct Wide {
  long double w;
};
struct Keyed {
  long double l;
  char c;
  double w;
};
struct Mixed {
  long double w;
  double v;
  int k;
};

__attribute__((noinline)) double swapped(const double *x, int n) {
  Wide a[19];
  for (int i = 0; i < n; i++) a[i].w = (long double)x[i] * x[i];
  Wide t = a[0];
  a[0] = a[n - 1];
  a[n - 1] = t;
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * (double)a[i].w;
  return s;
}

__attribute__((noinline)) double grown(const double *x, int n) {
  std::vector<Mixed> v;
  for (int i = 0; i < n; i++) v.push_back(Mixed{(long double)x[i], 3 * x[i] * x[0], i});
  double s = 0;
  for (size_t i = 0; i < v.size(); i++) s += (v[i].k + 1) * ((double)v[i].w * v[i].w + v[i].v);
  return s;
}

__attribute__((noinline)) double sorted(const double *x, int n) {
  std::vector<Keyed> v;
  for (int i = 0; i < n; i++) v.push_back(Keyed{(long double)x[i] * 1.5L, (char)i, x[(i * 7) % n]});
  std::sort(v.begin(), v.end(), [](const Keyed &a, const Keyed &b) { return a.w < b.w; });
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * v[i].w + (double)(v[i].l * (long double)(n - i));
  return s;
}

__attribute__((noinline)) double reserved(const double *x, int n) {
  std::vector<std::variant<long double, double>> v;
  for (int i = 0; i < n; i++) {
    if (i % 2) v.emplace_back(std::in_place_index<1>, x[i] * x[i]);
    else v.emplace_back(std::in_place_index<0>, (long double)x[i]);
  }
  v.reserve(64);
  double s = 0;
  for (int i = 0; i < n; i++)
    s += (i + 1) * (i % 2 ? std::get<1>(v[i]) : (double)std::get<0>(v[i]));
  return s;
}

struct CD {
  char c;
  double w;
};
using Three = std::variant<long double, double, CD>;
static double value(const Three &v) {
  switch (v.index()) {
  case 0: return (double)std::get<0>(v);
  case 1: return std::get<1>(v);
  default: return std::get<2>(v).w;
  }
}

__attribute__((noinline)) double reversed(const double *x, int n) {
  std::vector<Three> v;
  for (int i = 0; i < n; i++) {
    if (i % 3 == 0) v.emplace_back((long double)x[i]);
    else if (i % 3 == 1) v.emplace_back(x[i] * x[i]);
    else v.emplace_back(CD{'z', x[i]});
  }
  std::reverse(v.begin(), v.end());
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * value(v[i]);
  return s;
}

// Reverse mode against forward mode and central differences for `f` at n = 3 and 19: 44 checks.
#define CHECK_GRADIENT(f)                                                                               \
  for (int n : {3, 19}) {                                                                                \
    double x[19], g[19] = {0};                                                                            \
    for (int i = 0; i < n; i++) x[i] = 0.4 + 0.17 * i - 0.015 * i * i;                                 \
    __enzyme_autodiff<double>((void *)f, enzyme_dup, x, g, enzyme_const, n);                             \
    for (int i = 0; i < n; i++) {                                                        \
      double dx[19] = {0};                                                                               \
      dx[i] = 1;                                                                                        \
      char what[80];                                                                                    \
      snprintf(what, sizeof what, #f ", n = %d: d/dx%d against forward mode", n, i);                    \
      check_rel(what, g[i], __enzyme_fwddiff<double>((void *)f, enzyme_dup, x, dx, enzyme_const, n), 1e-12); \
      double h = 1e-6, q[19];                                                                            \
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
  CHECK_GRADIENT(swapped);
  CHECK_GRADIENT(grown);
  CHECK_GRADIENT(sorted);
  CHECK_GRADIENT(reserved);
  CHECK_GRADIENT(reversed);
  return finish();
}
