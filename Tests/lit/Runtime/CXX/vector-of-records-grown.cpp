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
// A std::vector of `{int id; const double *src; double gain}` records grown by push_back (capacity
// 1, 2, 4) and read by a range-for: both modes against the hand derivative. Unoptimized, the
// vector's relocations are copies of 24 and 48 bytes whose constant-offset accesses lay out only the
// record stored beside them, and the first record's `gain` moved as bytes: its adjoint was lost
// (reverse mode silently wrong, forward right). The range-for's byte index stepping by 24 now lays
// out every record the copy moves (CopiedStructs.indexedLayoutOfCopiedRange). Found by a corpus of
// C++ nobody here wrote.
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

struct Channel {
  int id;
  const double *src;
  double gain;
};

double mix(const double *p) {
  std::vector<double> raw = {p[0], 2 * p[1]};
  std::vector<Channel> channels;
  channels.push_back(Channel{0, raw.data(), 1.0 + p[2]});
  channels.push_back(Channel{1, raw.data() + 1, 2.0});
  channels.push_back(Channel{2, raw.data(), 0.5 * p[2]});
  double sum = 0;
  for (const Channel &channel : channels) sum += channel.gain * channel.src[0];
  return sum;
}

int main() {
  double p[3] = {0.3, -0.7, 1.1};
  // (1 + p2) p0 + 2 (2 p1) + 0.5 p2 p0
  double want[3] = {1 + p[2] + 0.5 * p[2], 4, p[0] + 0.5 * p[0]};
  double g[3] = {0, 0, 0};
  __enzyme_autodiff<void>((void *)mix, enzyme_dup, p, g);
  for (int i = 0; i < 3; i++) {
    double direction[3] = {0, 0, 0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff<double>((void *)mix, enzyme_dup, p, direction);
    char what[64];
    snprintf(what, sizeof what, "reverse d/dp%d", i);
    check_rel(what, g[i], want[i], 1e-13);
    snprintf(what, sizeof what, "forward d/dp%d", i);
    check_rel(what, tangent, want[i], 1e-13);
  }
  return finish();
}
