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
// std::vectors of records holding a pointer beside doubles (`{int id; const double *src; double
// gain}` and `{double gain; const double *src}`) grown by push_back in a loop, then sorted by
// std::sort on the active field: reverse mode against central differences and forward mode, at
// every optimization level. Growing relocates the records with one memmove of run-time length,
// which was typed by the memory's first access (a pointer): the gains' adjoints stayed in the old
// storage (silently 0). Now a copy of run-time length is laid out as the record a side's declared
// type or indexing says starts there (Types/CopiedStructs.swift, CopiedStructs+IndexedRecords).
// Sorting moves records with 24-byte copies through a temporary declared as the record and
// between elements; unoptimized, the copies between elements were typed by the comparator's
// reads (doubles), and the pointers' shadows stayed behind (silently wrong). Copies of one length
// moving the same memory now take the temporary's declared layout
// (Types/CopiedStructs+RelatedCopies.swift). Found by a corpus of C++ nobody here wrote.
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
struct Tap {
  double gain;
  const double *src;
};

template <typename Record, bool sorted> double mix(const double *p, int n) {
  std::vector<Record> records;
  for (int i = 0; i < n; i++) {
    double gain = p[n + i] * p[n + i];
    Record r{};
    r.gain = gain;
    r.src = p + i;
    records.push_back(r);
  }
  if (sorted) std::sort(records.begin(), records.end(), [](const Record &a, const Record &b) { return a.gain < b.gain; });
  double sum = 0, weight = 1;
  for (const Record &r : records) {
    sum += weight * r.gain * r.src[0];
    weight += 1;
  }
  return sum;
}

template <typename Record, bool sorted> void check(const char *name) {
  const int n = 20, m = 2 * n;  // past std::sort's insertion-sort threshold (16)
  double p[m], g[m] = {0};
  for (int i = 0; i < m; i++) p[i] = 0.3 + 0.37 * ((i * 7) % 11) - 0.1 * i;
  __enzyme_autodiff<void>((void *)mix<Record, sorted>, enzyme_dup, p, g, enzyme_const, n);
  for (int i = 0; i < m; i++) {
    double direction[m] = {0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff<double>((void *)mix<Record, sorted>, enzyme_dup, p, direction, enzyme_const, n);
    double h = 1e-6, q[m];
    for (int j = 0; j < m; j++) q[j] = p[j];
    q[i] = p[i] + h;
    double up = mix<Record, sorted>(q, n);
    q[i] = p[i] - h;
    double down = mix<Record, sorted>(q, n);
    char what[96];
    snprintf(what, sizeof what, "%s: reverse d/dp%d", name, i);
    check_fd(what, g[i], (up - down) / (2 * h), 1e-6);
    snprintf(what, sizeof what, "%s: reverse against forward d/dp%d", name, i);
    check_rel(what, g[i], tangent, 1e-12);
  }
}

int main() {
  check<Channel, false>("{int, pointer, double} grown");
  check<Channel, true>("{int, pointer, double} grown and sorted");
  check<Tap, false>("{double, pointer} grown");
  check<Tap, true>("{double, pointer} grown and sorted");
  return finish();
}
