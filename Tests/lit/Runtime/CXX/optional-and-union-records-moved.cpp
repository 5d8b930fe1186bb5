// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// In a module that keeps floats in memory, the records with a std::optional<double> (declared by
// the double alone, where every member keeps it) are still moved by their layout; the C union
// declared by `{char; double}` holding its double at byte 0 or 8 cannot be told apart word by word
// and stops (before, its adjoint was silently 0).
// RUN: %clangxx-ad -DWITH_FLOATS %s -o %t.f.bc
// RUN: %swad-opt %t.f.bc -o %t.f.opt.bc
// RUN: %clangxx %t.f.opt.bc -o %t.f
// RUN: not --crash %t.f 2>%t.f.err | FileCheck --check-prefix=FLOATS %s
// RUN: FileCheck --check-prefix=FLOATS-STOP %s < %t.f.err
// CHECK: optional: 14 checks passed
// CHECK: tagged: 14 checks passed
// FLOATS: optional: 14 checks passed
// FLOATS-NOT: tagged:
// FLOATS-STOP: swad: {{.*}}optional-and-union-records-moved.cpp:{{[0-9]+}}:{{[0-9]+}}: in function 'tagged(double const*, int) (_Z6taggedPKdi)': cannot differentiate in reverse mode this copy of memory that no type lays out
//
// Records holding a std::optional<double> sorted and swapped in a std::vector, and C records
// holding `union { double d; struct { char tag; double w; } t; }` swapped through a temporary and
// shifted with memmove: reverse mode against forward mode and central differences. (Compared to
// 1e-12 of max(|derivative|, 1): the copies' words are told apart when they run, and a word that
// is no adjoint stays in the shadow; where the union's other member left an integer's bits under a
// double that the memmove overwrote, its derivative, exactly 0, reads as a subnormal, 8.6e-322.)
#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

#ifdef WITH_FLOATS
volatile float gain = 2.0f;
__attribute__((noinline)) void scale(float *p) { *p *= gain; }
#endif

struct Maybe {
  std::optional<double> value;
  int id;
};

__attribute__((noinline)) double optional(const double *x, int n) {
  std::vector<Maybe> v;
  for (int i = 0; i < n; i++)
    v.push_back(Maybe{i % 3 == 0 ? std::optional<double>() : std::optional<double>(x[i] * x[i]), i});
  std::sort(v.begin(), v.end(), [](const Maybe &a, const Maybe &b) { return (a.id * 5) % 7 < (b.id * 5) % 7; });
  std::swap(v[0], v[n - 1]);
  double s = 0;
  for (int i = 0; i < n; i++) s += (i + 1) * v[i].value.value_or(0.5);
  return s;
}

struct Tagged {
  int kind;  // 0: d, 1: t
  union {
    double d;
    struct {
      char tag;
      double w;
    } t;
  } u;
};

__attribute__((noinline)) double tagged(const double *x, int n) {
  Tagged *records = (Tagged *)malloc(sizeof(Tagged) * n);
  for (int i = 0; i < n; i++) {
    records[i].kind = i % 2;
    if (i % 2) records[i].u.t.tag = 'a', records[i].u.t.w = 3 * x[i];
    else records[i].u.d = x[i] * x[i];
  }
  Tagged swap;
  memcpy(&swap, &records[0], sizeof(Tagged));
  memcpy(&records[0], &records[1], sizeof(Tagged));
  memcpy(&records[1], &swap, sizeof(Tagged));
  memmove(&records[2], &records[3], sizeof(Tagged) * (n - 3));
  double s = 0;
  for (int i = 0; i < n - 1; i++) s += (i + 1) * (records[i].kind ? records[i].u.t.w : records[i].u.d);
  free(records);
  return s;
}

// Reverse mode against forward mode and central differences at n = 7: 14 checks.
#define CHECK_GRADIENT(f)                                                                               \
  {                                                                                                     \
    const int n = 7;                                                                                    \
    double x[n], g[n] = {0};                                                                            \
    for (int i = 0; i < n; i++) x[i] = 0.5 + 0.2 * i;                                                   \
    __enzyme_autodiff<double>((void *)f, enzyme_dup, x, g, enzyme_const, n);                             \
    for (int i = 0; i < n; i++) {                                                                       \
      double dx[n] = {0};                                                                               \
      dx[i] = 1;                                                                                        \
      char what[64];                                                                                    \
      snprintf(what, sizeof what, #f ": d/dx%d against forward mode", i);                               \
      check_fd(what, g[i], __enzyme_fwddiff<double>((void *)f, enzyme_dup, x, dx, enzyme_const, n), 1e-12);  \
      double h = 1e-6, q[n];                                                                            \
      for (int j = 0; j < n; j++) q[j] = x[j];                                                          \
      q[i] = x[i] + h;                                                                                  \
      double up = f(q, n);                                                                              \
      q[i] = x[i] - h;                                                                                  \
      double down = f(q, n);                                                                            \
      snprintf(what, sizeof what, #f ": d/dx%d against central differences", i);                       \
      check_fd(what, g[i], (up - down) / (2 * h), 1e-6);                                                \
    }                                                                                                   \
    printf(#f ": ");                                                                                    \
    if (finish() != 0) return 1;                                                                        \
    check_count = 0;                                                                                    \
    fflush(stdout);                                                                                     \
  }

int main() {
  setvbuf(stdout, NULL, _IONBF, 0);
  CHECK_GRADIENT(optional);
  CHECK_GRADIENT(tagged);
  return 0;
}
