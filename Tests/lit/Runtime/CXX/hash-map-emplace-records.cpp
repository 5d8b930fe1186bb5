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
// A std::unordered_map<int, Record> of `{int, int, double, double}` records filled five ways
// (emplace, piecewise emplace, insert, try_emplace, operator[]) and read back by at(): both modes
// against the hand derivative. Unoptimized, emplace and insert build the node in a helper that
// copies the record in with a 24-byte memcpy from the caller's temporary (through a tuple of
// references for the piecewise form); the node's only other access there is its `next` pointer,
// and the copy was taken for a pointer's: reverse mode was silently 0. The caller's hint now lays
// out the record it built, integers beside doubles (Gradient+MemoryHints), and a pointer the
// caller stores into the tuple hints what it points to (Gradient+PointeeHints). Found by a corpus
// of C++ nobody here wrote.
#include <tuple>
#include <unordered_map>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

struct Record {
  int id, twice;
  double square, shifted;
};

enum Fill { emplace, piecewise, insert, tryEmplace, subscript };

template <Fill how> double energy(const double *w, int n) {
  std::unordered_map<int, Record> records;
  for (int i = 0; i < n; i++) {
    Record r{i, 2 * i, w[i] * w[i], w[i] + 1.0};
    if (how == emplace) records.emplace(i, r);
    if (how == piecewise)
      records.emplace(std::piecewise_construct, std::forward_as_tuple(i), std::forward_as_tuple(r));
    if (how == insert) records.insert({i, r});
    if (how == tryEmplace) records.try_emplace(i, r);
    if (how == subscript) records[i] = r;
  }
  double sum = 0;
  for (int i = 0; i < n; i++) {
    const Record &r = records.at(i);
    sum += r.square * r.shifted + r.twice;
  }
  return sum;
}

template <Fill how> void check(const char *name) {
  const int n = 7;  // past the first rehashes (1, 13 buckets)
  double w[n], g[n] = {0};
  for (int i = 0; i < n; i++) w[i] = 0.3 + 0.25 * i;
  __enzyme_autodiff<void>((void *)energy<how>, enzyme_dup, w, g, enzyme_const, n);
  for (int i = 0; i < n; i++) {
    double direction[n] = {0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff<double>((void *)energy<how>, enzyme_dup, w, direction, enzyme_const, n);
    // d/dw (w² (w + 1)) = 3w² + 2w
    double want = 3 * w[i] * w[i] + 2 * w[i];
    char what[64];
    snprintf(what, sizeof what, "%s: reverse d/dw%d", name, i);
    check_rel(what, g[i], want, 1e-13);
    snprintf(what, sizeof what, "%s: forward d/dw%d", name, i);
    check_rel(what, tangent, want, 1e-13);
  }
}

int main() {
  check<emplace>("emplace");
  check<piecewise>("piecewise emplace");
  check<insert>("insert");
  check<tryEmplace>("try_emplace");
  check<subscript>("operator[]");
  return finish();
}
