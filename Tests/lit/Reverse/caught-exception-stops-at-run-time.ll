; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Reverse mode follows only paths without exceptions: in a function that catches an exception and
; goes on, the augmented function's handler, instead of going back to the normal path, stops the
; program with a message naming the `catch` (its `__cxa_begin_catch`), not the first instruction of
; the code after it, which may be a library's inlined there (it named `stl_iterator.h` for a range-for
; around a try/catch). The phi that merged the handler's value takes the normal path's alone. Such
; functions were refused when swad compiled them, though the exception may never come (libstdc++'s
; `shrink_to_fit` catches a failed allocation).

declare i32 @__gxx_personality_v0(...)
declare double @__enzyme_autodiff(ptr, ...)
declare double @may_throw(double)
declare ptr @__cxa_begin_catch(ptr)
declare void @__cxa_end_catch()

define double @f(double %x) personality ptr @__gxx_personality_v0 !dbg !3 {
entry:
  %y = invoke double @may_throw(double 1.0) to label %done unwind label %catch
catch:
  %lp = landingpad { ptr, i32 } catch ptr null
  %e = extractvalue { ptr, i32 } %lp, 0
  %c = call ptr @__cxa_begin_catch(ptr %e), !dbg !5
  call void @__cxa_end_catch(), !dbg !6
  br label %done, !dbg !6
done:
  %r = phi double [ %y, %entry ], [ 0.0, %catch ]
  %s = fmul double %r, %x, !dbg !6
  ret double %s, !dbg !6
}

define double @caller(double %x) {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %d
}

; CHECK: @swad.stop.message = private unnamed_addr constant {{.*}} c"swad: user.cpp:12:5: in function 'f': an exception was caught and the function went on, which a gradient in reverse mode cannot follow (its reverse sweep knows only the paths without exceptions); move the try/catch out of the differentiated code, or use forward mode\0A\00"

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: [[Y:%.*]] = invoke double @may_throw(double 1.000000e+00)
; CHECK: done:
; CHECK-NEXT: phi double [ [[Y]], %entry.cont ]
; CHECK: call ptr @__cxa_begin_catch(
; CHECK-NEXT: call void @__cxa_end_catch()
; CHECK-NEXT: br label %caught.exception
; CHECK: caught.exception:
; CHECK-NEXT: call i64 @write(i32 2, ptr @swad.stop.message
; CHECK-NEXT: call void @abort()
; CHECK-NEXT: unreachable

; CHECK-LABEL: define internal { double } @diffe_reverse_f(

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}
!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !1, emissionKind: FullDebug)
!1 = !DIFile(filename: "user.cpp", directory: "/src")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = distinct !DISubprogram(name: "f", scope: !1, file: !1, line: 10, unit: !0, spFlags: DISPFlagDefinition)
!4 = !DIFile(filename: "stl_iterator.h", directory: "/usr/include/c++/12/bits")
!5 = !DILocation(line: 12, column: 5, scope: !3)
!6 = !DILocation(line: 1107, column: 2, scope: !7, inlinedAt: !8)
!7 = distinct !DISubprogram(name: "next", scope: !4, file: !4, line: 1100, unit: !0, spFlags: DISPFlagDefinition)
!8 = !DILocation(line: 14, column: 3, scope: !3)
