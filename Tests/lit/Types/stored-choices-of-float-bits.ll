; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A union of a double and a long set in a branch and stored (`r.u.d = x[i]` or `r.u.bits = -k`
; pushed into a vector): after SROA, a phi of `x[i]`'s bits, loaded as an i64 tagged `double`, and
; of the integer, stored. The integer type analysis finds the phi used both ways and leaves it an
; integer; the derivative of `x[i]` was lost in it (0 in both modes, silently). The store becomes
; one of the phi's double twin. Also when the phi is one part of a wider integer assembled with
; `or disjoint` (a `{bool; union {float f; int i}}` stored as an i64): the float part is stored
; as a float at its bytes, the other parts at theirs. (A phi of values that do not say what they
; hold stays an integer: Types/stored-choice-of-unknown-bits-refused.ll.)

@enzyme_const = external global i32
@enzyme_dup = external global i32

declare double @__enzyme_fwddiff(ptr, ...)

define void @choice(ptr %x, ptr %out, i1 %isdouble, i64 %k) {
entry:
  br i1 %isdouble, label %double, label %long
double:
  %bits = load i64, ptr %x, align 8, !tbaa !3
  br label %join
long:
  %minus = sub i64 0, %k
  br label %join
join:
  %u = phi i64 [ %bits, %double ], [ %minus, %long ]
  store i64 %u, ptr %out, align 8
  ret void
}

define void @assembled(ptr %x, ptr %out, i1 %isfloat, i64 %k) {
entry:
  %xd = load double, ptr %x, align 8, !tbaa !3
  br i1 %isfloat, label %float, label %int
float:
  %xf = fptrunc double %xd to float
  %fbits = bitcast float %xf to i32
  br label %join
int:
  %square = mul i64 %k, %k
  %narrow = trunc i64 %square to i32
  br label %join
join:
  %u = phi i32 [ %fbits, %float ], [ %narrow, %int ]
  %flag = zext i1 %isfloat to i64
  %wide = zext i32 %u to i64
  %high = shl nuw i64 %wide, 32
  %pair = or disjoint i64 %high, %flag
  store i64 %pair, ptr %out, align 4
  ret void
}

define void @caller(ptr %x, ptr %dx, ptr %out, ptr %dout, i1 %c, i64 %k) {
entry:
  %cst = load i32, ptr @enzyme_const
  %dup = load i32, ptr @enzyme_dup
  call double (ptr, ...) @__enzyme_fwddiff(ptr @choice, i32 %dup, ptr %x, ptr %dx, i32 %dup, ptr %out, ptr %dout, i32 %cst, i1 %c, i32 %cst, i64 %k)
  call double (ptr, ...) @__enzyme_fwddiff(ptr @assembled, i32 %dup, ptr %x, ptr %dx, i32 %dup, ptr %out, ptr %dout, i32 %cst, i1 %c, i32 %cst, i64 %k)
  ret void
}

!0 = !{!"Simple C++ TBAA"}
!1 = !{!"omnipotent char", !0, i64 0}
!2 = !{!"double", !1, i64 0}
!3 = !{!2, !2, i64 0}

; The double twin chooses between x's double and the integer's bits, and is what is stored.
; CHECK-LABEL: define void @choice(
; CHECK: double:
; CHECK: [[X:%.*]] = load double, ptr %x, align 8
; CHECK: long:
; CHECK-NEXT: %minus = sub i64 0, %k
; CHECK-NEXT: [[MINUS:%.*]] = bitcast i64 %minus to double
; CHECK: join:
; CHECK-NEXT: %u.float = phi double [ [[X]], %double ], [ [[MINUS]], %long ]
; CHECK: store double %u.float, ptr %out, align 8
; CHECK-NEXT: ret void

; The float at bytes 4 to 7, the flag's bytes 0 to 3 beside it.
; CHECK-LABEL: define void @assembled(
; CHECK: join:
; CHECK-NEXT: %u.float = phi float [ %xf, %float ], [ {{%.*}}, %int ]
; CHECK: [[AT4:%.*]] = getelementptr inbounds i8, ptr %out, i64 4
; CHECK-NEXT: store float %u.float, ptr [[AT4]], align 4
; CHECK-NEXT: [[LOW:%.*]] = trunc i64 %flag to i32
; CHECK-NEXT: store i32 [[LOW]], ptr %out, align 4
; CHECK-NEXT: ret void

; The tangents: x's goes into the shadow of `out` with it, the integer's is 0.
; CHECK-LABEL: define internal void @fwddiffechoice(
; CHECK: join:
; CHECK: %"'u.float" = phi double [ {{%.*}}, %double ], [ 0.000000e+00, %long ]
; CHECK: store double %"'u.float", ptr %"'out", align 8
; CHECK-LABEL: define internal void @fwddiffeassembled(
; CHECK: %"'u.float" = phi float [ {{%.*}}, %float ], [ 0.000000e+00, %int ]
; CHECK: store float %"'u.float", ptr
