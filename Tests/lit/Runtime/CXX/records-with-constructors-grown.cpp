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
// CHECK: 116 checks passed
//
// Records with user-written constructors (`{int id; double x, v}` built by `emplace_back(i, ...)`,
// moved by a move constructor that also clears the source's id) in a growing `std::vector`, then
// stepped in place. From `clang -O0` input the constructor copies `id` from the `int&&` that
// `emplace_back` forwards, into storage at a run-time offset beside the doubles; nothing there is
// tagged, and the copy was refused as "a copy of data 4 bytes at a time that may be floating-point".
// Every caller passes an `int` slot (`Reverse/integer-parameter-every-caller-declares.ll`).
#include <utility>
#include <vector>
#include "../Inputs/gradient-check.hpp"

struct Particle {
  int id;
  double x, v;
  Particle(int i, double x0, double v0) : id(i), x(x0), v(v0) {}
  Particle(Particle &&o) noexcept : id(o.id), x(o.x), v(o.v) { o.id = -1; }
  Particle(const Particle &o) : id(o.id), x(o.x), v(o.v) {}
  Particle &operator=(Particle &&o) noexcept {
    id = o.id;
    x = o.x;
    v = o.v;
    return *this;
  }
};

__attribute__((noinline)) double stepped(const double *p, int n) {
  std::vector<Particle> ps;
  for (int i = 0; i < n; i++) ps.emplace_back(i, p[i], 0.5 * p[i]);
  for (int s = 0; s < 3; s++)
    for (Particle &q : ps) {
      q.x += 0.1 * q.v;
      q.v -= 0.1 * sin(q.x);
    }
  double e = 0;
  for (const Particle &q : ps) e += q.x * q.x * (q.id + 1) + q.v * q.v;
  return e;
}

int main() {
  for (int n : {1, 2, 5, 9, 17, 24}) check_gradient<stepped>("stepped", n, {0.3, 0.1, -0.002});
  return finish();
}
