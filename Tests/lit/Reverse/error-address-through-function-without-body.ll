; RUN: not %swad-opt %s -O0 --pre-passes '' -o /dev/null 2>&1 | FileCheck %s
; An address with a shadow handed as an integer to a function without a body here, which returns
; it in an integer pair (Swift's unoptimized code makes an `UnsafeBufferPointer` by calling the
; library's `init(start:count:)`), made a pointer again and loaded through: the shadow cannot come
; back through the call, and the derivative was silently 0 in both modes. An error naming the
; function, with the way out for Swift code.

; CHECK: swad-opt: error: in function 'square': an address with a derivative goes through 'Swift.UnsafeBufferPointer.init(start: Swift.Optional<Swift.UnsafePointer<A>>, count: Swift.Int) -> Swift.UnsafeBufferPointer<A> ($sSR5start5countSRyxGSPyxGSg_SitcfC)', which has no body in this module, as an integer, and what it returns is made a pointer again here: swad cannot follow the shadow through it, so the derivatives through this pointer would be lost; compile the Swift code with -O, whose specializations bring the library's code into the module

declare swiftcc { i64, i64 } @"$sSR5start5countSRyxGSPyxGSg_SitcfC"(i64, i64, ptr)
declare void @__enzyme_autodiff(ptr, ...)
@"$sSdN" = external global i8
@enzyme_dup = external global i32

define double @square(ptr %x, i64 %n) {
  %address = ptrtoint ptr %x to i64
  %buffer = call swiftcc { i64, i64 } @"$sSR5start5countSRyxGSPyxGSg_SitcfC"(i64 %address, i64 %n, ptr @"$sSdN")
  %start = extractvalue { i64, i64 } %buffer, 0
  %p = inttoptr i64 %start to ptr
  %v = load double, ptr %p, align 8
  %r = fmul double %v, %v
  ret double %r
}

define void @caller(ptr %x, ptr %dx) {
  %m = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @square, i32 %m, ptr %x, ptr %dx, i64 1)
  ret void
}
