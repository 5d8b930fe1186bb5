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
// A module that keeps floats in memory: a word of the copies may hold two floats' adjoints, which
// cannot be told from a double's; the first word that may hold an adjoint stops the gradient.
// RUN: %clangxx-ad -DWITH_FLOATS %s -o %t.f.bc
// RUN: %swad-opt %t.f.bc -o %t.f.opt.bc
// RUN: %clangxx %t.f.opt.bc -o %t.f
// RUN: not --crash %t.f 2>&1 | FileCheck --check-prefix=FLOATS %s
// CHECK: 240 checks passed
// FLOATS: swad: {{.*}}move.h:{{[0-9]+}}:{{[0-9]+}}: in function 'swapped(double const*, int, int) (_Z7swappedPKdii)': cannot differentiate in reverse mode this copy of memory that no type lays out (std::function objects moved or copied by a std::vector, the bytes of a union or a std::variant): one of its words holds an adjoint
//
// Records holding a `std::variant<double, Tagged>` (`Tagged` is `{char; double}`), moved inside a
// `std::vector` or `std::deque`: swapped, shifted by assignment, reversed, rotated and sorted, and
// pushed into a deque that grows. The
// variant's double lies at byte 0 in one alternative and at byte 8 in the other, and clang declares
// the variant's storage by its largest member, so a layout taken from the declaration put the only
// double at byte 8. The first alternative's adjoint stayed behind when such a record moved (a swap
// gave [0, 1] instead of [2, 1], silently), in reverse mode only: forward mode copies shadows byte
// by byte. Reverse mode against forward mode and central differences, with odd and even counts
// and both alternatives first.
#include <algorithm>
#include <deque>
#include <utility>
#include <variant>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

struct Tagged {
  char tag;
  double w;
};
struct Record {
  std::variant<double, Tagged> v;
  int id;
};

#ifdef WITH_FLOATS
// Floats in memory elsewhere in the module.
volatile float gain = 1.5f;
__attribute__((noinline)) void scale(float *p, int n) {
  for (int i = 0; i < n; i++) p[i] *= gain;
}
#endif

static double value(const Record &r) {
  return std::holds_alternative<double>(r.v) ? std::get<double>(r.v) : std::get<Tagged>(r.v).w;
}

template <typename Container> static Container filled(const double *x, int n, int first) {
  Container c;
  for (int i = 0; i < n; i++) {
    if ((i + first) % 2 == 0) c.push_back(Record{x[i] * x[i], i});
    else c.push_back(Record{Tagged{'a', 3.0 * x[i]}, i});
  }
  return c;
}

template <typename Container> static double weighted(const Container &c) {
  double s = 0;
  int k = 1;
  for (const Record &r : c) s += (k++) * value(r) * (1.0 + 0.1 * r.id);
  return s;
}

__attribute__((noinline)) double swapped(const double *x, int n, int first) {
  std::vector<Record> v = filled<std::vector<Record>>(x, n, first);
  std::swap(v[0], v[1]);
  std::swap(v[n - 1], v[n / 2]);
  return weighted(v);
}

__attribute__((noinline)) double shifted(const double *x, int n, int first) {
  std::vector<Record> v = filled<std::vector<Record>>(x, n, first);
  for (int i = 0; i + 1 < n; i++) v[i] = v[i + 1];
  return weighted(v);
}

__attribute__((noinline)) double dequeShifted(const double *x, int n, int first) {
  std::deque<Record> d = filled<std::deque<Record>>(x, n, first);
  for (int i = n - 1; i > 0; i--) d[i] = d[i - 1];
  d.push_front(d.back());
  return weighted(d);
}

// 6n records: the deque takes a new block of 16 as it grows, copying the record pushed into it.
__attribute__((noinline)) double dequeGrown(const double *x, int n, int first) {
  std::deque<Record> d;
  for (int i = 0; i < 6 * n; i++) {
    if ((i + first) % 3 == 0) d.push_back(Record{x[i % n] * x[i % n], i});
    else d.push_back(Record{Tagged{'a', x[i % n] + 0.5 * i}, i});
  }
  for (int i = 0; i < n; i++) std::swap(d[i], d[5 * n + i]);
  return weighted(d);
}

__attribute__((noinline)) double reversedAndRotated(const double *x, int n, int first) {
  std::vector<Record> v = filled<std::vector<Record>>(x, n, first);
  std::reverse(v.begin(), v.end());
  std::rotate(v.begin(), v.begin() + 2, v.end());
  return weighted(v);
}

__attribute__((noinline)) double sorted(const double *x, int n, int first) {
  std::vector<Record> v = filled<std::vector<Record>>(x, n, first);
  std::sort(v.begin(), v.end(), [](const Record &a, const Record &b) { return (a.id * 7) % 5 < (b.id * 7) % 5; });
  return weighted(v);
}

enum { MAX = 7 };

// Reverse mode against forward mode and central differences for `f`, n = 6 and 7 with the first
// alternative first and n = 7 with the other: 40 checks. (A macro: the entry points need the
// function itself, not a pointer chosen at run time.)
#define CHECK_GRADIENT(f)                                                                               \
  for (int run = 0; run < 3; run++) {                                                                   \
    int n = run == 0 ? 6 : MAX, first = run == 2;                                                       \
    double g[MAX] = {0};                                                                                \
    __enzyme_autodiff<double>((void *)f, enzyme_dup, x, g, enzyme_const, n, enzyme_const, first);       \
    for (int i = 0; i < n; i++) {                                                                       \
      double dx[MAX] = {0};                                                                             \
      dx[i] = 1;                                                                                        \
      char what[96];                                                                                    \
      snprintf(what, sizeof what, #f ", n = %d, first %d: d/dx%d against forward mode", n, first, i);   \
      check_rel(what, g[i],                                                                             \
                __enzyme_fwddiff<double>((void *)f, enzyme_dup, x, dx, enzyme_const, n, enzyme_const, first), \
                1e-12);                                                                                 \
      double h = 1e-6, q[MAX];                                                                          \
      for (int j = 0; j < MAX; j++) q[j] = x[j];                                                        \
      q[i] = x[i] + h;                                                                                  \
      double up = f(q, n, first);                                                                       \
      q[i] = x[i] - h;                                                                                  \
      double down = f(q, n, first);                                                                     \
      snprintf(what, sizeof what, #f ", n = %d, first %d: d/dx%d against central differences", n, first, i); \
      check_fd(what, g[i], (up - down) / (2 * h), 1e-6);                                                \
    }                                                                                                   \
  }

int main() {
  double x[MAX];
  for (int i = 0; i < MAX; i++) x[i] = 0.7 + 0.31 * i - 0.045 * i * i;
  CHECK_GRADIENT(swapped);
  CHECK_GRADIENT(shifted);
  CHECK_GRADIENT(dequeShifted);
  CHECK_GRADIENT(dequeGrown);
  CHECK_GRADIENT(reversedAndRotated);
  CHECK_GRADIENT(sorted);
  return finish();
}
