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
// CHECK: 140 checks passed
//
// Records with bit-fields beside doubles (`{a : 3, b : 5; double w; c : 7, d : 9; double u}`, laid
// out `{i8, double, i16, double}`) sorted by the bit-fields with `std::sort`, then read. Past 16
// elements the introsort moves records through helpers that see only their bytes, laid out by the
// caller's hint, the records' declared type; cut to a copy's length as if it were packed, it put the
// doubles at bytes 1 and 11, and at n = 40 one element's adjoint was lost and another's went to the
// wrong element (silently; `Types/hinted-record-cut-at-its-offsets.ll`).
#include <algorithm>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

struct Rec {
  unsigned a : 3;
  unsigned b : 5;
  double w;
  unsigned c : 7;
  int d : 9;
  double u;
};

__attribute__((noinline)) double sorted(const double *x, int n) {
  std::vector<Rec> v;
  for (int i = 0; i < n; i++) {
    Rec r;
    r.a = i % 8;
    r.b = (i * 3) % 32;
    r.w = x[i];
    r.c = i;
    r.d = -i;
    r.u = x[i] * 0.5;
    v.push_back(r);
  }
  std::sort(v.begin(), v.end(), [](const Rec &p, const Rec &q) { return p.b < q.b || (p.b == q.b && p.c < q.c); });
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * v[i].w + v[i].u * v[i].a + v[i].d * 0.01 * v[i].w;
  return s;
}

int main() {
  for (int n : {3, 8, 19, 40}) {
    double x[40], g[40] = {0};
    for (int i = 0; i < n; i++) x[i] = 0.4 + 0.13 * i - 0.003 * i * i;
    __enzyme_autodiff<double>((void *)sorted, enzyme_dup, x, g, enzyme_const, n);
    for (int i = 0; i < n; i++) {
      double dx[40] = {0};
      dx[i] = 1;
      char what[80];
      snprintf(what, sizeof what, "n = %d: d/dx%d against forward mode", n, i);
      check_rel(what, g[i], __enzyme_fwddiff<double>((void *)sorted, enzyme_dup, x, dx, enzyme_const, n), 1e-12);
      double h = 1e-6, q[40];
      for (int j = 0; j < n; j++) q[j] = x[j];
      q[i] = x[i] + h;
      double up = sorted(q, n);
      q[i] = x[i] - h;
      double down = sorted(q, n);
      snprintf(what, sizeof what, "n = %d: d/dx%d against central differences", n, i);
      check_fd(what, g[i], (up - down) / (2 * h), 1e-5);
    }
  }
  return finish();
}
