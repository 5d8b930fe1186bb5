; An IR input that parses but fails the verifier (here %b uses %a before its definition) is an error
; naming that input, found before it is linked with the others: the linker assumes valid IR.
; RUN: rm -rf %t.dir && mkdir %t.dir
; RUN: not %swad %S/input-ll.ll %s -emit-llvm -o %t.dir/out.bc 2>&1 | FileCheck %s -DFILE=%s
; RUN: ls -A %t.dir | count 0

; CHECK:      swad: error: [[FILE]]: input module fails verification: Instruction does not dominate all uses!
; CHECK-NEXT:   %a = add i32 %x, 1
; CHECK-NEXT:   %b = add i32 %a, 1

define i32 @broken(i32 %x) {
entry:
  %b = add i32 %a, 1
  %a = add i32 %x, 1
  ret i32 %b
}
