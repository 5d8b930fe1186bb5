; An intrinsic with an active argument and no rule is an error that says what helps: an intrinsic
; cannot be defined in the module or registered (the error used to advise both).
; RUN: not %swad-opt %s -o /dev/null 2>&1 | FileCheck %s
; CHECK: in function 'f': cannot differentiate a call of the intrinsic 'llvm.x86.sse2.max.sd': swad has no derivative rule for it; write the operation in plain arithmetic (the vectorizers make vector instructions of it), or keep it out of the differentiated code

declare <2 x double> @llvm.x86.sse2.max.sd(<2 x double>, <2 x double>)
declare double @__enzyme_autodiff(ptr, ...)

define double @f(double %x) {
  %v = insertelement <2 x double> zeroinitializer, double %x, i64 0
  %m = call <2 x double> @llvm.x86.sse2.max.sd(<2 x double> %v, <2 x double> <double 1.0, double 1.0>)
  %r = extractelement <2 x double> %m, i64 0
  ret double %r
}

define double @gradient(double %x) {
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %r
}
