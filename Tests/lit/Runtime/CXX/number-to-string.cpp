// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// std::to_string of values with derivatives inside the differentiated function (a progress line, a
// label): libstdc++ formats them with its variadic __gnu_cxx::__to_xstring, which was refused as
// a variadic call with active arguments. Characters carry no derivative; the call is run again on
// the shadow string, as string members are, so that the shadow's destructor has a string to free.
#include <string>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

std::string progress;

double labelled(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] * x[i];
  std::string line = "s=" + std::to_string(s) + " first=" + std::to_string(x[0]) + " n=" + std::to_string(n);
  progress = line;
  return line.size() > 200 ? 0.0 : s * x[1];
}

int main() {
  double x[3] = {0.5, 1.5, 2.0}, dx[3] = {0};
  __enzyme_autodiff((void *)labelled, enzyme_dup, x, dx, enzyme_const, 3);
  double s = 0.25 + 2.25 + 4.0;
  double want[3] = {2 * x[0] * x[1], 2 * x[1] * x[1] + s, 2 * x[2] * x[1]};
  for (int i = 0; i < 3; i++) {
    check_rel("labelled", dx[i], want[i], 1e-15);
    double v[3] = {0};
    v[i] = 1;
    check_rel("labelled forward", __enzyme_fwddiff((void *)labelled, enzyme_dup, x, v, enzyme_const, 3), want[i], 1e-15);
  }
  check_exact("progress", progress.rfind("s=6.5", 0) == 0, 1);
  return finish();
}
