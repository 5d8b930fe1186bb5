; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Eigen 3.4's pmax and pmin for SSE packets under clang (which says it is GCC 4.2, so Eigen works
; around a GCC 6.2 bug) are inline assembly: `maxpd a, r` with r tied to b is `b > a ? b : a` per
; lane, `minpd` with `<`. The tangent follows the operand returned: ḃ where b > a, else ȧ. They are
; behind Eigen's maxCoeff(), minCoeff(), max(x), min(x) and exp(); they were refused.

declare <2 x double> @__enzyme_fwddiff(ptr, ...)

define <2 x double> @pmax(<2 x double> %a, <2 x double> %b) {
entry:
  %r = call <2 x double> asm "maxpd $1, $0", "=x,x,0,~{dirflag},~{fpsr},~{flags}"(<2 x double> %a, <2 x double> %b)
  ret <2 x double> %r
}

define <2 x double> @pmin(<2 x double> %a, <2 x double> %b) {
entry:
  %r = call <2 x double> asm "minpd $1, $0", "=x,x,0,~{dirflag},~{fpsr},~{flags}"(<2 x double> %a, <2 x double> %b)
  ret <2 x double> %r
}

define void @caller(<2 x double> %a, <2 x double> %da, <2 x double> %b, <2 x double> %db) {
entry:
  %t = call <2 x double> (ptr, ...) @__enzyme_fwddiff(ptr @pmax, <2 x double> %a, <2 x double> %da, <2 x double> %b, <2 x double> %db)
  %u = call <2 x double> (ptr, ...) @__enzyme_fwddiff(ptr @pmin, <2 x double> %a, <2 x double> %da, <2 x double> %b, <2 x double> %db)
  ret void
}

; CHECK-LABEL: define internal {{.*}} @fwddiffepmax(
; CHECK-SAME: <2 x double> [[A:%.*]], <2 x double> [[DA:%.*]], <2 x double> [[B:%.*]], <2 x double> [[DB:%.*]])
; CHECK:      call <2 x double> asm "maxpd $1, $0"
; CHECK:      [[GT:%.*]] = fcmp ogt <2 x double> [[B]], [[A]]
; CHECK:      select <2 x i1> [[GT]]
; CHECK:      ret

; CHECK-LABEL: define internal {{.*}} @fwddiffepmin(
; CHECK:      call <2 x double> asm "minpd $1, $0"
; CHECK:      fcmp olt <2 x double> {{%.*}}, {{%.*}}
; CHECK:      ret
