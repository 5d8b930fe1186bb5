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
// A std::vector of `{int id; const double *src; double gain}` records with one record inserted at
// the front and one erased, then swapped pairwise, reversed and rotated: reverse mode against
// central differences and forward mode, at every optimization level. `insert` moves the last
// record to the new end with a 24-byte copy between two loads of `end` and the rest up by a
// memmove; `erase` moves the records after the hole down by a memmove from a load of `begin`.
// Nothing in those copies says what the records hold, and the pointers' shadows were shifted
// against the pointers (silently wrong). The copy to the end now takes the layout the caller's
// hint gives the copy of the inserted record into the hole (copies of one length moving one
// vector: Types/CopiedStructs+RelatedCopies), and the erase's memmove the record the range-for
// over the same vector reads (Reverse/Gradient+PointeeHints, `localRecordOfVariableCopy`). Found
// by a corpus of C++ nobody here wrote.
#include <algorithm>
#include <utility>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

struct Channel {
  int id;
  const double *src;
  double gain;
};

template <bool shuffled> double mix(const double *p, int n) {
  std::vector<Channel> channels;
  for (int i = 0; i < n; i++) channels.push_back(Channel{i, p + i, p[n + i] * p[n + i]});
  channels.insert(channels.begin(), Channel{-1, p, p[0]});
  channels.erase(channels.begin() + 2);
  if (shuffled) {
    for (int i = 0; i + 1 < n; i += 2) std::swap(channels[i], channels[i + 1]);
    std::reverse(channels.begin(), channels.end());
    std::rotate(channels.begin(), channels.begin() + 3, channels.end());
  }
  double sum = 0, weight = 1;
  for (const Channel &c : channels) {
    sum += weight * c.gain * c.src[0];
    weight += 0.5;
  }
  return sum;
}

template <bool shuffled> void check(const char *name) {
  const int n = 11, m = 2 * n;
  double p[m], g[m] = {0};
  for (int i = 0; i < m; i++) p[i] = 0.3 + 0.37 * ((i * 7) % 11) - 0.05 * i;
  __enzyme_autodiff<void>((void *)mix<shuffled>, enzyme_dup, p, g, enzyme_const, n);
  for (int i = 0; i < m; i++) {
    double direction[m] = {0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff<double>((void *)mix<shuffled>, enzyme_dup, p, direction, enzyme_const, n);
    double h = 1e-6, q[m];
    for (int j = 0; j < m; j++) q[j] = p[j];
    q[i] = p[i] + h;
    double up = mix<shuffled>(q, n);
    q[i] = p[i] - h;
    double down = mix<shuffled>(q, n);
    char what[96];
    snprintf(what, sizeof what, "%s: reverse d/dp%d", name, i);
    check_fd(what, g[i], (up - down) / (2 * h), 1e-6);
    snprintf(what, sizeof what, "%s: reverse against forward d/dp%d", name, i);
    check_rel(what, g[i], tangent, 1e-12);
  }
}

int main() {
  check<false>("inserted and erased");
  check<true>("inserted, erased, swapped, reversed and rotated");
  return finish();
}
