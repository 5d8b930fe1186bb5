; --vector-library=swad: each call of tanh (the C function, the float one, the intrinsic, a vector
; intrinsic) becomes swad's arithmetic at the call's line, in the call's type: -t/(t+2) with
; t = expm1(-2|x|) by n = round(y/ln 2) in the low bits of y/ln 2 + 1.5*2^52, a Taylor polynomial
; to r^13 and 2^n from n's bits, with the sign of x; a float in double, rounded once. exp becomes
; 2^n·(1 + expm1(r)) with 2^n in two halves, but only where the call may not set errno; one that
; may is offered libmvec's variants, as with --vector-library=libmvec. log becomes
; k·ln 2 + log(m) from the exponent and fraction bits, with selections for its special values, but
; only where the target has AVX2 or AVX-512 (@logarithm; SSE2's @narrow and AVX's keep their call).
; A NaN comes out quieted (x + x).
; RUN: %swad-opt --vector-library=swad --passes=verify %s -S | FileCheck %s

; CHECK-LABEL: define double @scalar(
; CHECK-NOT:     call {{.*}}@tanh
; CHECK:         %[[A:.+]] = call double @llvm.fabs.f64(double %x), !dbg ![[LINE:[0-9]+]]
; CHECK-NEXT:    %[[BIG:.+]] = fcmp ogt double %[[A]], 2.000000e+01
; CHECK-NEXT:    %[[C:.+]] = select i1 %[[BIG]], double 2.000000e+01, double %[[A]]
; CHECK-NEXT:    %[[Y:.+]] = fmul double %[[C]], -2.000000e+00
; CHECK-NEXT:    %[[Q:.+]] = fmul double %[[Y]], 0x3FF71547652B82FE
; CHECK-NEXT:    %[[K:.+]] = fadd double %[[Q]], 0x4338000000000000
; CHECK-NEXT:    %[[N:.+]] = fsub double %[[K]], 0x4338000000000000
; CHECK:         %[[BITS:.+]] = bitcast double %[[K]] to i64
; CHECK-NEXT:    %[[NI:.+]] = sub i64 %[[BITS]], 4843621399236968448
; CHECK-NEXT:    %[[E:.+]] = add i64 %[[NI]], 1023
; CHECK-NEXT:    %[[SHIFTED:.+]] = shl i64 %[[E]], 52
; CHECK-NEXT:    %[[S:.+]] = bitcast i64 %[[SHIFTED]] to double
; CHECK-NEXT:    call double @llvm.fmuladd.f64(double 0x3DE6124613A86D09, double %{{.+}}, double 0x3E21EED8EFF8D898)
; CHECK-COUNT-10: call double @llvm.fmuladd.f64(
; CHECK:         %[[T:.+]] = call double @llvm.fmuladd.f64(double %[[S]],
; CHECK-NEXT:    %[[NEG:.+]] = fneg double %[[T]]
; CHECK-NEXT:    %[[D:.+]] = fadd double %[[T]], 2.000000e+00
; CHECK-NEXT:    %[[TH:.+]] = fdiv double %[[NEG]], %[[D]]
; CHECK-NEXT:    %[[R:.+]] = call double @llvm.copysign.f64(double %[[TH]], double %x), !dbg ![[LINE]]
; CHECK-NEXT:    %e = {{.*}}call double @exp(double %[[R]]) #[[EXP:[0-9]+]]
; CHECK-NEXT:    ret double %e

; CHECK-LABEL: define float @single(
; CHECK-NOT:     call {{.*}}@tanhf
; CHECK:         %[[W:.+]] = fpext float %x to double
; CHECK:         call double @llvm.fabs.f64(double %[[W]])
; CHECK:         %[[RD:.+]] = call double @llvm.copysign.f64(double %{{.+}}, double %[[W]])
; CHECK-NEXT:    %[[RF:.+]] = fptrunc double %[[RD]] to float
; CHECK-NEXT:    ret float %[[RF]]

; CHECK-LABEL: define <4 x double> @vector(
; CHECK-NOT:     call {{.*}}@llvm.tanh
; CHECK:         call <4 x double> @llvm.fabs.v4f64(<4 x double> %x)
; CHECK:         fcmp ogt <4 x double> %{{.+}}, splat (double 2.000000e+01)
; CHECK:         bitcast <4 x double> %{{.+}} to <4 x i64>
; CHECK:         fdiv <4 x double>
; CHECK:         %[[RV:.+]] = call <4 x double> @llvm.copysign.v4f64(<4 x double> %{{.+}}, <4 x double> %x)
; CHECK-NEXT:    ret <4 x double> %[[RV]]

; CHECK-LABEL: define double @exponential(
; CHECK-NOT:     call {{.*}}@exp
; CHECK:         %[[HIGH:.+]] = select i1 %{{.+}}, double 7.100000e+02, double %x
; CHECK:         %[[LOW:.+]] = select i1 %{{.+}}, double -7.460000e+02, double %[[HIGH]]
; CHECK:         %[[BIASED:.+]] = add i64 %[[N:.+]], 2048
; CHECK-NEXT:    %[[HALF:.+]] = lshr i64 %[[BIASED]], 1
; CHECK-NEXT:    %[[FIRST:.+]] = sub i64 %[[HALF]], 1024
; CHECK-NEXT:    %[[SECOND:.+]] = sub i64 %[[N]], %[[FIRST]]
; CHECK:         %[[SCALED:.+]] = call double @llvm.fmuladd.f64(double %{{.+}}, double %[[P1:.+]], double %[[P1]])
; CHECK:         %[[P2:.+]] = bitcast i64 %{{.+}} to double
; CHECK-NEXT:    %[[R:.+]] = fmul double %[[SCALED]], %[[P2]]
; CHECK-NEXT:    ret double %[[R]]

; CHECK-LABEL: define double @logarithm(
; CHECK-NOT:     call {{.*}}@log(
; CHECK:         %[[SUB:.+]] = fcmp olt double %x, 0x10000000000000
; CHECK:         %[[FIELD:.+]] = lshr i64 %{{.+}}, 52
; CHECK:         fdiv double
; CHECK:         %[[INF:.+]] = select i1 %{{.+}}, double 0x7FF0000000000000, double %{{.+}}
; CHECK-NEXT:    fcmp oeq double %x, 0.000000e+00
; CHECK-NEXT:    %[[ZERO:.+]] = select i1 %{{.+}}, double 0xFFF0000000000000, double %[[INF]]
; CHECK-NEXT:    fcmp olt double %x, 0.000000e+00
; CHECK-NEXT:    %[[NEG:.+]] = select i1 %{{.+}}, double 0x7FF8000000000000, double %[[ZERO]]
; CHECK-NEXT:    %[[NAN:.+]] = fcmp uno double %x, %x
; CHECK-NEXT:    %[[QUIET:.+]] = fadd double %x, %x
; CHECK-NEXT:    %[[R:.+]] = select i1 %[[NAN]], double %[[QUIET]], double %[[NEG]]
; CHECK-NEXT:    ret double %[[R]]

; CHECK-LABEL: define double @narrow(
; CHECK-NEXT:    %l = {{(tail )?}}call double @log(double %x)

; CHECK-LABEL: define double @avx_without_avx2(
; CHECK-NEXT:    %l = {{(tail )?}}call double @log(double %x)

; CHECK-LABEL: define double @intrinsic(
; CHECK-NOT:     call {{.*}}@llvm.tanh
; CHECK:         %[[RI:.+]] = call double @llvm.copysign.f64(
; CHECK-NEXT:    ret double %[[RI]]

; CHECK-DAG:     attributes #[[EXP]] = { {{.*}}"vector-function-abi-variant"="_ZGV_LLVM_N2v_exp(_ZGVbN2v_exp)"
; CHECK-DAG:     ![[LINE]] = !DILocation(line: 3,

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define double @scalar(double %x) #0 !dbg !5 {
  %t = call double @tanh(double %x) #1, !dbg !8
  %e = call double @exp(double %t)
  ret double %e
}

define float @single(float %x) #0 {
  %t = call float @tanhf(float %x) #1
  ret float %t
}

define <4 x double> @vector(<4 x double> %x) #0 {
  %t = call <4 x double> @llvm.tanh.v4f64(<4 x double> %x)
  ret <4 x double> %t
}

define double @exponential(double %x) #0 {
  %e = call double @exp(double %x) #1
  ret double %e
}

define double @logarithm(double %x) #2 {
  %l = call double @log(double %x) #1
  ret double %l
}

define double @narrow(double %x) #0 {
  %l = call double @log(double %x) #1
  ret double %l
}

define double @avx_without_avx2(double %x) #3 {
  %l = call double @log(double %x) #1
  ret double %l
}

define double @intrinsic(double %x) #0 {
  %t = call double @llvm.tanh.f64(double %x)
  ret double %t
}

declare double @tanh(double)
declare float @tanhf(float)
declare double @exp(double)
declare double @log(double)
declare double @llvm.tanh.f64(double)
declare <4 x double> @llvm.tanh.v4f64(<4 x double>)

attributes #0 = { "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" }
attributes #1 = { nounwind memory(none) }
attributes #2 = { "target-cpu"="haswell" "target-features"="+avx,+avx2,+fma,+sse,+sse2" }
attributes #3 = { "target-cpu"="sandybridge" "target-features"="+avx,+sse,+sse2" }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}
!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "layer.c", directory: "/tmp")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "scalar", scope: !1, file: !1, line: 1, type: !6, scopeLine: 1, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{null}
!8 = !DILocation(line: 3, column: 12, scope: !5)
