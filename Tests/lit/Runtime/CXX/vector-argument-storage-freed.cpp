// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: not --crash %t grow 2>&1 | FileCheck %s --check-prefix=LOST
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: not --crash %t.O0 grow 2>&1 | FileCheck %s --check-prefix=LOST
// CHECK: 11 checks passed
// LOST: swad: {{.*}}: in function 'grow_then_sum({{.*}})': a derivative would be lost: the function frees memory whose shadow then receives adjoints
// A std::vector<double>& passed with its shadow (enzyme_dup) and grown by push_back past its
// capacity gets new storage, and so does its shadow; the old is freed. The derivative with respect
// to the elements on entry is left in the old shadow storage, which the caller's shadow vector no
// longer holds: the gradient came back 0, silently (Enzyme's semantics give the same). The program
// now stops, naming the free, when adjoints are left in the shadow of storage freed by operator
// delete. With the capacity reserved in both vectors, nothing is freed and the gradient is right;
// storage replaced whose old values the function does not read leaves nothing behind.
#include <string.h>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
}

// v.push_back(v0·v1); returns Σ t² over the grown vector.
__attribute__((noinline)) double grow_then_sum(std::vector<double> &v) {
  v.push_back(v[0] * v[1]);
  double s = 0;
  for (double t : v) s += t * t;
  return s;
}

// v = {x, x, x, x, x} (new storage, the old values unread); returns Σ t².
__attribute__((noinline)) double replaced(std::vector<double> &v, const double *x) {
  v = std::vector<double>(5, x[0]);
  double s = 0;
  for (double t : v) s += t * t;
  return s;
}

int main(int argc, char **argv) {
  bool grow = argc > 1 && strcmp(argv[1], "grow") == 0;
  std::vector<double> a = {1.0, 2.0, 3.0}, da(3, 0.0);
  // The capacity in place, the shadow's spare slot zeroed (a seed, as in Enzyme).
  if (!grow) a.reserve(4), da.assign(4, 0.0), da.resize(3);
  __enzyme_autodiff((void *)grow_then_sum, enzyme_dup, &a, &da);
  // d/dv0 = 2 v0 + 2 v0 v1², d/dv1 = 2 v1 + 2 v1 v0², d/dv2 = 2 v2.
  check_rel("d/dv0", da[0], 10, 1e-15);
  check_rel("d/dv1", da[1], 8, 1e-15);
  check_rel("d/dv2", da[2], 6, 1e-15);
  check_exact("the shadow grew with the vector", da.size(), 4);
  check_exact("the new element's adjoint taken", da[3], 0);

  std::vector<double> b = {7.0, 8.0}, db(2, 0.0);
  double x[1] = {1.5}, dx[1] = {0};
  __enzyme_autodiff((void *)replaced, enzyme_dup, &b, &db, enzyme_dup, x, dx);
  check_rel("replaced: d/dx", dx[0], 10 * x[0], 1e-15);
  check_exact("replaced: the shadow's size", db.size(), 5);
  for (int i = 0; i < 4; i++) check_exact("replaced: the adjoints taken", db[i], 0);
  return finish();
}
