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
// Shortest paths with the priority queues people write: `std::priority_queue<std::pair<double, int>>`
// (std::push_heap on a growing vector of pairs) and `std::set<std::pair<double, int>>` (decrease-key by
// erase). Both were refused: "floating-point memory is loaded as an integer". The pairs are moved
// with `memcpy` and their `int` read back without an alias tag, from a pointer past the moved
// elements that counted as an object read only as doubles (the search for the object it points
// into took a storage reached twice, without a cycle, for a cycle: Activity/MemoryWrites.swift), and
// from a node whose double and int are at different offsets (Activity/FloatBits.swift). The
// distances' gradient with respect to the edge weights, against central differences and forward
// mode. With 64-bit indices (`std::pair<double, long>`, `std::pair<double, std::size_t>`, as code
// indexing with `size_t` writes it) the heap was refused too: `top()` copies the pair as a double
// and an untagged integer of the double's width, stored only into the `second` of other pairs
// (the struct-path alias tags say an integer field), and unoptimized, the range-for over the
// `{Index to; double w}` edges reads `to` at a place of its own in the 16-byte records it steps
// through, as an index (FloatBits.isStoredIntoIntegerFields, FloatBits.overlap).
#include <cstddef>
#include <queue>
#include <set>
#include <utility>
#include <vector>
#include "../Inputs/check.h"

extern "C" int enzyme_dup, enzyme_const;
extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);

constexpr int N = 6;

template <typename Index> struct Edge {
  Index to;
  double w;
};

// A grid-like graph whose edge weights are smooth functions of the parameters.
template <typename Index = int> static std::vector<std::vector<Edge<Index>>> graph(const double *x) {
  std::vector<std::vector<Edge<Index>>> adjacent(N);
  for (Index i = 0; i < Index(N); i++)
    for (Index j = i + 1; j < Index(N) && j <= i + 2; j++) {
      double w = 1.0 + x[i] * x[i] + 0.5 * x[j] + 0.1 * double(i + j);
      adjacent[i].push_back({j, w});
      adjacent[j].push_back({i, w});
    }
  return adjacent;
}

// Sum of squared shortest distances from node 0, with a binary heap of (distance, node) pairs.
template <typename Index> double with_heap(const double *x, int) {
  auto adjacent = graph<Index>(x);
  std::vector<double> distance(N, 1e300);
  std::priority_queue<std::pair<double, Index>, std::vector<std::pair<double, Index>>, std::greater<>> queue;
  distance[0] = 0;
  queue.push({0.0, 0});
  while (!queue.empty()) {
    auto [d, u] = queue.top();
    queue.pop();
    if (d > distance[u]) continue;
    for (const Edge<Index> &e : adjacent[u])
      if (d + e.w < distance[e.to]) {
        distance[e.to] = d + e.w;
        queue.push({distance[e.to], e.to});
      }
  }
  double sum = 0;
  for (double d : distance) sum += d * d;
  return sum;
}

// The same with an ordered set and decrease-key by erase.
double with_set(const double *x, int) {
  auto adjacent = graph(x);
  std::vector<double> distance(N, 1e300);
  std::set<std::pair<double, int>> queue;
  distance[0] = 0;
  queue.insert({0.0, 0});
  while (!queue.empty()) {
    auto [d, u] = *queue.begin();
    queue.erase(queue.begin());
    for (const Edge<int> &e : adjacent[u])
      if (d + e.w < distance[e.to]) {
        if (distance[e.to] < 1e300) queue.erase({distance[e.to], e.to});
        distance[e.to] = d + e.w;
        queue.insert({distance[e.to], e.to});
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
  check_queue<with_heap<int>>("priority_queue of (double, int)");
  check_queue<with_heap<long>>("priority_queue of (double, long)");
  check_queue<with_heap<std::size_t>>("priority_queue of (double, size_t)");
  check_queue<with_set>("set");
  return finish();
}
