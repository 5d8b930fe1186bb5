; Input of the corrupted-bitcode tests (Tool/corrupt-bitcode-*.test), which assemble it with llvm-as and
; corrupt the bitcode: reader-input.c compiled by clang-22 -O2 -Xclang -disable-llvm-passes -emit-llvm -S.
; The tests name cases by seed and index, so changing this file changes which cases crash LLVM.
; ModuleID = 'reader-input.c'
source_filename = "reader-input.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.point = type { double, double }

@scale = dso_local global double 2.000000e+00, align 8
@weights = internal constant [4 x double] [double 5.000000e-01, double 1.500000e+00, double 2.500000e+00, double 3.500000e+00], align 16
@enzyme_dup = external global i32, align 4
@enzyme_const = external global i32, align 4

; Function Attrs: nounwind uwtable
define dso_local double @energy(ptr noundef %0, i32 noundef %1) #0 {
  %3 = alloca ptr, align 8
  %4 = alloca i32, align 4
  %5 = alloca double, align 8
  %6 = alloca i32, align 4
  %7 = alloca double, align 8
  store ptr %0, ptr %3, align 8, !tbaa !9
  store i32 %1, ptr %4, align 4, !tbaa !5
  call void @llvm.lifetime.start.p0(ptr %5) #7
  store double 0.000000e+00, ptr %5, align 8, !tbaa !12
  call void @llvm.lifetime.start.p0(ptr %6) #7
  store i32 0, ptr %6, align 4, !tbaa !5
  br label %8

8:                                                ; preds = %60, %2
  %9 = load i32, ptr %6, align 4, !tbaa !5
  %10 = load i32, ptr %4, align 4, !tbaa !5
  %11 = icmp slt i32 %9, %10
  br i1 %11, label %13, label %12

12:                                               ; preds = %8
  call void @llvm.lifetime.end.p0(ptr %6) #7
  br label %63

13:                                               ; preds = %8
  call void @llvm.lifetime.start.p0(ptr %7) #7
  %14 = load ptr, ptr %3, align 8, !tbaa !9
  %15 = load i32, ptr %6, align 4, !tbaa !5
  %16 = sext i32 %15 to i64
  %17 = getelementptr inbounds %struct.point, ptr %14, i64 %16
  %18 = getelementptr inbounds nuw %struct.point, ptr %17, i32 0, i32 0
  %19 = load double, ptr %18, align 8, !tbaa !14
  %20 = load ptr, ptr %3, align 8, !tbaa !9
  %21 = load i32, ptr %6, align 4, !tbaa !5
  %22 = sext i32 %21 to i64
  %23 = getelementptr inbounds %struct.point, ptr %20, i64 %22
  %24 = getelementptr inbounds nuw %struct.point, ptr %23, i32 0, i32 0
  %25 = load double, ptr %24, align 8, !tbaa !14
  %26 = load ptr, ptr %3, align 8, !tbaa !9
  %27 = load i32, ptr %6, align 4, !tbaa !5
  %28 = sext i32 %27 to i64
  %29 = getelementptr inbounds %struct.point, ptr %26, i64 %28
  %30 = getelementptr inbounds nuw %struct.point, ptr %29, i32 0, i32 1
  %31 = load double, ptr %30, align 8, !tbaa !16
  %32 = load ptr, ptr %3, align 8, !tbaa !9
  %33 = load i32, ptr %6, align 4, !tbaa !5
  %34 = sext i32 %33 to i64
  %35 = getelementptr inbounds %struct.point, ptr %32, i64 %34
  %36 = getelementptr inbounds nuw %struct.point, ptr %35, i32 0, i32 1
  %37 = load double, ptr %36, align 8, !tbaa !16
  %38 = fmul double %31, %37
  %39 = call double @llvm.fmuladd.f64(double %19, double %25, double %38)
  %40 = call double @sqrt(double noundef %39) #7, !tbaa !5
  store double %40, ptr %7, align 8, !tbaa !12
  %41 = load i32, ptr %6, align 4, !tbaa !5
  %42 = and i32 %41, 3
  %43 = sext i32 %42 to i64
  %44 = getelementptr inbounds [4 x double], ptr @weights, i64 0, i64 %43
  %45 = load double, ptr %44, align 8, !tbaa !12
  %46 = load double, ptr %7, align 8, !tbaa !12
  %47 = fcmp ogt double %46, 1.000000e+00
  br i1 %47, label %48, label %51

48:                                               ; preds = %13
  %49 = load double, ptr %7, align 8, !tbaa !12
  %50 = call double @log(double noundef %49) #7, !tbaa !5
  br label %54

51:                                               ; preds = %13
  %52 = load double, ptr %7, align 8, !tbaa !12
  %53 = call double @sin(double noundef %52) #7, !tbaa !5
  br label %54

