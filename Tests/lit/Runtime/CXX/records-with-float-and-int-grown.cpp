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
// CHECK: 66 checks passed
//
// A `std::vector<{float f; int s; double v}>` grown by push_back, with `s` a small nonzero count.
// The module keeps floats, so the vector's relocation (a memmove nothing types as a whole) is
// checked for pointers when it runs; the word `{f, s}` is `s << 32` plus the float's bits in the
// primal and `s << 32` in the shadow (the int mirrored, the float's shadow 0), both of which look
// like addresses. The check took them for a pointer and stopped a correct gradient; a shadow word
// whose nonzero bytes are all the primal's is an integer's mirror, and passes now. Reverse mode
// against forward mode and central differences.
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

struct Sample {
  float scale;
  int count;
  double value;
};

__attribute__((noinline)) double energy(const double *x, int n) {
  std::vector<Sample> samples;
  for (int i = 0; i < n; i++) samples.push_back(Sample{0.5f + 0.25f * i, i + 1, x[i] * x[i]});
  // Grown again by copies of the first elements: their counts move with their values.
  for (int i = 0; i < n / 2; i++) samples.push_back(samples[i]);
  double s = 0;
  for (const Sample &t : samples) s += t.count * t.scale * t.value;
  return s;
}

int main() {
  for (int n : {3, 8, 11, 11}) {
    double x[16], g[16] = {0};
    for (int i = 0; i < n; i++) x[i] = 0.3 + 0.11 * i - 0.01 * i * i;
    __enzyme_autodiff<double>((void *)energy, enzyme_dup, x, g, enzyme_const, n);
    for (int i = 0; i < n; i++) {
      double dx[16] = {0};
      dx[i] = 1;
      char what[80];
      snprintf(what, sizeof what, "n = %d: d/dx%d against forward mode", n, i);
      check_rel(what, g[i], __enzyme_fwddiff<double>((void *)energy, enzyme_dup, x, dx, enzyme_const, n), 1e-12);
      double h = 1e-6, q[16];
      for (int j = 0; j < n; j++) q[j] = x[j];
      q[i] = x[i] + h;
      double up = energy(q, n);
      q[i] = x[i] - h;
      double down = energy(q, n);
      snprintf(what, sizeof what, "n = %d: d/dx%d against central differences", n, i);
      check_fd(what, g[i], (up - down) / (2 * h), 1e-6);
    }
  }
  return finish();
}
