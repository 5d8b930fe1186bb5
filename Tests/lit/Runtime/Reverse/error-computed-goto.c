// RUN: %clang-ad %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: not %swad-opt %t.O0in.bc -o %t.O0in.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad -DFORWARD %s -o %t.fwd.bc
// RUN: not %swad-opt %t.fwd.bc -o %t.fwd.opt.bc 2>&1 | FileCheck %s
// A bytecode interpreter dispatching with computed gotos (GCC's labels as values). Before, the
// tangent was garbage (4.7e-310) and the reverse sweep crashed; both modes now refuse the goto,
// naming it (at -O2 the merged goto has no line of its own: the function's is named).
// CHECK: error: {{.*}}error-computed-goto.c:{{[0-9:]+}}: in function 'run': cannot differentiate a computed goto
extern int enzyme_const;
double __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

enum { PUSH_X, SQUARE, ADD_CONST, HALT };

double run(double x, const int *code) {
  static void *dispatch[] = {&&push_x, &&square, &&add_const, &&halt};
  double acc = 0;
  int pc = 0;
  goto *dispatch[code[pc++]];
push_x:
  acc = x;
  goto *dispatch[code[pc++]];
square:
  acc = acc * acc;
  goto *dispatch[code[pc++]];
add_const:
  acc = acc + 1.5;
  goto *dispatch[code[pc++]];
halt:
  return acc;
}

int main(void) {
  int code[] = {PUSH_X, SQUARE, ADD_CONST, SQUARE, HALT};
#ifdef FORWARD
  return __enzyme_fwddiff((void *)run, 0.5, 1.0, enzyme_const, code) > 0;
#else
  return __enzyme_autodiff((void *)run, 0.5, enzyme_const, code) > 0;
#endif
}
