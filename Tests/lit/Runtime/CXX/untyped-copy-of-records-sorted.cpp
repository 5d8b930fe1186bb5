// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t stable 2>&1 | FileCheck %s
// RUN: %t copied 2>&1 | FileCheck %s
// RUN: %clangxx -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clangxx %t.O2.opt.bc -o %t.O2
// RUN: %t.O2 stable 2>&1 | FileCheck %s
// RUN: %t.O2 copied 2>&1 | FileCheck %s
// RUN: %clangxx -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clangxx %t.plain.opt.bc -o %t.plain
// RUN: %t.plain stable 2>&1 | FileCheck %s
// RUN: %t.plain copied 2>&1 | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 stable 2>&1 | FileCheck %s
// RUN: %t.O0 copied 2>&1 | FileCheck %s
// RUN: %clangxx -O0 -emit-llvm -c %s -o %t.nodebug.bc
// RUN: %swad-opt %t.nodebug.bc -o %t.nodebug.opt.bc
// RUN: %clangxx %t.nodebug.opt.bc -o %t.nodebug
// RUN: not --crash %t.nodebug stable 2>&1 | FileCheck %s --check-prefix=STOP
// RUN: %t.nodebug copied 2>&1 | FileCheck %s
// Standard algorithms moving a std::vector of `{int id; const double *src; double gain}` records
// where nothing types the records: `stable` is std::stable_sort by gain, whose merges move records
// between the vector and a buffer in helpers that get them through pointers passed by value and
// read only the gains; `copied` copies the vector, extends the copy by a range `insert` of the
// original and swaps it back, moving the records with memmoves of run-time length through vectors
// whose `begin` and `end` live in registers. Reverse mode took the untyped words for doubles: the
// pointers' shadows stayed behind, and the gradient was silently wrong or crashed. Then such a copy
// checked its source's shadow when it ran and stopped on finding a pointer's. Now a copy whose bytes
// nothing types has its words told apart when the reverse sweep runs (adjoints move back, pointers'
// shadows stay where the forward sweep copied them; Reverse/Gradient+WordsSortedAtRunTime.swift), and
// the gradient agrees with forward mode and central differences: both at -O2, `copied` at -O0.
// Still stopped: `stable` from unoptimized code without `-g`, where std::stable_sort's merge helper
// reads the gains of the records it moves, so their accesses type some words as doubles and
// integers and nothing types the pointers' (the stricter check of Support/UntypedCopies.swift).
// With `-g`, the helpers' debug records declare their pointers `Channel *`, which lays the copies
// out (Types/DeclaredDebugTypes.swift).
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

template <bool stable> double mix(const double *p, int n) {
  std::vector<Channel> channels;
  for (int i = 0; i < n; i++) channels.push_back(Channel{i, p + i, p[n + i] * p[n + i]});
  if (stable) {
    std::stable_sort(
      channels.begin(), channels.end(), [](const Channel &a, const Channel &b) { return a.gain < b.gain; });
  } else {
    std::vector<Channel> twice = channels;
    twice.insert(twice.end(), channels.begin(), channels.end());
    channels.swap(twice);
  }
  double sum = 0, weight = 1;
  for (const Channel &c : channels) {
    sum += weight * c.gain * c.src[0];
    weight += 0.5;
  }
  return sum;
}

template <bool stable> int run() {
  const int n = 40, m = 2 * n;
  double p[m], g[m] = {0}, tangents[m];
  for (int i = 0; i < m; i++) p[i] = 0.3 + 0.37 * ((i * 7) % 11) - 0.05 * i;
  for (int i = 0; i < m; i++) {
    double direction[m] = {0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff<double>((void *)mix<stable>, enzyme_dup, p, direction, enzyme_const, n);
    double h = 1e-6, q[m];
    for (int j = 0; j < m; j++) q[j] = p[j];
    q[i] = p[i] + h;
    double up = mix<stable>(q, n);
    q[i] = p[i] - h;
    double down = mix<stable>(q, n);
    char what[64];
    snprintf(what, sizeof what, "forward d/dp%d", i);
    check_fd(what, tangent, (up - down) / (2 * h), 1e-6);
    tangents[i] = tangent;
  }
  if (check_failures) return finish();
  fprintf(stderr, "forward mode right\n");
  // CHECK: forward mode right
  // STOP: forward mode right
  // STOP: swad: in function '{{.*}}__merge_sort_loop{{.*}}': cannot differentiate in reverse mode this copy of memory: the accesses to some of its bytes say floating-point values or integers, and nothing says where pointers lie, and at run time they hold a pointer
  __enzyme_autodiff<void>((void *)mix<stable>, enzyme_dup, p, g, enzyme_const, n);
  for (int i = 0; i < m; i++) {
    char what[64];
    snprintf(what, sizeof what, "reverse d/dp%d", i);
    check_fd(what, g[i], tangents[i], 1e-12);
  }
  if (check_failures) return finish();
  printf("reverse mode right\n");
  // CHECK: reverse mode right
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "stable") == 0) return run<true>();
  return run<false>();
}
