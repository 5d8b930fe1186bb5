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
// A std::vector of (pointer, weight) pairs grown by push_back, read back through the pointers, in
// both modes against the hand derivative. The vector's growth moves each 16-byte element with a
// memcpy whose position nothing tells (the new element is stored at the old size in bytes); taken
// from the new storage's first access, the copy was a double's, the pointer's shadow stayed behind,
// and the reverse sweep followed a null shadow: a crash (found by a corpus of code nobody here
// wrote). The copy is laid out by the records the function stores into the memory, a pointer at 0
// and a double at 8 (CopiedStructs.recordLayoutOfCopiedRange).
#include <cstdio>
#include <utility>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

// s = sum over i < 6 of p[i % 3] p[(i + 1) % 3] (i + 1) = 5 p0 p1 + 7 p1 p2 + 9 p2 p0.
double weighted(const double *p) {
  std::vector<std::pair<const double *, double>> terms;
  for (int i = 0; i < 6; i++) terms.push_back({&p[i % 3], p[(i + 1) % 3] * (i + 1)});
  double s = 0;
  for (auto &term : terms) s += *term.first * term.second;
  return s;
}

int main() {
  double p[3] = {0.3, -1.2, 2.0}, g[3] = {0, 0, 0};
  double want[3] = {5 * p[1] + 9 * p[2], 5 * p[0] + 7 * p[2], 7 * p[1] + 9 * p[0]};
  __enzyme_autodiff<void>((void *)weighted, enzyme_dup, p, g);
  for (int i = 0; i < 3; i++) {
    double e[3] = {0, 0, 0};
    e[i] = 1;
    char what[64];
    std::snprintf(what, sizeof what, "reverse d/dp%d", i);
    check_rel(what, g[i], want[i], 1e-14);
    std::snprintf(what, sizeof what, "forward d/dp%d", i);
    check_rel(what, __enzyme_fwddiff<double>((void *)weighted, enzyme_dup, p, e), want[i], 1e-14);
  }
  return finish();
}
