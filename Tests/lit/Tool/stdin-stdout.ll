; '-' names standard input and standard output; they are also the defaults. Bitcode is read from
; standard input as well as text, and written to standard output when it is not a terminal.
; RUN: %swad-opt -S < %s | FileCheck %s --check-prefixes=CHECK,STDIN
; RUN: %swad-opt - -S -o - < %s | FileCheck %s --check-prefixes=CHECK,STDIN
; RUN: %swad-opt %s -S -o - | FileCheck %s --check-prefixes=CHECK,FILE
; RUN: %swad-opt %s -o - > %t.bc
; RUN: %swad-opt - -S < %t.bc | FileCheck %s --check-prefixes=CHECK
; RUN: cat %s | %swad-opt -o %t.piped.bc
; RUN: %llvm-dis %t.piped.bc -o - | FileCheck %s --check-prefixes=CHECK

; STDIN: ; ModuleID = '<stdin>'
; FILE:  ; ModuleID = '{{.*}}stdin-stdout.ll'

; CHECK-LABEL: define {{.*}}double @twice(
; CHECK:         fmul double %x, 2.000000e+00
define double @twice(double %x) {
  %r = fmul double %x, 2.0
  ret double %r
}
