; libstdc++ links the nodes of std::list, std::map and std::set out of line
; (_Rb_tree_decrement, _Rb_tree_insert_and_rebalance, _List_node_base::_M_hook, ...): they were
; calls without a rule, refused. They rewire node pointers only, so they run again on the shadow
; nodes (Rules/CXXRuntime.swift, isNodeLinking), and a node they return (a std::set's last element,
; `*s.rbegin()`) is the mirrored call's result on the shadows: before, it counted as constant and
; the gradient through it was silently 0.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

; CHECK-LABEL: define internal double @augmented_last(
; CHECK: %node = call ptr @_ZSt18_Rb_tree_decrementPSt18_Rb_tree_node_base(ptr %header)
; CHECK-NEXT: %"'node" = call ptr @_ZSt18_Rb_tree_decrementPSt18_Rb_tree_node_base(ptr %"'header")

; CHECK-NEXT: %key = getelementptr inbounds i8, ptr %node, i64 32
; CHECK-NEXT: %"'key" = getelementptr inbounds i8, ptr %"'node", i64 32

; The reverse sweep adds the adjoint into the shadow node's key.
; CHECK-LABEL: define internal void @diffe_reverse_last(
; CHECK: %[[KEY:[0-9]+]] = load ptr, ptr %slot1
; CHECK: %[[OLD:[0-9]+]] = load double, ptr %[[KEY]]
; CHECK-NEXT: %[[NEW:[0-9]+]] = fadd reassoc nsz contract double %[[OLD]],
; CHECK-NEXT: store double %[[NEW]], ptr %[[KEY]]

declare ptr @_ZSt18_Rb_tree_decrementPSt18_Rb_tree_node_base(ptr)

define double @last(ptr %header) {
  %node = call ptr @_ZSt18_Rb_tree_decrementPSt18_Rb_tree_node_base(ptr %header)
  %key = getelementptr inbounds i8, ptr %node, i64 32
  %v = load double, ptr %key
  %r = fmul double %v, %v
  ret double %r
}

define void @d(ptr %header, ptr %dheader) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @last, ptr @enzyme_dup, ptr %header, ptr %dheader)
  ret void
}

@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