54:                                               ; preds = %51, %48
  %55 = phi double [ %50, %48 ], [ %53, %51 ]
  %56 = fmul double %45, %55
  %57 = load double, ptr @scale, align 8, !tbaa !12
  %58 = load double, ptr %5, align 8, !tbaa !12
  %59 = call double @llvm.fmuladd.f64(double %56, double %57, double %58)
  store double %59, ptr %5, align 8, !tbaa !12
  call void @llvm.lifetime.end.p0(ptr %7) #7
  br label %60

60:                                               ; preds = %54
  %61 = load i32, ptr %6, align 4, !tbaa !5
  %62 = add nsw i32 %61, 1
  store i32 %62, ptr %6, align 4, !tbaa !5
  br label %8, !llvm.loop !17

63:                                               ; preds = %12
  %64 = load double, ptr %5, align 8, !tbaa !12
  call void @llvm.lifetime.end.p0(ptr %5) #7
  ret double %64
}

; Function Attrs: nocallback nofree nosync nounwind willreturn memory(argmem: readwrite)
declare void @llvm.lifetime.start.p0(ptr captures(none)) #1

; Function Attrs: nounwind
declare double @sqrt(double noundef) #2

; Function Attrs: nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.fmuladd.f64(double, double, double) #3

; Function Attrs: nounwind
declare double @log(double noundef) #2

; Function Attrs: nounwind
declare double @sin(double noundef) #2

; Function Attrs: nocallback nofree nosync nounwind willreturn memory(argmem: readwrite)
declare void @llvm.lifetime.end.p0(ptr captures(none)) #1

; Function Attrs: nounwind uwtable
define dso_local double @gradient(ptr noundef %0, ptr noundef %1, i32 noundef %2) #0 {
  %4 = alloca ptr, align 8
  %5 = alloca ptr, align 8
  %6 = alloca i32, align 4
  store ptr %0, ptr %4, align 8, !tbaa !9
  store ptr %1, ptr %5, align 8, !tbaa !9
  store i32 %2, ptr %6, align 4, !tbaa !5
  %7 = load i32, ptr @enzyme_dup, align 4, !tbaa !5
  %8 = load ptr, ptr %4, align 8, !tbaa !9
  %9 = load ptr, ptr %5, align 8, !tbaa !9
  %10 = load i32, ptr @enzyme_const, align 4, !tbaa !5
  %11 = load i32, ptr %6, align 4, !tbaa !5
  %12 = call double (ptr, ...) @__enzyme_autodiff(ptr noundef @energy, i32 noundef %7, ptr noundef %8, ptr noundef %9, i32 noundef %10, i32 noundef %11)
  ret double %12
}

declare double @__enzyme_autodiff(ptr noundef, ...) #4

; Function Attrs: nounwind uwtable
define dso_local i32 @main(i32 noundef %0, ptr noundef %1) #0 {
  %3 = alloca i32, align 4
  %4 = alloca i32, align 4
  %5 = alloca ptr, align 8
  %6 = alloca i32, align 4
  %7 = alloca ptr, align 8
  %8 = alloca ptr, align 8
  %9 = alloca i32, align 4
  %10 = alloca %struct.point, align 8
  %11 = alloca i32, align 4
  store i32 0, ptr %3, align 4
  store i32 %0, ptr %4, align 4, !tbaa !5
  store ptr %1, ptr %5, align 8, !tbaa !19
  call void @llvm.lifetime.start.p0(ptr %6) #7
  %12 = load i32, ptr %4, align 4, !tbaa !5
  %13 = add nsw i32 %12, 3
  store i32 %13, ptr %6, align 4, !tbaa !5
  call void @llvm.lifetime.start.p0(ptr %7) #7
  %14 = load i32, ptr %6, align 4, !tbaa !5
  %15 = sext i32 %14 to i64
  %16 = call noalias ptr @calloc(i64 noundef %15, i64 noundef 16) #8
  store ptr %16, ptr %7, align 8, !tbaa !9
  call void @llvm.lifetime.start.p0(ptr %8) #7
  %17 = load i32, ptr %6, align 4, !tbaa !5
  %18 = sext i32 %17 to i64
  %19 = call noalias ptr @calloc(i64 noundef %18, i64 noundef 16) #8
  store ptr %19, ptr %8, align 8, !tbaa !9
  call void @llvm.lifetime.start.p0(ptr %9) #7
  store i32 0, ptr %9, align 4, !tbaa !5
  br label %20

20:                                               ; preds = %37, %2
  %21 = load i32, ptr %9, align 4, !tbaa !5
  %22 = load i32, ptr %6, align 4, !tbaa !5
  %23 = icmp slt i32 %21, %22
  br i1 %23, label %25, label %24

24:                                               ; preds = %20
  call void @llvm.lifetime.end.p0(ptr %9) #7
  br label %40

