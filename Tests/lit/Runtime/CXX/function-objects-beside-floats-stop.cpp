// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: not --crash %t 2>&1 | FileCheck %s
// RUN: not --crash %t float 2>&1 | FileCheck %s --check-prefix=FLOAT
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: not --crash %t.O0 2>&1 | FileCheck %s
// RUN: not --crash %t.O0 float 2>&1 | FileCheck %s --check-prefix=FLOAT
// std::vector<std::function<double(double)>> holding lambdas that capture a value and lambdas
// that capture by reference, in a program that keeps floats in memory. The growing vector moves
// each element's storage with a copy that only the pointers around it type. Where the module keeps
// no floats but doubles, the reverse sweep tells each word's adjoint from a pointer's shadow
// (function-objects-mixed-captures.cpp); here a word may hold two floats' adjoints, or one float's
// in its low half, and cannot be told apart. Before, the copy was taken for pointers and the
// captured double's or float's adjoint was lost, silently. Now the reverse of the copy stops at the
// first word that may hold an adjoint, naming the function (at -O2 the captured float's own manager,
// reached through a pointer, stops first: it copies the float 4 bytes at a time). Vectors that hold only by-reference
// lambdas, or whose storage is reserved, are not stopped, and are right (against forward mode).
#include <cmath>
#include <cstring>
#include <functional>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

enum { N = 5 };

enum Kind { mixed, mixedReserved, byReference, capturedFloat };

template <Kind kind> static double chain(const double *x) {
  std::vector<std::function<double(double)>> terms;
  if (kind == mixedReserved) terms.reserve(N);
  for (int i = 0; i < N; i++) {
    double w = x[i];
    float narrow = (float)x[i];
    if (i % 2 == 0 || kind == byReference) terms.emplace_back([&x, i](double v) { return v * x[i] + 0.25; });
    else if (kind == capturedFloat) terms.emplace_back([narrow](double v) { return narrow * v; });
    else terms.emplace_back([w](double v) { return w * v; });
  }
  double acc = 0.3;
  for (auto &term : terms) acc = sin(term(acc));
  return acc;
}

template <Kind kind> static void check_model(const char *name) {
  double x[N] = {0.8, 1.3, -0.4, 0.9, 1.1};
  double g[N] = {0};
  __enzyme_autodiff<void>((void *)chain<kind>, enzyme_dup, x, g);
  for (int i = 0; i < N; i++) {
    double direction[N] = {0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff<double>((void *)chain<kind>, enzyme_dup, x, direction);
    char what[64];
    snprintf(what, sizeof what, "%s reverse against forward d/dx%d", name, i);
    check_rel(what, g[i], tangent, 1e-12);
  }
}

static volatile float progress;  // a float kept in memory, as programs keep them

int main(int argc, char **argv) {
  progress = 0.5f;
  check_model<mixedReserved>("reserved");
  check_model<byReference>("by reference");
  fprintf(stderr, "%d of %d checks failed before the grown vectors' gradients\n", check_failures, check_count);
  if (argc > 1 && strcmp(argv[1], "float") == 0) check_model<capturedFloat>("captured float");
  else check_model<mixed>("mixed");
  return finish();
}

// CHECK: 0 of 10 checks failed before the grown vectors' gradients
// CHECK-NEXT: swad: {{.*}}:{{[0-9]+}}:{{[0-9]+}}: in function '{{.*}}': cannot differentiate in reverse mode this copy of memory that no type lays out (std::function objects moved or copied by a std::vector, the bytes of a union or a std::variant): one of its words holds an adjoint, and in a module that keeps floats other than doubles in memory a word cannot be told apart as one double, two floats or a pointer's shadow
// FLOAT: 0 of 10 checks failed before the grown vectors' gradients
// FLOAT-NEXT: swad: {{.*}}:{{[0-9]+}}:{{[0-9]+}}: in function '{{.*}}': {{.*}}cannot differentiate in reverse mode this copy of {{memory that no type lays out|data 4 bytes at a time}}
