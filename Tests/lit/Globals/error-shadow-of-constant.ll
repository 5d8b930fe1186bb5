; RUN: not %swad-opt %s -o %t.bc 2>&1 | FileCheck %s
; RUN: not test -e %t.bc
; A constant global has no shadow: asking for it is an error, not a pointer to nothing.

@table = constant [2 x double] [double 1.0, double 2.0]

declare ptr @__enzyme_context(i32)
declare ptr @__enzyme_shadow(ptr, ptr, i32)

define ptr @caller() {
entry:
  %ctx = call ptr @__enzyme_context(i32 1)
  %slot = call ptr @__enzyme_shadow(ptr %ctx, ptr @table, i32 0)
  ret ptr %slot
}
; CHECK: error: in function 'caller': __enzyme_shadow: 'table' is constant, so it has no derivative and no shadow
