// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: not --crash %t throw 2>&1 | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// RUN: not --crash %t.O0 throw 2>&1 | FileCheck %s
// A try/catch inside the differentiated code, in reverse mode: a sum of powers whose exponent is
// parsed from text with std::stoi, and a fallback sum of squares when the text is no number; the
// weights in a vector shrunk with shrink_to_fit (whose libstdc++ helper catches a failed
// allocation). The reverse sweep knows only the paths without exceptions: where none is caught the
// gradient is right (against the derivative by hand, and forward mode); where one is (the text
// "none"), the program stops, naming the catch. Both were refused when swad compiled them.
// CHECK: swad: {{.*}}caught-and-continued.cpp:[[@LINE+32]]:{{[0-9]+}}: in function '{{.*}}': an exception was caught and the function went on, which a gradient in reverse mode cannot follow
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);
}

// Σ xᵢ^p · wᵢ, p read from the text, the weights xᵢ² in a vector grown and shrunk.
static double powers(const double *x, int n, const std::string &text) {
  int p = std::stoi(text);
  std::vector<double> w;
  w.reserve(4 * n);
  for (int i = 0; i < n; i++) w.push_back(x[i] * x[i]);
  w.shrink_to_fit();
  double s = 0;
  for (int i = 0; i < n; i++) {
    double t = 1;
    for (int k = 0; k < p; k++) t *= x[i];
    s += t * w[i];
  }
  return s;
}

__attribute__((noinline)) double loss(const double *x, int n, const std::string *text) {
  try {
    return powers(x, n, *text);
  } catch (const std::invalid_argument &) {
    double s = 0;
    for (int i = 0; i < n; i++) s += x[i] * x[i];
    return s;
  }
}

int main(int argc, char **argv) {
  std::string text = argc > 1 && !strcmp(argv[1], "throw") ? "none" : "3";
  const int n = 3;
  double x[n] = {0.5, -1.25, 2.0}, g[n] = {0};
  __enzyme_autodiff((void *)loss, enzyme_dup, x, g, enzyme_const, n, enzyme_const, &text);
  for (int i = 0; i < n; i++) {
    double want = 5 * x[i] * x[i] * x[i] * x[i];  // d/dx x^3 · x^2
    double e[n] = {0};
    e[i] = 1;
    check_rel("reverse", g[i], want, 1e-14);
    check_rel("forward", __enzyme_fwddiff((void *)loss, enzyme_dup, x, e, enzyme_const, n, enzyme_const, &text), want,
              1e-14);
  }
  return finish();
}
