; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; RUN: sed 's/<2 x double>/<4 x double>/g' %s | %swad-opt - -O0 --pre-passes '' -S | FileCheck %s --check-prefix=WIDE
; A stack slot with a derivative, 8-byte aligned, in a module that loads and stores vectors. Code
; that looks at an address's low bits (Eigen's assignment loops peel elements until the destination
; is aligned for a packet, then store whole packets with aligned stores) follows the primal's path
; for the shadow too: a shadow at another address modulo the packet size was stored to misaligned
; (Eigen's `Matrix<double, Dynamic, Dynamic, 0, 3, 3>` temporary of a block update at -O0 crashed
; both modes). The slot and its shadow are now aligned alike, to the widest vector the module
; accesses and at least 16 (what malloc gives the reverse sweep's heap shadows): an aligned_alloc
; above that (Support/ShadowAlignment.swift).

declare double @__enzyme_autodiff(ptr, ...)
declare double @__enzyme_fwddiff(ptr, ...)

define double @f(ptr %x) {
entry:
  %slot = alloca [4 x double], align 8
  %v = load <2 x double>, ptr %x, align 8
  %m = fmul <2 x double> %v, %v
  store <2 x double> %m, ptr %slot, align 8
  %a = load double, ptr %slot, align 8
  %p1 = getelementptr inbounds double, ptr %slot, i64 1
  %b = load double, ptr %p1, align 8
  %r = fadd double %a, %b
  ret double %r
}

define void @gradient(ptr %x, ptr %dx) {
entry:
  %r = call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr %x, ptr %dx)
  ret void
}

define double @tangent(ptr %x, ptr %dx) {
entry:
  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %x, ptr %dx)
  ret double %r
}

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: %slot = alloca [4 x double], align 16
; CHECK-NEXT: %"'slot" = call ptr @malloc(i64 32)
; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: %slot = alloca [4 x double], align 16
; CHECK-NEXT: %"'slot" = alloca [4 x double], align 16
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 16 %"'slot", i8 0, i64 32, i1 false)

; WIDE-LABEL: define internal double @augmented_f(
; WIDE: %slot = alloca [4 x double], align 32
; WIDE-NEXT: %"'slot" = call ptr @aligned_alloc(i64 32, i64 32)
; WIDE-LABEL: define internal { double, double } @fwddiffef(
; WIDE: %slot = alloca [4 x double], align 32
; WIDE-NEXT: %"'slot" = alloca [4 x double], align 32
