// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clangxx %t.O2.opt.bc -o %t.O2
// RUN: %t.O2 | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: not %swad-opt %t.O0.bc -o %t.O0.opt.bc 2>&1 | FileCheck %s --check-prefix=UNOPTIMIZED
// CHECK: 232 checks passed
//
// A `std::vector<std::tuple<char, double, int>>` grown by `emplace_back`, then read with structured
// bindings, and the same with a record `{char tag; double v; int k}`. The `char` is copied byte by
// byte twice, beside the double: into the new element (through `char&&`, tagged as the tuple's
// `char` field) and by the relocation loop (beside the double moved as an `i64` tagged `double`).
// Both were refused as "a copy of data byte by byte that may be floating-point"
// (`Reverse/character-field-copied-beside-double.ll`).
//
// From `clang -O0` input nothing is tagged, and the relocation loop's byte, at a place a pointer
// steps to, is still refused (the `int&&` copied into the new element no longer is:
// `Reverse/integer-parameter-every-caller-declares.ll`).
// UNOPTIMIZED: error: {{.*}}tuple:{{[0-9]+}}:{{[0-9]+}}: in function {{.*}}_M_realloc_insert{{.*}}: cannot differentiate in reverse mode this copy of data byte by byte that may be floating-point
#include <tuple>
#include <vector>
#include "../Inputs/gradient-check.hpp"

__attribute__((noinline)) double tuples(const double *x, int n) {
  std::vector<std::tuple<char, double, int>> items;
  for (int i = 0; i < n; i++) items.emplace_back(char('a' + i % 3), x[i], i + 1);
  double s = 0;
  for (auto &[c, v, k] : items) s += (c == 'a' ? 2.0 : 1.0) * v * v * k;
  return s;
}

struct Tagged {
  char tag;
  double v;
  int k;
};

__attribute__((noinline)) double records(const double *x, int n) {
  std::vector<Tagged> items;
  for (int i = 0; i < n; i++) items.push_back({char('x' + i % 2), sin(x[i]), i % 4});
  double s = 0;
  for (const Tagged &t : items) s += (t.tag == 'x' ? t.v : -t.v) * (t.k + 0.5) * t.v;
  return s;
}

int main() {
  for (int n : {1, 3, 9, 16, 29}) {
    check_gradient<tuples>("tuples", n, {0.2, 0.1, -0.001});
    check_gradient<records>("records", n, {0.3, 0.07, 0.002});
  }
  return finish();
}
