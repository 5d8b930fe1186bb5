; An untagged integer load beside a double of the same record (Activity/FloatBits.swift): the `int`
; of a `pair<double, int>` in a `std::set`'s node, read after the pair was copied with `memcpy`,
; and the `int` of the edges a loop steps through. The integer's bytes overlap no double's at the
; same pointer's constant offsets, so it is no double's bits and the derivative is made. Before,
; both were refused ("floating-point memory is loaded as an integer"). A load that does overlap a
; double is still refused.
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; RUN: sed 's/load i32, ptr %id.at/load i32, ptr %d.at/' %s | not %swad-opt - --pre-passes '' -O0 -o /dev/null 2>&1 | FileCheck %s --check-prefix=OVERLAP

; CHECK-LABEL: define internal void @diffe_reverse_node(
; CHECK-LABEL: define internal void @diffe_reverse_edges(
; OVERLAP: error: in function 'node': floating-point memory is loaded as an integer here

declare double @__enzyme_autodiff(ptr, ...)
@enzyme_dup = external global i32
@enzyme_const = external global i32

; d of the node at 32, its id at 40; the id is stored where the caller keeps it.
define double @node(ptr %nodes, ptr %ids) {
  %node = load ptr, ptr %nodes, align 8
  %d.at = getelementptr inbounds i8, ptr %node, i64 32
  %d = load double, ptr %d.at, align 8
  %id.at = getelementptr inbounds i8, ptr %node, i64 40
  %id = load i32, ptr %id.at, align 8
  %near = fcmp olt double %d, 1.0
  %kept = select i1 %near, i32 %id, i32 -1
  store i32 %kept, ptr %ids, align 4
  %r = fmul double %d, %d
  ret double %r
}

; Edges {int to; double w} stepped through by a pointer; the targets are stored.
define double @edges(ptr %first, ptr %last, ptr %targets) {
entry:
  br label %loop
loop:
  %edge = phi ptr [ %first, %entry ], [ %next, %loop ]
  %sum = phi double [ 0.0, %entry ], [ %sum.next, %loop ]
  %k = phi i64 [ 0, %entry ], [ %k.next, %loop ]
  %to = load i32, ptr %edge, align 4
  %slot = getelementptr inbounds i32, ptr %targets, i64 %k
  %first.edge = icmp eq i64 %k, 0
  %target = select i1 %first.edge, i32 0, i32 %to
  store i32 %target, ptr %slot, align 4
  %w.at = getelementptr inbounds i8, ptr %edge, i64 8
  %w = load double, ptr %w.at, align 8
  %sum.next = fadd double %sum, %w
  %next = getelementptr inbounds i8, ptr %edge, i64 16
  %k.next = add i64 %k, 1
  %done = icmp eq ptr %next, %last
  br i1 %done, label %exit, label %loop
exit:
  ret double %sum.next
}

define void @df(ptr %nodes, ptr %dnodes, ptr %ids, ptr %first, ptr %dfirst, ptr %last, ptr %targets) {
  %a = call double (ptr, ...) @__enzyme_autodiff(ptr @node, ptr @enzyme_dup, ptr %nodes, ptr %dnodes, ptr @enzyme_const, ptr %ids)
  %b = call double (ptr, ...) @__enzyme_autodiff(ptr @edges, ptr @enzyme_dup, ptr %first, ptr %dfirst, ptr @enzyme_const, ptr %last, ptr @enzyme_const, ptr %targets)
  ret void
}
