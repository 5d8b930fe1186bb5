; RUN: not %swad-opt %s -O0 --pre-passes '' -o /dev/null 2>&1 | FileCheck %s
; RUN: sed 's/ptr @processing, ptr %x/ptr @core, ptr %x/' %s | not %swad-opt - -O0 --pre-passes '' -o /dev/null 2>&1 | FileCheck %s --check-prefix=CORE
; A Swift standard-library function with no body here and no rule, reached by derivative data: the
; error names it demangled and the library it runs in, libswiftCore or, for `_StringProcessing`'s
; extensions (`trimmingPrefix`), libswift_StringProcessing (it said libswiftCore for both).

declare double @__enzyme_autodiff(ptr, ...)
declare swiftcc double @"$sSl17_StringProcessingSQ7ElementRpzrlE14trimmingPrefixy11SubSequenceQzqd__STRd__ABQyd__ACRSlF"(ptr)
declare swiftcc double @"$sSa9someThingyS2dF"(ptr)

define double @processing(ptr %x) {
  %r = call swiftcc double @"$sSl17_StringProcessingSQ7ElementRpzrlE14trimmingPrefixy11SubSequenceQzqd__STRd__ABQyd__ACRSlF"(ptr %x)
  ret double %r
}

define double @core(ptr %x) {
  %r = call swiftcc double @"$sSa9someThingyS2dF"(ptr %x)
  ret double %r
}

define void @caller(ptr %x, ptr %dx) {
  %a = call double (ptr, ...) @__enzyme_autodiff(ptr @processing, ptr %x, ptr %dx)
  ret void
}

; CHECK: error: in function 'processing': cannot differentiate a call of '{{.*}}trimmingPrefix{{.*}}': a Swift standard-library function that is not in this module (it runs in libswift_StringProcessing)
; CORE: error: in function 'core': cannot differentiate a call of '{{.*}}': a Swift standard-library function that is not in this module (it runs in libswiftCore)
