// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang -g %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %swad-opt %t.bc -O0 -o %t.outlined.bc
// RUN: %clang -g %t.outlined.bc -o %t.outlined -lm
// RUN: %t.outlined
// RUN: llvm-objdump -d -l --no-show-raw-insn --disassemble-symbols=augmented_f %t.outlined | FileCheck %s --check-prefix=FORWARD
// RUN: llvm-objdump -d -l --no-show-raw-insn --disassemble-symbols=diffe_reverse_f %t.outlined | FileCheck %s --check-prefix=REVERSE
// RUN: %if gdb %{ gdb -q -batch -ex 'break derivative-line-table.c:34' -ex 'info breakpoints' %t.outlined | FileCheck %s --check-prefix=GDB %}
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -O0 -o %t.O0in.opt.bc
// RUN: %clang -g %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// RUN: llvm-objdump -d -l --no-show-raw-insn --disassemble-symbols=augmented_f %t.O0in | FileCheck %s --check-prefix=FORWARD
// RUN: llvm-objdump -d -l --no-show-raw-insn --disassemble-symbols=diffe_reverse_f %t.O0in | FileCheck %s --check-prefix=REVERSE
// A derivative that is not inlined (GMM's, a large Eigen kernel's; here every one, since nothing
// optimizes after AD) has a line table (Support/DerivativeDebugInfo.swift): the machine code of the
// forward and the reverse sweep maps back to the lines of the primal code it came from, so that a
// profiler or a debugger shows where a gradient spends its time. Without a subprogram of its own, a
// derivative had no line rows at all. The gradient is checked against the hand-derived one, with the
// debug info in place, optimized after AD and not. A debugger's breakpoint on a line of the primal
// (line 34, the loop's body; gdb, when installed) lands in the primal and in both sweeps.
#include "../Inputs/check.h"

extern int enzyme_const;
extern void __enzyme_autodiff(void *, ...);

// FORWARD-LABEL: <augmented_f>:
// REVERSE-LABEL: <diffe_reverse_f>:
__attribute__((noinline)) static double f(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    s += sin(x[i]) * x[i];
    // FORWARD-DAG: derivative-line-table.c:[[#@LINE-1]]
    // REVERSE-DAG: derivative-line-table.c:[[#@LINE-2]]
    // GDB: Breakpoint 1 at {{.*}}: derivative-line-table.c:[[#@LINE-3]]. (3 locations)
    // GDB-DAG: in f at {{.*}}derivative-line-table.c:[[#@LINE-4]]
    // GDB-DAG: in augmented_f at {{.*}}derivative-line-table.c:[[#@LINE-5]]
    // GDB-DAG: in diffe_reverse_f at {{.*}}derivative-line-table.c:[[#@LINE-6]]
  }
  return s * s;
  // REVERSE-DAG: derivative-line-table.c:[[#@LINE-1]]
}

int main(void) {
  enum { N = 7 };
  double x[N], dx[N] = {0};
  for (int i = 0; i < N; i++) x[i] = 0.3 * i - 0.8;
  __enzyme_autodiff((void *)f, x, dx, enzyme_const, N);
  double s = 0;
  for (int i = 0; i < N; i++) s += sin(x[i]) * x[i];
  for (int i = 0; i < N; i++) check_rel("dx", dx[i], 2 * s * (cos(x[i]) * x[i] + sin(x[i])), 1e-14);
  return finish();
}
