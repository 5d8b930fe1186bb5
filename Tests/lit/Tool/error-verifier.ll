; IR that parses but fails the verifier is rejected before any pass runs, with the verifier's message;
; nothing is written. Here %b uses %a before the definition of %a.
; RUN: rm -rf %t.dir && mkdir %t.dir
; RUN: not %swad-opt %s -o %t.dir/out.bc 2>&1 | FileCheck %s
; RUN: not %swad-opt %s --pre-passes '' -O0 -S -o %t.dir/out.ll 2>&1 | FileCheck %s
; RUN: ls -A %t.dir | count 0

; CHECK:      swad-opt: error: input module fails verification: Instruction does not dominate all uses!
; CHECK-NEXT:   %a = add i32 %x, 1
; CHECK-NEXT:   %b = add i32 %a, 1

define i32 @f(i32 %x) {
entry:
  %b = add i32 %a, 1
  %a = add i32 %x, 1
  ret i32 %b
}
