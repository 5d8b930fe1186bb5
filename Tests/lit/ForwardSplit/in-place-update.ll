; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; An in-place update (x[0] *= x[0]): the augmented primal performs it and records the loaded value;
; the tangent writes only the shadow, reading the old x[0] from the tape instead of from memory
; that the primal has already overwritten.
declare ptr @__enzyme_augmentfwd(ptr, ...)
declare double @__enzyme_fwdsplit(ptr, ...)

define void @square_in_place(ptr %x) {
entry:
  %v = load double, ptr %x
  %sq = fmul double %v, %v
  store double %sq, ptr %x
  ret void
}

define void @caller(ptr %x, ptr %dx) {
entry:
  %tape = call ptr (ptr, ...) @__enzyme_augmentfwd(ptr @square_in_place, ptr %x, ptr %dx)
  %t = call double (ptr, ...) @__enzyme_fwdsplit(ptr @square_in_place, ptr %x, ptr %dx, ptr %tape)
  ret void
}

; CHECK-LABEL: define void @caller(
; CHECK: [[OBJECT:%.*]] = alloca { ptr, ptr, ptr }
; CHECK: call void @swad.tape.start(ptr [[OBJECT]])
; CHECK: store ptr [[OBJECT]], ptr @swad.fwdsplit.recording
; CHECK: call void @augmented_fwdsplit_square_in_place(ptr %x)
; CHECK: [[TAPE:%.*]] = call ptr @swad.fwdsplit.seal(ptr [[OBJECT]], i64 [[TAG:-?[0-9]+]])
; CHECK: [[SAVED:%.*]] = call ptr @swad.fwdsplit.begin(ptr [[TAPE]], i64 [[TAG]],
; CHECK: call void @fwdsplit_square_in_place(ptr %x, ptr %dx)
; CHECK: call void @swad.fwdsplit.end(ptr [[TAPE]], ptr [[SAVED]], i1 true,

; The tangent reads the old x[0] from the tape and writes only the shadow.
; CHECK-LABEL: define internal void @fwdsplit_square_in_place(
; CHECK-SAME: ptr [[X:%.*]], ptr [[DX:%.*]])
; CHECK: [[AT:%.*]] = load ptr, ptr @swad.fwdsplit.cursor
; CHECK: [[V:%.*]] = load double, ptr [[AT]], align 8
; CHECK: [[NEXT:%.*]] = getelementptr i8, ptr [[AT]], i64 8
; CHECK: [[DV:%.*]] = load double, ptr [[DX]]
; CHECK: [[T1:%.*]] = fmul contract double [[V]], [[DV]]
; CHECK: [[T2:%.*]] = fmul contract double [[V]], [[DV]]
; CHECK: [[T:%.*]] = fadd contract double [[T1]], [[T2]]
; CHECK: store double [[T]], ptr [[DX]]
; CHECK-NOT: store double {{.*}}, ptr [[X]]
; CHECK: store ptr [[NEXT]], ptr @swad.fwdsplit.cursor
; CHECK-NEXT: ret void

; The augmented primal updates x[0] and records the value it loaded, right after loading it.
; CHECK-LABEL: define internal void @augmented_fwdsplit_square_in_place(
; CHECK-SAME: ptr [[X:%.*]])
; CHECK: [[TAPE:%.*]] = load ptr, ptr @swad.fwdsplit.recording
; CHECK: [[V:%.*]] = load double, ptr [[X]]
; CHECK-NEXT: [[REC:%.*]] = call ptr @swad.tape.reserve(ptr [[TAPE]], i64 8)
; CHECK-NEXT: store double [[V]], ptr [[REC]], align 8
; CHECK: [[SQ:%.*]] = fmul double [[V]], [[V]]
; CHECK: store double [[SQ]], ptr [[X]]
