; RUN: not %swad-opt %s -O0 --pre-passes '' -S -o /dev/null 2>&1 | FileCheck %s
; An address a helper returns as an integer reaching `inttoptr` through a phi (the address chosen
; on one branch): a result made a pointer directly is returned as a pointer
; (address-returned-as-integer.ll), this one still carries no shadow, and is an error naming the
; helper, not a pointer whose shadow would be taken as null on that path.
; CHECK: swad-opt: error: in function 'through_branch': the address 'address_of' returns as an integer is made a pointer again here

define i64 @address_of(ptr %p) noinline {
  %a = ptrtoint ptr %p to i64
  ret i64 %a
}

define double @through_branch(ptr %x, i1 %far) {
entry:
  %near = ptrtoint ptr %x to i64
  br i1 %far, label %call, label %join
call:
  %a = call i64 @address_of(ptr %x)
  br label %join
join:
  %chosen = phi i64 [ %a, %call ], [ %near, %entry ]
  %q = inttoptr i64 %chosen to ptr
  %v = load double, ptr %q, align 8
  %r = fmul double %v, %v
  ret double %r
}

declare void @__enzyme_autodiff(ptr, ...)
@enzyme_const = external global i32

define void @gradient(ptr %x, ptr %dx, i1 %far) {
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @through_branch, ptr %x, ptr %dx, i32 %c, i1 %far)
  ret void
}
