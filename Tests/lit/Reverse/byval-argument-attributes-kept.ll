; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; An augmented function keeps its primal's by-value parameters (`byval`: the callee's own copy),
; and its calls must say so too. The call of `__adjust_heap(first, 0, len, value)` passed the
; caller's temporary without `byval`: the optimizer took the copy into the temporary for memory
; no one reads and deleted it, and the record reached the heap as garbage (its gradient silently
; 0, `std::partial_sort` with a comparator calling `exp`). The augmented call now carries the
; primal call's `byval` and `align`.

%struct.R = type { ptr, i32, double }

declare double @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

; Puts `value` into the record at `at`.
define internal void @put(ptr %records, i64 %at, ptr byval(%struct.R) align 8 %value) noinline {
entry:
  %place = getelementptr inbounds %struct.R, ptr %records, i64 %at
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %place, ptr align 8 %value, i64 24, i1 false)
  ret void
}

define double @f(ptr %records) {
entry:
  %value = alloca %struct.R, align 8
  %second = getelementptr inbounds %struct.R, ptr %records, i64 1
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %value, ptr align 8 %second, i64 24, i1 false)
  call void @put(ptr %records, i64 0, ptr byval(%struct.R) align 8 %value)
  %v.at = getelementptr inbounds nuw i8, ptr %records, i64 16
  %v = load double, ptr %v.at, align 8
  ret double %v
}

define void @caller(ptr %r, ptr %dr) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %r, ptr %dr)
  ret void
}

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: call void @augmented_put(ptr %records, ptr %"'records", i64 0, ptr byval(%struct.R) align 8 %value, ptr %byval.shadow, ptr %tape)

; CHECK-LABEL: define internal void @augmented_put(
; CHECK-SAME: ptr byval(%struct.R) align 8 %value
