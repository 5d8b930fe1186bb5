// RUN: %clangxx -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clangxx %t.plain.opt.bc -o %t.plain
// RUN: %t.plain | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// CHECK: checks passed
// `std::sort` of `{int k; double v}` records by `k`, from unoptimized input. The insertion sort's
// `val = std::move(*i)` is a temporary SROA cut after `k`: the 12 bytes from the padding on move
// through a `[12 x i8]` slot, the double 4 bytes into them. That copy was laid out as a whole
// record from its start (the double 8 bytes in): the adjoints went to the wrong records, silently
// (a gradient of [1, 5, 0] for [1, 3, 2]). The slot is laid out by the records it is copied from
// and to, whose places the vector's growth computes as `end - begin` divided exactly by 16
// (StridedPlaces, CopiedStructs+PeriodicRecords). Reverse mode against the hand-derived gradient,
// central differences and forward mode.
#include <algorithm>
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

struct R {
  int k;
  double v;
};

// Each record's key is its index; the sort orders them by a scrambled rank of it.
static int rank_of[64];
static int key(int i) { return rank_of[i]; }

double sorted(const double *x, int n) {
  std::vector<R> v;
  for (int i = 0; i < n; i++) v.push_back(R{i, x[i] * x[i]});
  std::sort(v.begin(), v.end(), [](const R &a, const R &b) { return rank_of[a.k] < rank_of[b.k]; });
  double s = 0;
  for (size_t i = 0; i < v.size(); i++) s += v[i].v * double(i + 1) / n;
  return s;
}

static void check_size(int n) {
  double x[64], dx[64] = {0};
  for (int i = 0; i < n; i++) x[i] = 0.3 + 0.05 * i;
  __enzyme_autodiff((void *)sorted, enzyme_dup, x, dx, enzyme_const, n);
  // Record i lands at the rank of its key among all keys.
  for (int i = 0; i < n; i++) {
    int rank = 0;
    for (int j = 0; j < n; j++) rank += key(j) < key(i);
    char what[64];
    snprintf(what, sizeof what, "n=%d hand-derived d/dx[%d]", n, i);
    check_rel(what, dx[i], 2 * x[i] * (rank + 1) / n, 1e-12);
    double direction[64] = {0};
    direction[i] = 1;
    snprintf(what, sizeof what, "n=%d forward d/dx[%d]", n, i);
    check_rel(what, __enzyme_fwddiff((void *)sorted, enzyme_dup, x, direction, enzyme_const, n), dx[i], 1e-12);
  }
  check_gradient_fd("sorted", sorted, x, dx, n, 1e-6, 1e-6);
}

int main() {
  for (int n : {3, 9, 40}) {
    for (int i = 0; i < n; i++) rank_of[i] = (i * 7 + 3) % n == 0 && n % 7 == 0 ? i : (i * 7 + 3) % n;
    check_size(n);
  }
  return finish();
}
