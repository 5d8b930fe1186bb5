; RUN: %swad-opt %s -O0 --pre-passes '' --print-activity | FileCheck %s
; RUN: sed 's/^%%String = type <{ i64, ptr }>/%%String = type <{ [8 x i8], ptr }>/' %s \
; RUN:   | %swad-opt - -O0 --pre-passes '' --print-activity | FileCheck %s --check-prefix=BYTES
; RUN: sed 's/^%%String = type <{ i64, ptr }>/%%String = type <{ i32, float, ptr }>/' %s \
; RUN:   | %swad-opt - -O0 --pre-passes '' --print-activity | FileCheck %s --check-prefix=BYTES
; An integer copied without a type tag from memory that declares an integer there into memory that
; declares one too: a Swift String's first word (count and flags, a UInt64) moved into a record
; {name: String; value: Double} by zip(names, p).map. A genuine integer, not a double's bits: it is
; inactive, so reverse mode does not take it for a copy of memory that holds pointers and doubles
; (and refuse it). Where a side declares only bytes (an enum's payload), or an integer that does
; not hold all the copied bytes (an int beside a float), it may carry a float's bits and stays active.

%String = type <{ i64, ptr }>
%Record = type <{ %String, double }>

declare double @__enzyme_autodiff(ptr, ...)

define double @name_records(ptr %names, ptr %values, ptr %records, i64 %n) {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %word = getelementptr inbounds %String, ptr %names, i64 %i
  %flags = load i64, ptr %word, align 8
  %object.at = getelementptr inbounds i8, ptr %word, i64 8
  %object = load ptr, ptr %object.at, align 8
  %value.at = getelementptr inbounds double, ptr %values, i64 %i
  %value = load double, ptr %value.at, align 8
  %record = getelementptr inbounds %Record, ptr %records, i64 %i
  store i64 %flags, ptr %record, align 8
  %record.object = getelementptr inbounds i8, ptr %record, i64 8
  store ptr %object, ptr %record.object, align 8
  %record.value = getelementptr inbounds i8, ptr %record, i64 16
  store double %value, ptr %record.value, align 8
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, %n
  br i1 %done, label %exit, label %loop

exit:
  %first = getelementptr inbounds i8, ptr %records, i64 16
  %r = load double, ptr %first, align 8
  ret double %r
}

define void @caller(ptr %names, ptr %dnames, ptr %values, ptr %dvalues, ptr %records, ptr %drecords, i64 %n) {
entry:
  call double (ptr, ...) @__enzyme_autodiff(ptr @name_records, ptr %names, ptr %dnames, ptr %values, ptr %dvalues, ptr %records, ptr %drecords, i64 %n)
  ret void
}

; CHECK-LABEL: activity of @name_records (reverse;
; CHECK: inactive: %flags = load i64
; CHECK: active: %object = load ptr
; CHECK: active: %value = load double

; BYTES-LABEL: activity of @name_records (reverse;
; BYTES: {{^ *}}active: %flags = load i64
