; An integer load of a word that a Swift enum holds a `Double` in for one case (and an integer or an
; array in others), stored whole into a tuple's `Double` field (memory declared `double` there) and
; handed to the enum's outlined copy too: not only stored, so no plain copy to the activity analysis,
; and its adjoint was dropped (reverse mode silently 0). An integer stored into memory declared
; floating-point, and otherwise only stored or handed to calls, now carries the double: it is active,
; and the reverse sweep moves the tuple field's adjoint back through it into the enum's memory
; (ActivityAnalysis.isStoredIntoDeclaredFloat).
; RUN: %swad-opt %s --pre-passes '' --print-activity | FileCheck %s --check-prefix=ACTIVITY
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s

%Tuple = type <{ i64, double }>
%Command = type <{ i64, i64 }>

@enzyme_const = external global i32

declare double @__enzyme_autodiff(ptr, ...)
declare void @outlined_copy(i64, i64)

define double @f(ptr %commands, i64 %i) {
entry:
  %tuple = alloca %Tuple, align 8
  %command = getelementptr inbounds %Command, ptr %commands, i64 %i
  %tag = load i64, ptr %command, align 8
  %word.at = getelementptr inbounds i8, ptr %command, i64 8
  %word = load i64, ptr %word.at, align 8
  call void @outlined_copy(i64 %tag, i64 %word)
  store i64 %tag, ptr %tuple, align 8
  %area.at = getelementptr inbounds %Tuple, ptr %tuple, i64 0, i32 1
  store i64 %word, ptr %area.at, align 8
  %area = load double, ptr %area.at, align 8
  %squared = fmul double %area, %area
  ret double %squared
}

define void @caller(ptr %commands, ptr %dcommands, i64 %i) {
entry:
  %c = load i32, ptr @enzyme_const
  call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %commands, ptr %dcommands, i32 %c, i64 %i)
  ret void
}

; ACTIVITY-LABEL: activity of @f (reverse; duplicated, constant):
; ACTIVITY: active: %word = load i64, ptr %word.at, align 8
; ACTIVITY-NOT: active: %tag = load

; CHECK-LABEL: define internal void @diffe_reverse_f(
; The tuple field's adjoint is taken from its shadow into the word's slot, then added to the enum's
; memory's shadow.
; CHECK: [[FIELD:%.*]] = load ptr, ptr %slot2
; CHECK-NEXT: [[MOVED:%.*]] = load double, ptr [[FIELD]], align 8
; CHECK-NEXT: store double 0.000000e+00, ptr [[FIELD]], align 8
; CHECK: fadd reassoc nsz contract double {{%.*}}, [[MOVED]]
; CHECK: [[SLOT:%.*]] = load double, ptr %d1
; CHECK: [[SHADOW:%.*]] = load ptr, ptr %slot3
; CHECK-NEXT: [[OLD:%.*]] = load double, ptr [[SHADOW]]
; CHECK-NEXT: fadd reassoc nsz contract double [[OLD]], [[SLOT]]
