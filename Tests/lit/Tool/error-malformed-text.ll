; Textual IR that does not parse is an error carrying LLVM's parser message with its line and column;
; nothing is written.
; RUN: rm -rf %t.dir && mkdir %t.dir
; RUN: not %swad-opt %s -o %t.dir/out.bc 2>&1 | FileCheck %s -DFILE=%s
; RUN: not %swad-opt %s -S -o %t.dir/out.ll 2>&1 | FileCheck %s -DFILE=%s
; RUN: ls -A %t.dir | count 0
; RUN: not %swad-opt - -o %t.dir/out.bc < %s 2>&1 | FileCheck %s -DFILE='<stdin>'
; RUN: ls -A %t.dir | count 0

; CHECK: swad-opt: error: [[FILE]]: cannot read module: [[FILE]]:[[#@LINE+3]]:{{[0-9]+}}: error: expected ','

define double @f(double %x) {
  %r = fmul double %x 2.0
  ret double %r
}
