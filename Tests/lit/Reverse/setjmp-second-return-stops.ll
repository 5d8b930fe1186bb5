; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A longjmp back to a setjmp in reverse mode: the reverse sweep cannot follow a jump across frames,
; and the gradient was silently 0. The forward sweep's copy of the setjmp is followed by a call that
; stops the program when it returns a second time (nonzero), naming the setjmp's place; a setjmp
; whose jump is not taken costs that call only.

declare i32 @_setjmp(ptr) returns_twice
declare void @longjmp(ptr, i32) noreturn
declare double @__enzyme_autodiff(ptr, ...)
declare double @log(double)

@env = internal global [200 x i8] zeroinitializer

define internal double @safe_log(double %x) {
entry:
  %bad = fcmp ole double %x, 0.0
  br i1 %bad, label %jump, label %ok
jump:
  call void @longjmp(ptr @env, i32 1)
  unreachable
ok:
  %l = call double @log(double %x)
  ret double %l
}

define double @f(double %x) !dbg !3 {
entry:
  %r = call i32 @_setjmp(ptr @env), !dbg !5
  %jumped = icmp ne i32 %r, 0
  br i1 %jumped, label %fallback, label %normal
normal:
  %l = call double @safe_log(double %x)
  %y = fmul double %l, %x
  ret double %y
fallback:
  %z = fmul double %x, 2.0
  ret double %z
}

define double @caller(double %x) {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %d
}

; CHECK: swad: user.c:8:7: in function 'f': cannot differentiate in reverse mode a longjmp back to this setjmp
; CHECK-LABEL: define internal {{.*}} @augmented_f(
; CHECK: %[[R:[0-9a-z.]+]] = call i32 @_setjmp(ptr @env)
; CHECK-NEXT: call void @swad.longjmp.stop(i32 %[[R]])
; CHECK-LABEL: define internal void @swad.longjmp.stop(i32 %0)
; CHECK: icmp ne i32 %0, 0
; CHECK: call void @abort()
; CHECK-NEXT: unreachable

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}
!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, emissionKind: FullDebug)
!1 = !DIFile(filename: "user.c", directory: "/src")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = distinct !DISubprogram(name: "f", scope: !1, file: !1, line: 6, unit: !0, spFlags: DISPFlagDefinition)
!5 = !DILocation(line: 8, column: 7, scope: !3)
