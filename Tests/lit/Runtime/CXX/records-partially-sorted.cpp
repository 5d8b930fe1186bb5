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
// std::partial_sort and std::nth_element of a std::vector of `{int id; const double *src; double
// gain}` records by gain, then a range-for over the first half (partial_sort) or all of them: reverse
// mode against central differences and forward mode, at every optimization level. The heap and
// partition helpers move the records with 24-byte copies through temporaries declared as the
// record and between elements whose sides declare nothing; the copies moving one vector take the
// temporary's layout (Types/CopiedStructs+RelatedCopies). Found by a corpus of C++ nobody here
// wrote, where the same helpers on a growing vector were silently wrong.
#include <algorithm>
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

static bool byGain(const Channel &a, const Channel &b) { return a.gain < b.gain; }

template <bool partial> double mix(const double *p, int n) {
  std::vector<Channel> channels;
  for (int i = 0; i < n; i++) channels.push_back(Channel{i, p + i, p[n + i] * p[n + i]});
  if (partial) {
    std::partial_sort(channels.begin(), channels.begin() + n / 2, channels.end(), byGain);
    channels.resize(n / 2);
  } else {
    std::nth_element(channels.begin(), channels.begin() + n / 2, channels.end(), byGain);
  }
  double sum = 0, weight = 1;
  for (const Channel &c : channels) {
    sum += weight * c.gain * c.src[0];
    weight += 0.5;
  }
  return sum;
}

template <bool partial> void check(const char *name) {
  const int n = 23, m = 2 * n;
  double p[m], g[m] = {0};
  for (int i = 0; i < m; i++) p[i] = 0.3 + 0.37 * ((i * 7) % 11) - 0.05 * i;
  __enzyme_autodiff<void>((void *)mix<partial>, enzyme_dup, p, g, enzyme_const, n);
  for (int i = 0; i < m; i++) {
    double direction[m] = {0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff<double>((void *)mix<partial>, enzyme_dup, p, direction, enzyme_const, n);
    double h = 1e-6, q[m];
    for (int j = 0; j < m; j++) q[j] = p[j];
    q[i] = p[i] + h;
    double up = mix<partial>(q, n);
    q[i] = p[i] - h;
    double down = mix<partial>(q, n);
    char what[96];
    snprintf(what, sizeof what, "%s: reverse d/dp%d", name, i);
    check_fd(what, g[i], (up - down) / (2 * h), 1e-6);
    snprintf(what, sizeof what, "%s: reverse against forward d/dp%d", name, i);
    check_rel(what, g[i], tangent, 1e-12);
  }
}

int main() {
  check<true>("partial_sort");
  check<false>("nth_element");
  return finish();
}
