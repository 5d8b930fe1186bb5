; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; A 64-bit word read through a shadow that may be its primal (`ConstantShadows`: the holder was
; loaded from memory) is an address here, as a Swift indirect enum's payload is: its tangent is the
; word the shadow holds, which is the primal's own word where the shadow is the primal, so that
; the double read through it is checked too (zero there). Zeroed instead, the word made a null
; shadow pointer; never checked, the constant double read as its own tangent. The same word's bits
; taken as a double (the other case of the enum) read as zero where the shadow was the primal.

declare double @__enzyme_fwddiff(ptr, ...)

define double @f(ptr %holders) {
entry:
  %holder = load ptr, ptr %holders
  %word = load i64, ptr %holder
  %tag = lshr i64 %word, 62
  %isBox = icmp ne i64 %tag, 0
  br i1 %isBox, label %box, label %number

box:
  %untagged = and i64 %word, 4611686018427387903
  %address = inttoptr i64 %untagged to ptr
  %value = load double, ptr %address
  br label %done

number:
  %bits = bitcast i64 %word to double
  br label %done

done:
  %result = phi double [ %value, %box ], [ %bits, %number ]
  ret double %result
}

; The same word also stored whole into a `double` (a payload word appended to a `[Double]`): its
; bits are a float's there, so it is not kept: read as zero where the shadow is the primal.
define double @g(ptr %holders, ptr %out, i64 %k) {
entry:
  %holder = load ptr, ptr %holders
  %word = load i64, ptr %holder
  %slot = getelementptr inbounds double, ptr %out, i64 %k
  store i64 %word, ptr %slot
  %untagged = and i64 %word, 4611686018427387903
  %address = inttoptr i64 %untagged to ptr
  %value = load double, ptr %address
  ret double %value
}

define double @caller(ptr %h, ptr %dh, ptr %o, ptr %do, i64 %k) {
entry:
  %t = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %h, ptr %dh)
  %u = call double (ptr, ...) @__enzyme_fwddiff(ptr @g, ptr %h, ptr %dh, ptr %o, ptr %do, i64 %k)
  %r = fadd double %t, %u
  ret double %r
}

; CHECK-LABEL: define internal { double, double } @fwddiffef(
; CHECK: %holder = load ptr, ptr %holders
; CHECK-NEXT: %[[DHOLDER:.+]] = load ptr, ptr %"'holders"
; CHECK-NEXT: %word = load i64, ptr %holder
; CHECK-NEXT: %[[DWORD:.+]] = load i64, ptr %[[DHOLDER]]
; CHECK-NOT: select i1 %{{.*}}, i64 0
; CHECK: %[[NUMBER:.+]] = load double, ptr %holder
; CHECK-NEXT: %[[DNUMBER:.+]] = load double, ptr %[[DHOLDER]]
; CHECK-NEXT: %[[NUMBERCHECK:.+]] = icmp eq ptr %[[DHOLDER]], %holder
; CHECK-NEXT: %[[TNUMBER:.+]] = select i1 %[[NUMBERCHECK]], double 0.000000e+00, double %[[DNUMBER]]
; CHECK: box:
; CHECK: %"'untagged" = and i64 %[[DWORD]], 4611686018427387903
; CHECK: %"'address" = inttoptr i64 %"'untagged" to ptr
; CHECK: %[[DVALUE:.+]] = load double, ptr %"'address"
; CHECK-NEXT: %[[BOXCHECK:.+]] = icmp eq ptr %"'address", %address
; CHECK-NEXT: %[[TVALUE:.+]] = select i1 %[[BOXCHECK]], double 0.000000e+00, double %[[DVALUE]]
; CHECK: %"'result" = phi double [ %[[TVALUE]], %{{[.a-z0-9]+}} ], [ %[[TNUMBER]], %{{[.a-z0-9]+}} ]

; CHECK-LABEL: define internal { double, double } @fwddiffeg(
; CHECK: %word = load i64, ptr %holder
; CHECK-NEXT: %[[DWORD:[0-9]+]] = load i64, ptr %"'holder"
; CHECK-NEXT: %[[CHECK2:[a-z.0-9]+]] = icmp eq ptr %"'holder", %holder
; CHECK-NEXT: select i1 %[[CHECK2]], i64 0, i64 %[[DWORD]]
