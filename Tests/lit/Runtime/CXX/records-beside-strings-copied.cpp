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
// The driver compiles C++ with debug info for AD's sake without -g, and strips it after.
// RUN: %swad %s -o %t.driver
// RUN: %t.driver | FileCheck %s
// CHECK: 40 checks passed
//
// Records holding a `std::string` beside doubles (and an int), in a `std::vector` that is copied,
// that grows, and whose records are copied into a `std::map`. Optimized C++ copies the members
// after the string with one `memcpy` of their bytes (12 or 16 bytes at offset 32) in a helper
// whose only other accesses are the string's pointer and length; the memory's first access, that
// pointer, typed the copy, and the doubles' adjoints stayed behind: the reverse-mode gradient was
// silently 0 (forward mode was right). With `-g` the helper's debug records declare its pointers
// `Rec *`, and the record's members lay the copy out (Types/DeclaredDebugTypes.swift). Reverse
// mode against forward mode and central differences, from -O2 and -O0 input.
#include <map>
#include <string>
#include <vector>
#include "../Inputs/gradient-check.hpp"

struct Tagged { std::string id; double v; int k; };
struct Species { std::string name; double conc; double rate; };

// The vector copied (`std::__do_uninit_copy`), then its copy grown (`_M_realloc_insert`).
__attribute__((noinline)) double copied(const double *x, int n) {
  std::vector<Tagged> s;
  for (int i = 0; i < n; i++) s.push_back({"r" + std::to_string(i), x[i] * x[i], i + 1});
  std::vector<Tagged> c = s;
  c.push_back({"extra", 0.5 * x[0], 7});
  double r = 0;
  for (const Tagged &t : c) r += t.k * t.v;
  return r;
}

__attribute__((noinline)) static double first(const std::vector<Species> &s) { return s[0].conc; }

// Records moved as the vector grows, read by a helper that is not inlined, and copied into a map
// before the vector's records change.
__attribute__((noinline)) double mapped(const double *x, int n) {
  std::vector<Species> sp;
  for (int i = 0; i < n; i++) sp.push_back({"s" + std::to_string(i), 0.2 + 0.1 * i, x[i]});
  std::map<std::string, Species> byName;
  for (const Species &s : sp) byName.emplace(s.name, s);
  for (int t = 0; t < 2; ++t)
    for (Species &s : sp) s.conc -= s.rate * s.conc;
  double r = byName.at("s0").rate * first(sp);
  for (const Species &s : sp) r += s.conc * s.rate;
  return r;
}

int main() {
  for (int n : {1, 4, 5}) {
    check_gradient<copied>("copied", n, {0.4, 0.13, 0});
    check_gradient<mapped>("mapped", n, {0.4, 0.13, 0});
  }
  return finish();
}
