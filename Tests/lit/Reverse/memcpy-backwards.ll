; RUN: %swad-opt %s --passes mem2reg --pre-passes '' -S | FileCheck %s
; memcpy backwards: after the adjoints of later uses of the destination have been added into its
; shadow, the copy's adjoint moves them to the source's shadow, element by element
; (d'src[k] += d'dst[k]; d'dst[k] = 0), over the number of bytes the forward copy moved.
declare void @__enzyme_autodiff(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

; dst[0..n) = src[0..n); returns dst[0]² (dst is overwritten by the copy).
define double @copy(ptr %dst, ptr %src, i64 %n) {
entry:
  %bytes = shl i64 %n, 3
  call void @llvm.memcpy.p0.p0.i64(ptr %dst, ptr %src, i64 %bytes, i1 false)
  %v = load double, ptr %dst, align 8
  %r = fmul double %v, %v
  ret double %r
}

define void @caller(ptr %dst, ptr %ddst, ptr %src, ptr %dsrc, i64 %n) {
entry:
  call void (ptr, ...) @__enzyme_autodiff(ptr @copy, ptr %dst, ptr %ddst, ptr %src, ptr %dsrc, i64 %n)
  ret void
}

; CHECK-LABEL: define internal double @augmented_copy(
; CHECK-SAME: ptr [[DST:%.*]], ptr [[DDST:%.*]], ptr [[SRC:%.*]], ptr [[DSRC:%.*]], i64 [[N:%.*]], ptr [[TAPE:%.*]])
; CHECK: [[BYTES:%.*]] = shl i64 [[N]], 3
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr [[DST]], ptr [[SRC]], i64 [[BYTES]], i1 false)
; The forward sweep does not copy shadows of float data (the destination's shadow holds seeds).
; CHECK-NOT: call void @llvm.memcpy
; CHECK: ret double

; CHECK-LABEL: define internal void @diffe_reverse_copy(
; CHECK-SAME: ptr [[TAPE:%.*]], double [[DRET:%.*]])
; CHECK: call ptr @swad.tape.pop(ptr [[TAPE]]
; CHECK-DAG: [[DDST:%.*]] = load ptr, ptr {{%.*}}
; CHECK-DAG: [[BYTES:%.*]] = load i64, ptr {{%.*}}
; CHECK-DAG: [[DSRC:%.*]] = load ptr, ptr {{%.*}}
; The load of dst[0] first: its adjoint is added into d'dst[0].
; CHECK: [[OLD:%.*]] = load double, ptr [[DDST]]
; CHECK-NEXT: [[NEW:%.*]] = fadd reassoc nsz contract double [[OLD]], {{%.*}}
; CHECK-NEXT: store double [[NEW]], ptr [[DDST]]
; Then the copy, backwards.
; CHECK: [[COUNT:%.*]] = udiv i64 [[BYTES]], 8
; CHECK: [[DOWN:%.*]] = icmp ult ptr [[DDST]], [[DSRC]]
; CHECK: {{^}}memcpy.adjoint:
; CHECK: [[J:%.*]] = phi i64 [ 0, {{.*}} ], [ [[JNEXT:%.*]], %memcpy.adjoint ]
; CHECK: [[LAST:%.*]] = sub i64 [[COUNT]], 1
; CHECK: [[BACK:%.*]] = sub i64 [[LAST]], [[J]]
; CHECK: [[K:%.*]] = select i1 [[DOWN]], i64 [[BACK]], i64 [[J]]
; CHECK: [[AT:%.*]] = mul i64 [[K]], 8
; CHECK: [[TO:%.*]] = getelementptr inbounds i8, ptr [[DSRC]], i64 [[AT]]
; CHECK: [[FROM:%.*]] = getelementptr inbounds i8, ptr [[DDST]], i64 [[AT]]
; CHECK: [[MOVED:%.*]] = load double, ptr [[FROM]]
; CHECK: store double 0.000000e+00, ptr [[FROM]]
; CHECK: [[A:%.*]] = load double, ptr [[TO]]
; CHECK: [[S:%.*]] = fadd contract double [[A]], [[MOVED]]
; CHECK: store double [[S]], ptr [[TO]]
; CHECK: [[JNEXT]] = add i64 [[J]], 1
; CHECK: icmp ult i64 [[JNEXT]], [[COUNT]]
; CHECK: ret void
