// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s --check-prefix=RIGHT
// RUN: %clangxx -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clangxx %t.O2.opt.bc -o %t.O2
// RUN: %t.O2 | FileCheck %s --check-prefix=RIGHT
// RUN: %clangxx -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clangxx %t.plain.opt.bc -o %t.plain
// RUN: %t.plain | FileCheck %s --check-prefix=RIGHT
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s --check-prefix=RIGHT
// RUN: %clangxx -O0 -emit-llvm -c %s -o %t.nodebug.bc
// RUN: %swad-opt %t.nodebug.bc -o %t.nodebug.opt.bc
// RUN: %clangxx %t.nodebug.opt.bc -o %t.nodebug
// RUN: not --crash %t.nodebug 2>&1 | FileCheck %s --check-prefix=STOPS
// RIGHT: 36 checks passed
// STOPS: forward mode right
// STOPS: swad: in function '{{.*}}merge_adaptive{{.*}}': cannot differentiate in reverse mode this copy of memory: the accesses to some of its bytes say floating-point values or integers, and nothing says where pointers lie, and at run time they hold a pointer
// std::stable_sort of nine `{int id; const double *src; double gain}` records by gain (its insertion
// sorts and one merge through a buffer). Optimized, the records' copies are typed and the gradient is
// right. Unoptimized, the merge copies whole records in a helper that reads only their gains (the
// comparison): the copies were typed as doubles, the pointers' shadows stayed behind, and the
// gradient was silently wrong. Such copies check their source when they run and stop with a
// message naming the copy on finding a pointer (Support/UntypedCopies.swift, typedAsData). With
// `-g`, the merge's debug records declare its pointers `Channel *`, which lays the copies out
// (Types/DeclaredDebugTypes.swift), and the gradient is right at -O0 too; without, the copy still
// stops. Forward mode is right at every level.
#include <algorithm>
#include <cstring>
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

double mix(const double *p, int n) {
  std::vector<Channel> channels;
  for (int i = 0; i < n; i++) channels.push_back(Channel{i, p + i, p[n + i] * p[n + i]});
  std::stable_sort(
    channels.begin(), channels.end(), [](const Channel &a, const Channel &b) { return a.gain < b.gain; });
  double sum = 0, weight = 1;
  for (const Channel &c : channels) {
    sum += weight * c.gain * c.src[0];
    weight += 0.5;
  }
  return sum;
}

int main() {
  const int n = 9, m = 2 * n;
  double p[m], g[m] = {0};
  for (int i = 0; i < m; i++) p[i] = 0.3 + 0.37 * ((i * 7) % 11) - 0.05 * i;
  double fd[m];
  for (int i = 0; i < m; i++) {
    double h = 1e-6, q[m];
    for (int j = 0; j < m; j++) q[j] = p[j];
    q[i] = p[i] + h;
    double up = mix(q, n);
    q[i] = p[i] - h;
    double down = mix(q, n);
    fd[i] = (up - down) / (2 * h);
    double direction[m] = {0};
    direction[i] = 1;
    char what[64];
    snprintf(what, sizeof what, "forward d/dp%d", i);
    check_fd(what, __enzyme_fwddiff<double>((void *)mix, enzyme_dup, p, direction, enzyme_const, n), fd[i], 1e-6);
  }
  if (check_failures) return finish();
  fprintf(stderr, "forward mode right\n");
  __enzyme_autodiff<void>((void *)mix, enzyme_dup, p, g, enzyme_const, n);
  for (int i = 0; i < m; i++) {
    char what[64];
    snprintf(what, sizeof what, "reverse d/dp%d", i);
    check_fd(what, g[i], fd[i], 1e-6);
  }
  return finish();
}
