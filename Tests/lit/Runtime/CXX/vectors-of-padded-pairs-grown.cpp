// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clangxx %t.O2.opt.bc -o %t.O2
// RUN: %t.O2
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// A `std::vector<double>` and vectors of `std::pair<double, int>` and of `{double; int}` records
// grown by push_back and emplace_back past several reallocations, as a user writes them. Each
// relocation copies 16-byte records whose last 4 bytes are padding; nothing types those copies, so
// reverse mode checks at run time that they hold no pointer (UntypedCopies). The int's word held
// the int in both primal and shadow, and in the primal's padding the stale bytes of a reused heap
// block: the check took it for a pointer and stopped the program. Both modes against the hand
// derivative, for lengths across the reallocations. Found by probing C++ nobody here wrote.
#include <utility>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup;
extern int enzyme_const;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

struct Weighted {
  double value;
  int weight;
  Weighted(double v, int w) : value(v), weight(w) {}
};

// sum_i (i + 1) x_i + x_i^2 i + x_i (n - i)
double grown(const double *x, int n) {
  std::vector<double> plain;
  std::vector<std::pair<double, int>> pairs;
  std::vector<Weighted> records;
  // One after the other, so that each vector's blocks are ones the previous one freed (glibc keeps
  // its own words in a freed block; the records' padding keeps them).
  for (int i = 0; i < n; i++) plain.push_back(x[i]);
  for (int i = 0; i < n; i++) pairs.emplace_back(x[i] * x[i], i);
  for (int i = 0; i < n; i++) records.emplace_back(x[i], n - i);
  double v = 0;
  for (int i = 0; i < n; i++)
    v += plain[i] * (i + 1) + pairs[i].first * pairs[i].second + records[i].value * records[i].weight;
  return v;
}

int main() {
  const int lengths[] = {1, 3, 5, 9, 17, 33};
  for (int n : lengths) {
    double x[33], g[33] = {0};
    for (int i = 0; i < n; i++) x[i] = 0.25 * i - 1.5;
    __enzyme_autodiff<void>((void *)grown, enzyme_dup, x, g, enzyme_const, n);
    for (int i = 0; i < n; i++) {
      double want = (i + 1) + 2.0 * i * x[i] + (n - i);
      double direction[33] = {0};
      direction[i] = 1;
      double tangent = __enzyme_fwddiff<double>((void *)grown, enzyme_dup, x, direction, enzyme_const, n);
      char what[64];
      snprintf(what, sizeof what, "n=%d reverse d/dx%d", n, i);
      check_rel(what, g[i], want, 1e-13);
      snprintf(what, sizeof what, "n=%d forward d/dx%d", n, i);
      check_rel(what, tangent, want, 1e-13);
    }
  }
  return finish();
}
