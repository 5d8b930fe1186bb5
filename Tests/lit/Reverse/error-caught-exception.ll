; RUN: not %swad-opt %s -O0 --pre-passes '' -S 2>&1 | FileCheck %s
; Reverse mode follows only paths without exceptions: a function that catches an exception and goes
; on cannot be differentiated in reverse mode.

declare i32 @__gxx_personality_v0(...)
declare double @__enzyme_autodiff(ptr, ...)
declare double @may_throw(double)
declare ptr @__cxa_begin_catch(ptr)
declare void @__cxa_end_catch()

define double @f(double %x) personality ptr @__gxx_personality_v0 {
entry:
  %y = invoke double @may_throw(double 1.0) to label %done unwind label %catch
catch:
  %lp = landingpad { ptr, i32 } catch ptr null
  %e = extractvalue { ptr, i32 } %lp, 0
  %c = call ptr @__cxa_begin_catch(ptr %e)
  call void @__cxa_end_catch()
  br label %done
done:
  %r = phi double [ %y, %entry ], [ 0.0, %catch ]
  %s = fmul double %r, %x
  ret double %s
}

define double @caller(double %x) {
  %d = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %d
}

; CHECK: error: in function 'f': cannot differentiate in reverse mode a function that catches an exception and goes on
