// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang -O0 -Xclang -disable-O0-optnone -g -emit-llvm -c %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clang %t.O0.opt.bc -o %t.O0 -lm
// RUN: %t.O0
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// A model whose terms are read from text inside the differentiated function: the coefficients with
// strtod and strtol through their end pointers, the terms found with strchr and memchr, a parser
// going on from where each number ended. Those calls were refused ("no body and no derivative
// rule"); they have no derivative, and the addresses they find have their shadows at the same
// places of the text's (Rules/SearchRoutines.swift). The text is a literal (its own shadow) and a
// buffer the function fills. Both modes, against hand derivatives.
#include <stdlib.h>
#include <string.h>
#include "../Inputs/check.h"

extern double __enzyme_autodiff(void *, ...);
extern double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

// Terms "c*x^p" separated by '+': the sum of c x[k]^p over the terms, term k on x[k].
static double evaluate(const char *text, const double *x) {
  double sum = 0;
  const char *at = text;
  for (int k = 0; *at; k++) {
    char *end;
    double c = strtod(at, &end);
    const char *power = strchr(end, '^');
    long p = power ? strtol(power + 1, &end, 10) : 1;
    double term = c;
    for (long i = 0; i < p; i++) term *= x[k];
    sum += term;
    const char *plus = memchr(end, '+', strlen(end));
    if (!plus) break;
    at = plus + 1;
  }
  return sum;
}

double model(const double *x, int variant) {
  if (variant == 0) return evaluate("2.5*x^2+-1.5*x^3+4*x", x);
  char buffer[64];
  strcpy(buffer, "0.5*x^4+3*x^1");
  return evaluate(buffer, x);
}

int main(void) {
  const double points[2][3] = {{1.5, -0.5, 2.0}, {-1.25, 0.75, 0.5}};
  for (int p = 0; p < 2; p++) {
    const double *x = points[p];
    double want[2][3] = {
      {5.0 * x[0], -4.5 * x[1] * x[1], 4.0},
      {2.0 * x[0] * x[0] * x[0], 3.0, 0.0},
    };
    for (int variant = 0; variant < 2; variant++) {
      double dx[3] = {0, 0, 0};
      __enzyme_autodiff((void *)model, enzyme_dup, x, dx, enzyme_const, variant);
      for (int i = 0; i < 3; i++) check_rel("reverse", dx[i], want[variant][i], 1e-14);
      for (int i = 0; i < 3; i++) {
        double t[3] = {0, 0, 0};
        t[i] = 1;
        double tangent = __enzyme_fwddiff((void *)model, enzyme_dup, x, t, enzyme_const, variant);
        check_rel("forward", tangent, want[variant][i], 1e-14);
      }
    }
  }
  return finish();
}
