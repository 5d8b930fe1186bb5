// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx -O2 -g -emit-llvm -c %s -o %t.O2.bc
// RUN: %swad-opt %t.O2.bc -o %t.O2.opt.bc
// RUN: %clangxx %t.O2.opt.bc -o %t.O2
// RUN: %t.O2 | FileCheck %s
// RUN: %clangxx-ad-O0 -DWITHOUT_POINTER_RECORDS %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// Unoptimized input carries no clang field descriptions: where a record that the functions only
// move keeps its pointer, only its declared type in the debug info says (Types/DeclaredDebugTypes.swift);
// without `-g` nothing does, and reverse mode stops rather than guess.
// RUN: %clangxx-ad-O0 %s -o %t.O0p.bc
// RUN: %swad-opt %t.O0p.bc -o %t.O0p.opt.bc
// RUN: %clangxx %t.O0p.opt.bc -o %t.O0p
// RUN: %t.O0p | FileCheck %s
// RUN: %clangxx -O0 -emit-llvm -c %s -o %t.nodebug.bc
// RUN: %swad-opt %t.nodebug.bc -o %t.nodebug.opt.bc
// RUN: %clangxx %t.nodebug.opt.bc -o %t.nodebug
// RUN: not --crash %t.nodebug 2>&1 | FileCheck --check-prefix=REFUSED %s
// CHECK: checks passed
// REFUSED: cannot differentiate in reverse mode this copy of memory: nothing in the program says which of its bytes
//
// `vector::insert(pos, const T&)` and `emplace` of a record copied from another vector, the
// vectors filled by a helper. libstdc++ keeps the new element in a union whose constructor writes
// its first byte, so SROA cut the temporary's copies at byte 1: a piece of the record's double
// (or float, or pointer) moved as an `i8`. The inserted record's derivative was garbage in reverse
// mode (a denormal instead of 8 for `{double w; char c}`), while forward mode was right. Reverse
// mode against forward mode and central differences, for three record shapes.
#include <vector>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

struct Tagged { double w; char c; };
struct Single { float f; double w; };
struct Pointing { const double *p; double w; };

static Tagged record(const double *x, int i, Tagged *) { return Tagged{x[i] * x[i], char(i % 3)}; }
static Single record(const double *x, int i, Single *) { return Single{float(i + 1), 0.5 * x[i]}; }
static Pointing record(const double *x, int i, Pointing *) { return Pointing{x + i, x[i] + 1}; }

static double weight(const Tagged &r) { return r.w * (r.c + 1); }
static double weight(const Single &r) { return r.w * r.f; }
static double weight(const Pointing &r) { return r.w * *r.p; }

template <class R> static std::vector<R> make(const double *x, int from, int n) {
  std::vector<R> v;
  v.reserve(n + 4);  // room for the insertions: the temporary's path, not the reallocation's
  for (int i = from; i < from + n; i++) v.push_back(record(x, i, (R *)nullptr));
  return v;
}

// The first n - 3 values make the vector, the last 3 the records inserted into it.
template <class R> double inserted(const double *x, int n) {
  std::vector<R> v = make<R>(x, 0, n - 3);
  std::vector<R> w = make<R>(x, n - 3, 3);
  v.insert(v.begin() + 1, w[0]);
  v.insert(v.begin() + n / 2, w[2]);
  v.emplace(v.begin(), w[1]);
  double s = 0;
  for (size_t k = 0; k < v.size(); k++) s += (k + 1) * weight(v[k]);
  return s;
}

template <class R> static void check(const char *name) {
  double (*f)(const double *, int) = inserted<R>;
  enum { M = 9 };
  double x[M], dx[M] = {0};
  for (int i = 0; i < M; i++) x[i] = 0.4 + 0.3 * __builtin_sin(1.3 * i + 0.2);
  __enzyme_autodiff((void *)inserted<R>, enzyme_dup, x, dx, enzyme_const, M);
  check_gradient_fd(name, f, x, dx, M, 1e-6, 1e-6);
  for (int i = 0; i < M; i++) {
    double direction[M] = {0};
    direction[i] = 1;
    char what[80];
    snprintf(what, sizeof what, "%s forward d/dx[%d]", name, i);
    check_rel(what, __enzyme_fwddiff((void *)inserted<R>, enzyme_dup, x, direction, enzyme_const, M), dx[i], 1e-12);
  }
}

int main() {
  check<Tagged>("{double, char}");
  check<Single>("{float, double}");
#ifndef WITHOUT_POINTER_RECORDS
  check<Pointing>("{const double *, double}");
#endif
  return finish();
}
