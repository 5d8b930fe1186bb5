; -mllvm hands an option to LLVM itself, as clang's does: -time-passes reports where the pre-AD and
; post-AD pipelines spend their time (printed at exit); -pass-remarks reaches the post-AD passes.
; An option LLVM does not know is an error naming it, and no output is written.
; RUN: %swad-opt %s -o %t.bc -mllvm -time-passes 2>&1 | FileCheck %s --check-prefix=TIME
; TIME: Pass execution timing report
; TIME: InstCombinePass
; RUN: %swad-opt %s -o %t.bc -mllvm -pass-remarks=inline 2>&1 | FileCheck %s --check-prefix=REMARKS
; REMARKS: remark: {{.*}}'diffe_reverse_square' inlined into 'diffesquare'
; RUN: rm -f %t.bad.bc
; RUN: not %swad-opt %s -o %t.bad.bc -mllvm -no-such-option 2>&1 | FileCheck %s --check-prefix=BAD
; BAD: swad-opt: error: -mllvm: Unknown command line argument '-no-such-option'.
; RUN: not test -e %t.bad.bc

declare double @__enzyme_autodiff(ptr, ...)

define double @square(double %x) {
  %y = fmul double %x, %x
  ret double %y
}

define double @gradient(double %x) {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @square, double %x)
  ret double %d
}
