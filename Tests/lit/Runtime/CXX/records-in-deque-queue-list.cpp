// RUN: %clangxx-ad -std=c++20 %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t 0 | FileCheck %s --check-prefix=DEQUE
// RUN: %t 1 | FileCheck %s --check-prefix=QUEUE
// RUN: %t 2 | FileCheck %s --check-prefix=LIST
// RUN: %clangxx-ad-O0 -std=c++20 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 0 | FileCheck %s --check-prefix=DEQUE
// RUN: %t.O0 1 | FileCheck %s --check-prefix=QUEUE
// RUN: %t.O0 2 | FileCheck %s --check-prefix=LIST
// Records `{int id; const double *src; double gain}` moved by standard containers whose copies
// nothing types: a std::deque built from a vector (push_front, pop_back), a std::priority_queue
// ordered by gain and drained, a std::list sorted by gain. The priority queue's construction
// stopped at run time on a pointer's shadow (from -O2 and -O0 input); its copies' words are now told
// apart when they run (Reverse/Gradient+WordsSortedAtRunTime.swift). The deque and the list were
// right before at these sizes and stay so. Every partial agrees with forward mode.
// DEQUE: deque: 24 of 24 partials agree with forward mode
// QUEUE: priority_queue: 24 of 24 partials agree with forward mode
// LIST: list: 24 of 24 partials agree with forward mode
#include <deque>
#include <queue>
#include <list>
#include <vector>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cmath>
extern "C" { void __enzyme_autodiff(void *, ...); double __enzyme_fwddiff(void *, ...); extern int enzyme_dup, enzyme_const; }
struct Channel { int id; const double *src; double gain; };
struct ByGain { bool operator()(const Channel &a, const Channel &b) const { return a.gain < b.gain; } };
template <int kind> __attribute__((noinline)) double mix(const double *p, int n) {
  std::vector<Channel> v;
  for (int i = 0; i < n; i++) v.push_back(Channel{i, p + i, p[n + i] * p[n + i]});
  double sum = 0, w = 1;
  if (kind == 0) {
    std::deque<Channel> d(v.begin(), v.end());
    d.push_front(Channel{-1, p, p[1]});
    d.pop_back();
    for (auto &c : d) { sum += w * c.gain * c.src[0]; w += 0.5; }
  } else if (kind == 1) {
    std::priority_queue<Channel, std::vector<Channel>, ByGain> q(v.begin(), v.end());
    while (!q.empty()) { auto c = q.top(); q.pop(); sum += w * c.gain * c.src[0]; w += 0.5; }
  } else {
    std::list<Channel> l(v.begin(), v.end());
    l.sort(ByGain());
    for (auto &c : l) { sum += w * c.gain * c.src[0]; w += 0.5; }
  }
  return sum;
}
template <int kind> int run() {
  const int n = 12, m = 2 * n; double p[m], g[m] = {0};
  for (int i = 0; i < m; i++) p[i] = 0.3 + 0.37 * ((i * 7) % 11) - 0.05 * i;
  __enzyme_autodiff((void *)mix<kind>, enzyme_dup, p, g, enzyme_const, n);
  int agree = 0;
  for (int i = 0; i < m; i++) {
    double d[m] = {0};
    d[i] = 1;
    double t = __enzyme_fwddiff((void *)mix<kind>, enzyme_dup, p, d, enzyme_const, n);
    if (std::fabs(t - g[i]) <= 1e-12 * (1 + std::fabs(t))) agree++;
    else printf("d/dp%d: reverse %.17g, forward %.17g\n", i, g[i], t);
  }
  const char *name = kind == 0 ? "deque" : kind == 1 ? "priority_queue" : "list";
  printf("%s: %d of %d partials agree with forward mode\n", name, agree, m);
  return agree == m ? 0 : 1;
}
int main(int argc, char **argv) { int k = atoi(argv[1]); return k == 0 ? run<0>() : k == 1 ? run<1>() : run<2>(); }
