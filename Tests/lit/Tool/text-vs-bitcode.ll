; Without -S the output is bitcode (llvm-dis reads it, and it starts with the bitcode magic 'BC');
; with -S it is textual IR, which is not bitcode.
; RUN: %swad-opt %s -o %t.bc
; RUN: %llvm-dis %t.bc -o - | FileCheck %s
; RUN: head -c 2 %t.bc | FileCheck %s --check-prefix=MAGIC
; RUN: %swad-opt %s -S -o %t.ll
; RUN: FileCheck %s --input-file=%t.ll --check-prefixes=CHECK,TEXT
; RUN: not %llvm-dis %t.ll -o /dev/null

; MAGIC: BC
; TEXT:  ; ModuleID = '{{.*}}text-vs-bitcode.ll'

; CHECK-LABEL: define {{.*}}i32 @inc(
; CHECK:         add nsw i32 %x, 1
define i32 @inc(i32 %x) {
  %r = add nsw i32 %x, 1
  ret i32 %r
}
