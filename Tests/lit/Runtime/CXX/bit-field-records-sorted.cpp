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
#include "../Inputs/gradient-check.hpp"

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
  for (int n : {3, 8, 19, 40}) check_gradient<sorted>("sorted", n, {0.4, 0.13, -0.003});
  return finish();
}
