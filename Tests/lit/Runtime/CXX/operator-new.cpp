// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %if valgrind %{ valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite %t %}
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// RUN: %if valgrind %{ valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite %t.O0 %}
// operator new and delete in every variant (plain, array, nothrow, aligned, sized) holding
// active data in differentiated code. Both modes against hand derivatives; every shadow is released
// by the matching operator delete (valgrind).
#include <new>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);
extern int enzyme_dup, enzyme_const;

struct alignas(64) Wide { double v[8]; };

double allocations(const double *x) {
  double *a = new double(x[0]);
  double *b = new double[3]{x[0], x[1], x[0] * x[1]};
  double *c = new (std::nothrow) double(x[1] * x[1]);
  Wide *w = new Wide;
  for (int i = 0; i < 8; i++) w->v[i] = i * x[0];
  Wide *ws = new Wide[2];
  ws[1].v[3] = x[1];
  double *raw = static_cast<double *>(::operator new(2 * sizeof(double), std::align_val_t(32)));
  raw[0] = x[0] * 2;
  double r = *a * b[2] + *c + w->v[7] + ws[1].v[3] * raw[0];
  delete a;
  delete[] b;
  ::operator delete(c, std::nothrow);
  delete w;
  delete[] ws;
  ::operator delete(raw, 2 * sizeof(double), std::align_val_t(32));
  return r;
}

int main() {
  double x[2] = {0.7, -1.3};
  // r = x0·x0x1 + x1² + 7x0 + 2x0x1
  double want[2] = {2 * x[0] * x[1] + 7 + 2 * x[1], x[0] * x[0] + 2 * x[1] + 2 * x[0]};
  double dx[2] = {0, 0};
  __enzyme_autodiff((void *)allocations, enzyme_dup, x, dx);
  for (int i = 0; i < 2; i++) {
    check_rel("reverse", dx[i], want[i], 1e-14);
    double v[2] = {0, 0};
    v[i] = 1;
    check_rel("forward", __enzyme_fwddiff((void *)allocations, enzyme_dup, x, v), want[i], 1e-14);
  }
  return finish();
}
