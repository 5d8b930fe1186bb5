// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clangxx -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
// RUN: %clangxx-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clangxx %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Dijkstra over `std::priority_queue<std::pair<double, Index>>` with 64-bit indices (`long`,
// `std::size_t`), as code indexing with `size_t` writes it. Optimized, `top()` copies the pair as a
// double and a 64-bit integer read without an alias tag, from storage whose doubles the heap also
// reaches through other pointers, and the integer is stored into the `second` of another pair:
// refused, "floating-point memory is loaded as an integer". Stored into fields the alias tags
// declare integers of a record, the integer is the record's (FloatBits.isStoredIntoIntegerFields).
// The distances' gradient with respect to the edge weights against central differences and
// forward mode.
#include <cstddef>
#include <queue>
#include <utility>
#include <vector>
#include "../Inputs/check.h"

extern "C" int enzyme_dup, enzyme_const;
extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);

constexpr int N = 7;

// Sum of squared shortest distances from node 0 of a chain with shortcuts, edge weights smooth in x.
template <typename Index> double paths(const double *x, int) {
  std::vector<std::vector<std::pair<Index, double>>> adjacent(N);
  for (Index i = 0; i < Index(N); i++)
    for (Index j = i + 1; j < Index(N) && j <= i + 2; j++) {
      double w = 1.0 + x[i] * x[i] + 0.5 * x[j] + 0.1 * double(i + j);
      adjacent[i].push_back({j, w});
      adjacent[j].push_back({i, w});
    }
  std::vector<double> distance(N, 1e300);
  std::priority_queue<std::pair<double, Index>, std::vector<std::pair<double, Index>>, std::greater<>> queue;
  distance[0] = 0;
  queue.push({0.0, 0});
  while (!queue.empty()) {
    auto [d, u] = queue.top();
    queue.pop();
    if (d > distance[u]) continue;
    for (const auto &[v, w] : adjacent[u])
      if (d + w < distance[v]) {
        distance[v] = d + w;
        queue.push({distance[v], v});
      }
  }
  double sum = 0;
  for (double d : distance) sum += d * d;
  return sum;
}

template <double (*f)(const double *, int)> static void check_queue(const char *what) {
  for (int trial = 0; trial < 3; trial++) {
    double x[N], dx[N] = {0};
    for (double &v : x) v = 0.8 * rng_uniform();
    __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_const, N);
    check_gradient_fd(what, f, x, dx, N, 1e-6, 1e-6);
    for (int i = 0; i < N; i++) {
      double t[N] = {0};
      t[i] = 1;
      check_rel(what, __enzyme_fwddiff((void *)f, enzyme_dup, x, t, enzyme_const, N), dx[i], 1e-12);
    }
  }
}

int main() {
  check_queue<paths<long>>("priority_queue of (double, long)");
  check_queue<paths<std::size_t>>("priority_queue of (double, size_t)");
  return finish();
}
