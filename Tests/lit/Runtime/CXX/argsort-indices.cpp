// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// An argsort: a std::vector<int> of indices sorted (std::sort, std::stable_sort) by a comparator
// that reads the active values, then a gather weighted by rank. At -O0 the insertion sort moves the
// indices with memmove, and nothing typed them (no alias tags): taken for doubles, the copy's run-time
// check for pointers stopped on the indices the sort had moved before. The function's loads of them
// index memory, so they are integers.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

// Ranks by sin(x), each value weighted by its rank plus one.
double ranked(const double *x, int n) {
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int i, int j) { return std::sin(x[i]) < std::sin(x[j]); });
  double s = 0;
  for (int r = 0; r < n; r++) s += (r + 1) * x[order[r]] * x[order[r]];
  return s;
}

// The same with a stable sort by |x| (ties keep their order) and a cube.
double stably_ranked(const double *x, int n) {
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int i, int j) { return std::fabs(x[i]) < std::fabs(x[j]); });
  double s = 0;
  for (int r = 0; r < n; r++) s += (r + 1) * x[order[r]] * x[order[r]] * x[order[r]];
  return s;
}

// The rank of each x[i] by key, computed without the function under test: the count of keys below.
static void ranks(const double *x, int n, double (*key)(double), int *rank) {
  for (int i = 0; i < n; i++) {
    rank[i] = 0;
    for (int j = 0; j < n; j++)
      if (key(x[j]) < key(x[i])) rank[i]++;
  }
}

int main() {
  enum { N = 40 };  // more than 16: the sorts' introsort and merge paths run, not only insertion
  double x[N];
  for (int i = 0; i < N; i++) x[i] = std::sin(1.7 * i + 0.3) * 2.5 + 0.01 * i;
  int rank[N];
  double (*sine)(double) = std::sin;
  double (*magnitude)(double) = std::fabs;

  double dx[N] = {0};
  __enzyme_autodiff((void *)ranked, enzyme_dup, x, dx, enzyme_const, N);
  ranks(x, N, sine, rank);
  for (int i = 0; i < N; i++) {
    double want = 2 * (rank[i] + 1) * x[i];
    check_rel("ranked", dx[i], want, 1e-14);
    double v[N] = {0};
    v[i] = 1;
    check_rel("ranked forward", __enzyme_fwddiff((void *)ranked, enzyme_dup, x, v, enzyme_const, N), want, 1e-14);
  }

  double dy[N] = {0};
  __enzyme_autodiff((void *)stably_ranked, enzyme_dup, x, dy, enzyme_const, N);
  ranks(x, N, magnitude, rank);
  for (int i = 0; i < N; i++) check_rel("stably ranked", dy[i], 3 * (rank[i] + 1) * x[i] * x[i], 1e-14);
  return finish();
}