25:                                               ; preds = %20
  %26 = load ptr, ptr %7, align 8, !tbaa !9
  %27 = load i32, ptr %9, align 4, !tbaa !5
  %28 = sext i32 %27 to i64
  %29 = getelementptr inbounds %struct.point, ptr %26, i64 %28
  %30 = getelementptr inbounds nuw %struct.point, ptr %10, i32 0, i32 0
  %31 = load i32, ptr %9, align 4, !tbaa !5
  %32 = sitofp i32 %31 to double
  store double %32, ptr %30, align 8, !tbaa !14
  %33 = getelementptr inbounds nuw %struct.point, ptr %10, i32 0, i32 1
  %34 = load i32, ptr %9, align 4, !tbaa !5
  %35 = sitofp i32 %34 to double
  %36 = fmul double 2.000000e+00, %35
  store double %36, ptr %33, align 8, !tbaa !16
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %29, ptr align 8 %10, i64 16, i1 false), !tbaa.struct !22
  br label %37

37:                                               ; preds = %25
  %38 = load i32, ptr %9, align 4, !tbaa !5
  %39 = add nsw i32 %38, 1
  store i32 %39, ptr %9, align 4, !tbaa !5
  br label %20, !llvm.loop !23

40:                                               ; preds = %24
  %41 = load i32, ptr %4, align 4, !tbaa !5
  switch i32 %41, label %48 [
    i32 1, label %42
    i32 2, label %47
  ]

42:                                               ; preds = %40
  %43 = load ptr, ptr %7, align 8, !tbaa !9
  %44 = load ptr, ptr %8, align 8, !tbaa !9
  %45 = load i32, ptr %6, align 4, !tbaa !5
  %46 = call double @gradient(ptr noundef %43, ptr noundef %44, i32 noundef %45)
  br label %49

47:                                               ; preds = %40
  store double 3.000000e+00, ptr @scale, align 8, !tbaa !12
  br label %49

48:                                               ; preds = %40
  store i32 2, ptr %3, align 4
  store i32 1, ptr %11, align 4
  br label %52

49:                                               ; preds = %47, %42
  %50 = load ptr, ptr %7, align 8, !tbaa !9
  call void @free(ptr noundef %50) #7
  %51 = load ptr, ptr %8, align 8, !tbaa !9
  call void @free(ptr noundef %51) #7
  store i32 0, ptr %3, align 4
  store i32 1, ptr %11, align 4
  br label %52

52:                                               ; preds = %49, %48
  call void @llvm.lifetime.end.p0(ptr %8) #7
  call void @llvm.lifetime.end.p0(ptr %7) #7
  call void @llvm.lifetime.end.p0(ptr %6) #7
  %53 = load i32, ptr %3, align 4
  ret i32 %53
}

; Function Attrs: nounwind allocsize(0,1)
declare noalias ptr @calloc(i64 noundef, i64 noundef) #5

; Function Attrs: nocallback nofree nounwind willreturn memory(argmem: readwrite)
declare void @llvm.memcpy.p0.p0.i64(ptr noalias writeonly captures(none), ptr noalias readonly captures(none), i64, i1 immarg) #6

; Function Attrs: nounwind
declare void @free(ptr noundef) #2

attributes #0 = { nounwind uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { nocallback nofree nosync nounwind willreturn memory(argmem: readwrite) }
attributes #2 = { nounwind "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #3 = { nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none) }
attributes #4 = { "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #5 = { nounwind allocsize(0,1) "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #6 = { nocallback nofree nounwind willreturn memory(argmem: readwrite) }
attributes #7 = { nounwind }
attributes #8 = { nounwind allocsize(0,1) }

!llvm.module.flags = !{!0, !1, !2, !3}
!llvm.ident = !{!4}
!llvm.errno.tbaa = !{!5}

!0 = !{i32 1, !"wchar_size", i32 4}
!1 = !{i32 8, !"PIC Level", i32 2}
!2 = !{i32 7, !"PIE Level", i32 2}
!3 = !{i32 7, !"uwtable", i32 2}
!4 = !{!"Debian clang version 22.1.8 (1~deb12u1)"}
!5 = !{!6, !6, i64 0}
!6 = !{!"int", !7, i64 0}
!7 = !{!"omnipotent char", !8, i64 0}
!8 = !{!"Simple C/C++ TBAA"}
!9 = !{!10, !10, i64 0}
!10 = !{!"p1 _ZTS5point", !11, i64 0}
!11 = !{!"any pointer", !7, i64 0}
!12 = !{!13, !13, i64 0}
!13 = !{!"double", !7, i64 0}
!14 = !{!15, !13, i64 0}
!15 = !{!"point", !13, i64 0, !13, i64 8}
!16 = !{!15, !13, i64 8}
!17 = distinct !{!17, !18}
!18 = !{!"llvm.loop.mustprogress"}
!19 = !{!20, !20, i64 0}
!20 = !{!"p2 omnipotent char", !21, i64 0}
!21 = !{!"any p2 pointer", !11, i64 0}
!22 = !{i64 0, i64 8, !12, i64 8, i64 8, !12}
!23 = distinct !{!23, !18}
