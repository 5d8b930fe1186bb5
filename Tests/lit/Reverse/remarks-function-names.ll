; RUN: %swad-opt %s --pre-passes '' --passes '' -o /dev/null --print-remarks 2>&1 | FileCheck %s
; Remarks name a C++ function with its templates' arguments elided and a Swift function by its
; argument labels, as Swift's diagnostics do: with every type in full (and the symbol after), a
; remark about Eigen's code ran to a thousand characters before it said anything. The remark that
; announces each derivative names the function in full, symbol included, once for all the calls it
; serves. Without debug info, a last remark says how to get source lines.

declare double @sin(double)
declare double @__enzyme_autodiff(ptr, ...)

; std::vector<double, std::allocator<double> >::push_back(double const&) stands in for any template.
define double @_ZNSt6vectorIdSaIdEE9push_backERKd(ptr %x, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %sum = phi double [ 0.0, %entry ], [ %sum.next, %loop ]
  %at = getelementptr double, ptr %x, i64 %i
  %xi = load double, ptr %at
  %sin = call double @sin(double %xi)
  %square = fmul double %sin, %sin
  %sum.next = fadd double %sum, %square
  %next = add i64 %i, 1
  %more = icmp ult i64 %next, %n
  br i1 %more, label %loop, label %exit
exit:
  ret double %sum.next
}

; sgmm.gmmObjective(d: Swift.Int, k: Swift.Int, n: Swift.Int, alphas: Swift.Array<Swift.Double>, ...) -> Swift.Double
define double @"$s4sgmm12gmmObjective1d1k1n6alphas5means3icf1x12wishartGamma0G1MSdSi_S2iSaySdGA3LSdSitF"(ptr %x) {
  %v = load double, ptr %x
  %s = call double @sin(double %v)
  %p = fmul double %s, %s
  ret double %p
}

; CHECK: remark: synthesized diffe_ZNSt6vectorIdSaIdEE9push_backERKd for std::vector<double, std::allocator<double> >::push_back(double const&) (_ZNSt6vectorIdSaIdEE9push_backERKd)
; CHECK-NEXT: remark: synthesized diffe$s4sgmm{{.*}}tF for sgmm.gmmObjective(d: Swift.Int, k: Swift.Int, {{.*}}) -> Swift.Double ($s4sgmm{{.*}}tF)
; CHECK-NOT: synthesized
; CHECK: remark: std::vector<…>::push_back(double const&): the tape keeps 8 bytes each time block %loop runs
; CHECK-NOT: remark: std::vector<…>::push_back(double const&): the tape keeps 8 bytes each time
; CHECK: remark: gmmObjective(d:k:n:alphas:means:icf:x:wishartGamma:wishartM:): the tape keeps {{[0-9]+}} bytes per call: %s (call)
; CHECK-NOT: remark: gmmObjective{{.*}}: the tape keeps
; The module has no debug info.
; CHECK: remark: the remarks name values as the IR does: compile with -g (or -gline-tables-only) for the source line of each

define void @caller(ptr %x, ptr %dx, i64 %n) {
  call double (ptr, ...) @__enzyme_autodiff(ptr @_ZNSt6vectorIdSaIdEE9push_backERKd, metadata !"enzyme_dup", ptr %x, ptr %dx, metadata !"enzyme_const", i64 %n)
  call double (ptr, ...) @__enzyme_autodiff(ptr @"$s4sgmm12gmmObjective1d1k1n6alphas5means3icf1x12wishartGamma0G1MSdSi_S2iSaySdGA3LSdSitF", metadata !"enzyme_dup", ptr %x, ptr %dx)
  call double (ptr, ...) @__enzyme_autodiff(ptr @_ZNSt6vectorIdSaIdEE9push_backERKd, metadata !"enzyme_dup", ptr %x, ptr %dx, metadata !"enzyme_const", i64 %n)
  ret void
}
