; RUN: %swad-opt %s --pre-passes '' --passes mem2reg -S -o %t.ll --remarks 2>%t.remarks
; RUN: FileCheck %s --input-file %t.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file %t.remarks
; A read of a scratch array (ScratchArray: a local array one loop fills element by element, read by
; later loops, filled again for the next sample) is computed again by the reverse sweep from what
; the fill read, instead of pushed every iteration (Gradient+ScratchArrays): `centered[j]` is redone
; as `x[s * n + j] - mu[j]`. @swift_shape is the form Swift gives: the array's storage behind a
; 32-byte header (its count read by the bounds checks), chosen by a phi against the shared empty
; storage, a fill loop that traps when a bounds check fails, a read loop that Swift guards with
; `n == 0` again (the fill's loop then does not dominate it; with n == 0 neither runs), and the fill's
; base index `s * n` computed in a block the read does not see, which the reverse sweep computes
; again too. The primal is left as it is (no pre-AD passes here; the pre-AD rewrite of C's scratch
; arrays, ScratchArrayForwarding, changes the primal, and leaves Swift's alone).
; When the fill's input is written after the fill (@input_written), or the fill loop may stop early
; and go on to the reads (@early_exit), the read stays on the tape. @cxx_shape is C++'s form: storage
; from operator new or a null pointer (no elements), deleted, a fill that returns early (which never
; reaches the reads), reads over a triangle's columns j < i of rows i < n.

; The primal is unchanged: the read loads centered[j].
; CHECK-LABEL: define double @swift_shape(
; CHECK:       read.body:
; CHECK-NEXT:    %pr = getelementptr inbounds %TSd, ptr %elements, i64 %j
; CHECK-NEXT:    %v = load double, ptr %pr
; The reverse of the read loop: x[s * n + j] - mu[j], with s and j the reverse loops' counters.
; CHECK-LABEL: define internal void @diffe_reverse_swift_shape(
; CHECK:       rev.read.body.body:
; CHECK:         [[BASE:%[0-9]+]] = mul i64 %{{loop[0-9]*}}.0, %n
; CHECK-NEXT:    [[XK:%[0-9]+]] = add i64 [[BASE]], %loop.0
; CHECK-NEXT:    [[PX:%[0-9]+]] = getelementptr inbounds double, ptr %x, i64 [[XK]]
; CHECK-NEXT:    [[X:%[0-9]+]] = load double, ptr [[PX]]
; CHECK-NEXT:    [[PMU:%[0-9]+]] = getelementptr inbounds double, ptr %mu, i64 %loop.0
; CHECK-NEXT:    [[MU:%[0-9]+]] = load double, ptr [[PMU]]
; CHECK-NEXT:    [[C:%[0-9]+]] = fsub double [[X]], [[MU]]
; CHECK-NEXT:    fmul contract double [[C]],
; CHECK:       rev.read:

; REMARK:      swift_shape: the tape keeps 56 bytes per call:
; REMARK-NOT:  swift_shape: the tape keeps {{.*}} each time
; REMARK:      swift_shape: computed again by the reverse sweep from what the loop that filled its array read, instead of kept: %v (load)
; REMARK:      plain: computed again by the reverse sweep from what the loop that filled its array read, instead of kept: %v (load)
; REMARK:      input_written: the tape keeps 8 bytes each time block %read runs {{.*}}: %v (load)
; REMARK-NOT:  input_written: computed again
; REMARK:      early_exit: the tape keeps {{[0-9]+}} bytes each time block %read runs {{.*}}: %v (load)
; REMARK-NOT:  early_exit: computed again
; REMARK:      cxx_shape: computed again by the reverse sweep from what the loop that filled its array read, instead of kept: %v (load)

%TSd = type <{ double }>

@enzyme_const = external global i32
@enzyme_dup = external global i32
@"$sSdN" = external global i8
@_swiftEmptyArrayStorage = external global i8

declare void @__enzyme_autodiff(ptr, ...)
declare ptr @"$sSa28_allocateBufferUninitialized15minimumCapacitys016_ContiguousArrayB0VyxGSi_tFZ"(i64, ptr)
declare void @swift_release(ptr)
declare void @llvm.trap()
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

define double @swift_shape(ptr %x, ptr %mu, i64 %n, i64 %m) {
entry:
  %empty = icmp eq i64 %n, 0
  br i1 %empty, label %join, label %alloc

alloc:
  %buf = call ptr @"$sSa28_allocateBufferUninitialized15minimumCapacitys016_ContiguousArrayB0VyxGSi_tFZ"(i64 %n, ptr @"$sSdN")
  %count = getelementptr inbounds i8, ptr %buf, i64 16
  store i64 %n, ptr %count
  %elements.new = getelementptr i8, ptr %buf, i64 32
  %bytes = shl i64 %n, 3
  call void @llvm.memset.p0.i64(ptr %elements.new, i8 0, i64 %bytes, i1 false)
  br label %join

join:
  %array = phi ptr [ @_swiftEmptyArrayStorage, %entry ], [ %buf, %alloc ]
  %elements = getelementptr inbounds i8, ptr %array, i64 32
  %header = getelementptr inbounds i8, ptr %array, i64 16
  br label %outer

outer:
  %s = phi i64 [ 0, %join ], [ %s.next, %outer.latch ]
  %sum = phi double [ 0.0, %join ], [ %sum.next, %outer.latch ]
  %s.next = add nuw i64 %s, 1
  br i1 %empty, label %middle, label %fill.start

fill.start:
  %base = mul i64 %s, %n
  br label %fill

fill:
  %k = phi i64 [ 0, %fill.start ], [ %k.next, %fill.store ]
  %k.next = add nuw nsw i64 %k, 1
  %xk = add i64 %base, %k
  %in.bounds = icmp ult i64 %xk, 1000000
  br i1 %in.bounds, label %fill.store, label %trap

fill.store:
  %px = getelementptr inbounds double, ptr %x, i64 %xk
  %xv = load double, ptr %px
  %pmu = getelementptr inbounds double, ptr %mu, i64 %k
  %muv = load double, ptr %pmu
  %c = fsub double %xv, %muv
  %pc = getelementptr inbounds %TSd, ptr %elements, i64 %k
  store double %c, ptr %pc
  %fill.done = icmp eq i64 %k.next, %n
  br i1 %fill.done, label %middle, label %fill

middle:
  br i1 %empty, label %outer.latch, label %read

read:
  %j = phi i64 [ 0, %middle ], [ %j.next, %read.body ]
  %acc = phi double [ %sum, %middle ], [ %acc.next, %read.body ]
  %stored = load i64, ptr %header
  %checked = icmp ult i64 %j, %stored
  br i1 %checked, label %read.body, label %trap

read.body:
  %pr = getelementptr inbounds %TSd, ptr %elements, i64 %j
  %v = load double, ptr %pr
  %sq = fmul double %v, %v
  %acc.next = fadd double %acc, %sq
  %j.next = add nuw nsw i64 %j, 1
  %read.done = icmp eq i64 %j.next, %n
  br i1 %read.done, label %outer.latch, label %read

outer.latch:
  %sum.next = phi double [ %sum, %middle ], [ %acc.next, %read.body ]
  %outer.done = icmp eq i64 %s.next, %m
  br i1 %outer.done, label %exit, label %outer

exit:
  call void @swift_release(ptr %array)
  ret double %sum.next

trap:
  call void @llvm.trap()
  unreachable
}

; A C array: t[k] = p[k] * p[k] for k < n, then sum_j t[j] * t[j].
define double @plain(ptr %p, i64 %n) {
entry:
  %t = alloca [64 x double]
  br label %fill

fill:
  %k = phi i64 [ 0, %entry ], [ %k.next, %fill ]
  %pk = getelementptr inbounds double, ptr %p, i64 %k
  %pv = load double, ptr %pk
  %sq = fmul double %pv, %pv
  %tk = getelementptr inbounds double, ptr %t, i64 %k
  store double %sq, ptr %tk
  %k.next = add nuw nsw i64 %k, 1
  %fill.done = icmp eq i64 %k.next, %n
  br i1 %fill.done, label %read, label %fill

read:
  %j = phi i64 [ 0, %fill ], [ %j.next, %read ]
  %acc = phi double [ 0.0, %fill ], [ %acc.next, %read ]
  %tj = getelementptr inbounds double, ptr %t, i64 %j
  %v = load double, ptr %tj
  %term = fmul double %v, %v
  %acc.next = fadd double %acc, %term
  %j.next = add nuw nsw i64 %j, 1
  %read.done = icmp eq i64 %j.next, %n
  br i1 %read.done, label %exit, label %read

exit:
  ret double %acc.next
}

; The same, with p scaled after the reads: the fill's value cannot be read again from p.
define double @input_written(ptr %p, i64 %n) {
entry:
  %t = alloca [64 x double]
  br label %fill

fill:
  %k = phi i64 [ 0, %entry ], [ %k.next, %fill ]
  %pk = getelementptr inbounds double, ptr %p, i64 %k
  %pv = load double, ptr %pk
  %sq = fmul double %pv, %pv
  %tk = getelementptr inbounds double, ptr %t, i64 %k
  store double %sq, ptr %tk
  %k.next = add nuw nsw i64 %k, 1
  %fill.done = icmp eq i64 %k.next, %n
  br i1 %fill.done, label %read, label %fill

read:
  %j = phi i64 [ 0, %fill ], [ %j.next, %read ]
  %acc = phi double [ 0.0, %fill ], [ %acc.next, %read ]
  %tj = getelementptr inbounds double, ptr %t, i64 %j
  %v = load double, ptr %tj
  %term = fmul double %v, %v
  %acc.next = fadd double %acc, %term
  %j.next = add nuw nsw i64 %j, 1
  %read.done = icmp eq i64 %j.next, %n
  br i1 %read.done, label %scale, label %read

scale:
  %i = phi i64 [ 0, %read ], [ %i.next, %scale ]
  %pi = getelementptr inbounds double, ptr %p, i64 %i
  %old = load double, ptr %pi
  %new = fmul double %old, 2.0
  store double %new, ptr %pi
  %i.next = add nuw nsw i64 %i, 1
  %scale.done = icmp eq i64 %i.next, %n
  br i1 %scale.done, label %exit, label %scale

exit:
  ret double %acc.next
}

; The fill stops at the first negative p[k] (a break): it may not write t[0..<n] whole.
define double @early_exit(ptr %p, i64 %n) {
entry:
  %t = alloca [64 x double]
  br label %fill

fill:
  %k = phi i64 [ 0, %entry ], [ %k.next, %fill.store ]
  %pk = getelementptr inbounds double, ptr %p, i64 %k
  %pv = load double, ptr %pk
  %negative = fcmp olt double %pv, 0.0
  br i1 %negative, label %read, label %fill.store

fill.store:
  %sq = fmul double %pv, %pv
  %tk = getelementptr inbounds double, ptr %t, i64 %k
  store double %sq, ptr %tk
  %k.next = add nuw nsw i64 %k, 1
  %fill.done = icmp eq i64 %k.next, %n
  br i1 %fill.done, label %read, label %fill

read:
  %j = phi i64 [ 0, %fill ], [ 0, %fill.store ], [ %j.next, %read ]
  %acc = phi double [ 0.0, %fill ], [ 0.0, %fill.store ], [ %acc.next, %read ]
  %tj = getelementptr inbounds double, ptr %t, i64 %j
  %v = load double, ptr %tj
  %term = fmul double %v, %v
  %acc.next = fadd double %acc, %term
  %j.next = add nuw nsw i64 %j, 1
  %read.done = icmp eq i64 %j.next, %n
  br i1 %read.done, label %exit, label %read

exit:
  ret double %acc.next
}

; A C++ shape: storage from operator new (or none, a null pointer, when n is 0), deleted at the end;
; the fill returns early on a negative x[k] (a run that stops there never reaches the reads); the
; reads are a triangle's columns j < i of rows i < n.
define double @cxx_shape(ptr %x, ptr %mu, i64 %n) {
entry:
  %empty = icmp eq i64 %n, 0
  br i1 %empty, label %join, label %allocate

allocate:
  %bytes = shl i64 %n, 3
  %new = call ptr @_Znam(i64 %bytes)
  br label %join

join:
  %t = phi ptr [ null, %entry ], [ %new, %allocate ]
  br i1 %empty, label %done, label %fill

fill:
  %k = phi i64 [ 0, %join ], [ %k.next, %fill.store ]
  %px = getelementptr inbounds double, ptr %x, i64 %k
  %xv = load double, ptr %px
  %negative = fcmp olt double %xv, -100.0
  br i1 %negative, label %early, label %fill.store

fill.store:
  %pmu = getelementptr inbounds double, ptr %mu, i64 %k
  %muv = load double, ptr %pmu
  %c = fsub double %xv, %muv
  %pt = getelementptr inbounds double, ptr %t, i64 %k
  store double %c, ptr %pt
  %k.next = add nuw nsw i64 %k, 1
  %fill.done = icmp eq i64 %k.next, %n
  br i1 %fill.done, label %rows, label %fill

early:
  call void @_ZdaPv(ptr %t)
  ret double -1.0

rows:
  %i = phi i64 [ 0, %fill.store ], [ %i.next, %row.end ]
  %sum = phi double [ 0.0, %fill.store ], [ %sum.next, %row.end ]
  %first = icmp eq i64 %i, 0
  br i1 %first, label %row.end, label %columns

columns:
  %j = phi i64 [ 0, %rows ], [ %j.next, %columns ]
  %acc = phi double [ %sum, %rows ], [ %acc.next, %columns ]
  %pj = getelementptr inbounds double, ptr %t, i64 %j
  %v = load double, ptr %pj
  %sq = fmul double %v, %v
  %acc.next = fadd double %acc, %sq
  %j.next = add nuw nsw i64 %j, 1
  %columns.done = icmp eq i64 %j.next, %i
  br i1 %columns.done, label %row.end, label %columns

row.end:
  %sum.next = phi double [ %sum, %rows ], [ %acc.next, %columns ]
  %i.next = add nuw nsw i64 %i, 1
  %rows.done = icmp eq i64 %i.next, %n
  br i1 %rows.done, label %finish, label %rows

finish:
  call void @_ZdaPv(ptr %t)
  br label %done

done:
  %result = phi double [ 0.0, %join ], [ %sum.next, %finish ]
  ret double %result
}

declare ptr @_Znam(i64)
declare void @_ZdaPv(ptr)

define void @g(ptr %x, ptr %mu, ptr %dmu, i64 %n, i64 %m) {
  %c = load i32, ptr @enzyme_const
  %d = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @swift_shape, i32 %c, ptr %x, i32 %d, ptr %mu, ptr %dmu, i32 %c, i64 %n, i32 %c, i64 %m)
  call void (ptr, ...) @__enzyme_autodiff(ptr @plain, i32 %d, ptr %mu, ptr %dmu, i32 %c, i64 %n)
  call void (ptr, ...) @__enzyme_autodiff(ptr @input_written, i32 %d, ptr %mu, ptr %dmu, i32 %c, i64 %n)
  call void (ptr, ...) @__enzyme_autodiff(ptr @early_exit, i32 %d, ptr %mu, ptr %dmu, i32 %c, i64 %n)
  call void (ptr, ...) @__enzyme_autodiff(ptr @cxx_shape, i32 %c, ptr %x, i32 %d, ptr %mu, ptr %dmu, i32 %c, i64 %n)
  ret void
}
