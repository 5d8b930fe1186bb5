// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t -lm
// RUN: %t | FileCheck %s
// RUN: %clangxx -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clangxx %t.plain.opt.bc -o %t.plain -lm
// RUN: %t.plain | FileCheck %s
// RUN: %swad %s -o %t.driver
// RUN: %t.driver | FileCheck %s
// CHECK: checks passed
// `std::partial_sort` and `std::partial_sort_copy` of `{const double *p; int k; double v}` records
// whose comparator calls `exp` (which may write `errno`, so `__adjust_heap` stays a call). The heap
// passes its records to `__adjust_heap` by value (`byval`), and the augmented call did not say so:
// the post-AD optimizer deleted the copy into the temporary, and the moved record's gradient was
// silently 0 ([0, 8, 18] for [2, 8, 18]). Against hand-derived gradients, central differences and
// forward mode.
#include <algorithm>
#include <cmath>
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

struct R {
  const double *p;
  int k;
  double v;
};

// Keys in a scrambled order; the records' values are squares, weighted by place and by what p points to.
static int key(int i, int n) { return (i * 7 + 3) % n; }

double partially_sorted(const double *x, int n) {
  std::vector<R> v;
  for (int i = 0; i < n; i++) v.push_back(R{x + (n - 1 - i), key(i, n), x[i] * x[i]});
  std::partial_sort(v.begin(), v.begin() + n / 2, v.end(),
                    [](const R &a, const R &b) { return std::exp(a.k * 0.1) < std::exp(b.k * 0.1); });
  double s = 0;
  for (int i = 0; i < n / 2; i++) s += v[i].v * (i + 1) + 0.5 * *v[i].p;
  return s;
}

double copied(const double *x, int n) {
  std::vector<R> v, out(n / 2);
  for (int i = 0; i < n; i++) v.push_back(R{x + i, key(i, n), x[i] * x[i]});
  std::partial_sort_copy(v.begin(), v.end(), out.begin(), out.end(),
                         [](const R &a, const R &b) { return std::exp(a.k * 0.1) < std::exp(b.k * 0.1); });
  double s = 0;
  for (size_t i = 0; i < out.size(); i++) s += out[i].v * double(i + 1);
  return s;
}

// The records with the n / 2 smallest keys, in key order, are the ones the sums read.
static void hand_derived(const double *x, int n, bool pointed, double *want) {
  for (int i = 0; i < n; i++) want[i] = 0;
  for (int i = 0; i < n; i++) {
    int k = key(i, n);
    if (k >= n / 2) continue;
    want[i] += 2 * x[i] * (k + 1);
    if (pointed) want[n - 1 - i] += 0.5;
  }
}

template <double (*F)(const double *, int)>
static void check_one(const char *name, int n, bool pointed) {
  double x[64], dx[64] = {0}, want[64];
  for (int i = 0; i < n; i++) x[i] = 0.3 + 0.05 * i;
  __enzyme_autodiff((void *)F, enzyme_dup, x, dx, enzyme_const, n);
  hand_derived(x, n, pointed, want);
  for (int i = 0; i < n; i++) {
    char what[80];
    snprintf(what, sizeof what, "%s n=%d hand-derived d/dx[%d]", name, n, i);
    check_rel(what, dx[i], want[i], 1e-12);
    double direction[64] = {0};
    direction[i] = 1;
    snprintf(what, sizeof what, "%s n=%d forward d/dx[%d]", name, n, i);
    check_rel(what, __enzyme_fwddiff((void *)F, enzyme_dup, x, direction, enzyme_const, n), dx[i], 1e-12);
  }
  check_gradient_fd(name, F, x, dx, n, 1e-6, 1e-6);
}

int main() {
  for (int n : {3, 8, 31}) {
    check_one<partially_sorted>("partial_sort", n, true);
    check_one<copied>("partial_sort_copy", n, false);
  }
  return finish();
}
