; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; Reverse mode follows only paths without exceptions: a function that catches an exception and goes
; on cannot be differentiated in reverse mode. The error names the `catch` (its `__cxa_begin_catch`),
; not the first instruction of the code after it, which may be a library's inlined there (it named
; `stl_iterator.h` for a range-for around a try/catch).

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

; CHECK: error: user.cpp:12:5: in function 'f': cannot differentiate in reverse mode a function that catches an exception and goes on

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
