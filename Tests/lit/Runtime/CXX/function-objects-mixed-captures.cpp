// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: not --crash %t 2>&1 | FileCheck %s
// RUN: %clangxx -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clangxx %t.O2.opt.bc -o %t.O2
// RUN: not --crash %t.O2 2>&1 | FileCheck %s
// RUN: %clangxx -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.plain.bc
// RUN: %swad-opt %t.plain.bc -o %t.plain.opt.bc
// RUN: %clangxx %t.plain.opt.bc -o %t.plain
// RUN: not --crash %t.plain 2>&1 | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: not --crash %t.O0 2>&1 | FileCheck %s
// A std::vector<std::function<double(double)>> holding lambdas that capture by value (a double)
// and by reference (a pointer to one): the bytes a growing vector moves for each element hold a
// double in some elements and a pointer in others, and no one way of moving them is right in
// reverse mode (a pointer's shadow moves forward, a value's adjoint back). Before, the copy was
// taken for a pointer's and the by-value captures' gradients were silently wrong. With the storage
// reserved nothing is moved, and both modes are right; growing, reverse mode stops at run time
// where the elements are moved, naming the helper and saying why (forward mode stays right).
#include <cmath>
#include <functional>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup;
}
template <typename T, typename... Args> T __enzyme_autodiff(Args...);
template <typename T, typename... Args> T __enzyme_fwddiff(Args...);

using Term = std::function<double(double)>;

// sum over x in {0.5, 1, 1.5} of a x + b x^2 + c sin x, b's lambda capturing by reference.
static double sum_of_terms(const double *p, bool reserved) {
  double a = p[0], b = p[1], c = p[2];
  std::vector<Term> terms;
  if (reserved) terms.reserve(4);
  terms.push_back([a](double x) { return a * x; });
  terms.push_back([&b](double x) { return b * x * x; });
  terms.push_back([c](double x) { return c * std::sin(x); });
  double sum = 0;
  for (double x = 0.5; x <= 1.5; x += 0.5)
    for (auto &term : terms) sum += term(x);
  return sum;
}

double growing(const double *p) { return sum_of_terms(p, false); }
double reserved(const double *p) { return sum_of_terms(p, true); }

template <double (*model)(const double *)>
static void check_model(const char *name, bool reverse) {
  double p[3] = {0.7, -1.3, 0.4};
  double want[3] = {0, 0, 0};
  for (double x = 0.5; x <= 1.5; x += 0.5) {
    want[0] += x;
    want[1] += x * x;
    want[2] += std::sin(x);
  }
  double g[3] = {0, 0, 0};
  if (reverse) __enzyme_autodiff<void>((void *)model, enzyme_dup, p, g);
  for (int i = 0; i < 3; i++) {
    double direction[3] = {0, 0, 0};
    direction[i] = 1;
    double tangent = __enzyme_fwddiff<double>((void *)model, enzyme_dup, p, direction);
    char what[64];
    if (reverse) {
      snprintf(what, sizeof what, "%s reverse d/dp%d", name, i);
      check_rel(what, g[i], want[i], 1e-13);
    }
    snprintf(what, sizeof what, "%s forward d/dp%d", name, i);
    check_rel(what, tangent, want[i], 1e-13);
  }
}

int main() {
  check_model<reserved>("reserved", true);
  check_model<growing>("growing", false);
  fprintf(stderr, "%d of %d checks failed before the growing vector's gradient\n", check_failures, check_count);
  check_model<growing>("growing", true);
  return finish();
}

// CHECK: 0 of 9 checks failed before the growing vector's gradient
// CHECK-NEXT: swad: {{.*}}std_function.h:{{[0-9]+}}:{{[0-9]+}}: in function '{{.*}}_M_realloc_insert{{.*}}': cannot differentiate in reverse mode this copy of memory whose bytes the caller reads as a pointer in some elements and as a floating-point value in others (std::function objects holding lambdas that capture by reference and by value, moved by a growing std::vector)
