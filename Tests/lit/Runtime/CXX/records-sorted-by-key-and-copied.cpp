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
// CHECK: 136 checks passed
//
// A `std::vector` of `{char c; double w; int k}` records sorted by their integer fields (insertion
// sort below 17 elements, introsort and heap sort above), then copied into an array. The sort's
// temporary is cut by SROA after `c`, and its 15-byte piece is copied with a type tag shifted along,
// whose `k` lies past the piece's end: the tag was refused, and the piece's guessed layout moved the
// wrong bytes back (the gradient silently lost elements). Fields past a copy's end are left out of
// its tag (`Types/tbaa-struct-fields-past-copy-end.ll`).
#include <algorithm>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

struct Rec {
  char c;
  double w;
  int k;
};

__attribute__((noinline)) double sorted(const double *x, int n) {
  std::vector<Rec> v;
  for (int i = 0; i < n; i++) v.push_back(Rec{(char)i, x[i] * x[i], (i * 5) % 9});
  std::sort(v.begin(), v.end(), [](const Rec &a, const Rec &b) { return a.k < b.k || (a.k == b.k && a.c < b.c); });
  Rec copied[40];
  std::copy(v.begin(), v.end(), copied);
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * copied[i].w;
  return s;
}

int main() {
  for (int n : {3, 8, 17, 40}) {
    double x[40], g[40] = {0};
    for (int i = 0; i < n; i++) x[i] = 0.4 + 0.013 * i * i - 0.2 * i;
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
