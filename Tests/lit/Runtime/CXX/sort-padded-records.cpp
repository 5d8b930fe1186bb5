// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clangxx %t.O2.opt.bc -o %t.O2
// RUN: %t.O2
// RUN: %clangxx -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clangxx %t.plain.opt.bc -o %t.plain
// RUN: %t.plain
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// A std::vector of records with padding inside (`{double t; int kind; double amount}`) sorted by
// std::sort, then a time-ordered decay accumulated over them: reverse mode against forward mode
// and central differences. A second function swapping two records keeps std::swap<Event> out of
// line, where SROA cuts its temporary after `kind` and copies the rest (padding, then `amount`)
// with a memcpy whose double lies 4 bytes in: moved as a double from the copy's start, the
// adjoint of `amount` was lost (silently wrong at -O0, found by a corpus of code nobody here
// wrote). The copy is laid out by the declared type of the memory (the record the pointers index).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

struct Event {
  double t;
  int kind;
  double amount;
};

static double accumulate(const std::vector<Event> &events) {
  double level = 0, previous = 0, area = 0;
  for (const auto &e : events) {
    double decay = std::exp(-0.4 * (e.t - previous));
    area += level * (1 - decay) / 0.4;
    level = level * decay + e.amount * (e.kind == 2 ? 0.5 : 1.0);
    previous = e.t;
  }
  return area + level * level;
}

static std::vector<Event> make(const double *p) {
  std::vector<Event> events;
  for (int i = 0; i < 9; i++)
    events.push_back({std::fmod(1.7 * i + 0.3 * p[i % 3], 5.0), i % 3, 1 + 0.5 * p[(i + 1) % 3] * (i % 2 ? 1 : -1)});
  return events;
}

double sorted(const double *p) {
  auto events = make(p);
  std::sort(events.begin(), events.end(), [](const Event &a, const Event &b) { return a.t < b.t; });
  return accumulate(events);
}

// Not differentiated: only makes std::swap<Event> a function of its own.
double swapped(const double *p) {
  auto events = make(p);
  std::swap(events[0], events[4]);
  return accumulate(events);
}

int main() {
  double p[3] = {0.3, -0.7, 1.1}, g[3] = {0, 0, 0};
  __enzyme_autodiff<void>((void *)sorted, enzyme_dup, p, g);
  for (int i = 0; i < 3; i++) {
    double direction[3] = {0, 0, 0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff<double>((void *)sorted, enzyme_dup, p, direction);
    double up[3] = {p[0], p[1], p[2]}, down[3] = {p[0], p[1], p[2]};
    up[i] += 1e-6, down[i] -= 1e-6;
    double central = (sorted(up) - sorted(down)) / 2e-6;
    char what[64];
    snprintf(what, sizeof what, "reverse d/dp%d against forward", i);
    check_rel(what, g[i], tangent, 1e-12);
    snprintf(what, sizeof what, "reverse d/dp%d against central differences", i);
    check_fd(what, g[i], central, 1e-6);
  }
  std::printf("%g\n", swapped(p));
  return finish();
}
