; A standard-library function that stays in libswiftCore but works on integers only has no
; derivative: here the allocation of a `[Int: Int]`'s storage, generic, given the metadata of
; `_DictionaryStorage<Int, Int>`, and a lookup specialized for `<Swift.Int>`
; (Rules/SwiftIntegerContainers.swift): they run once, and the storage is its own shadow. The
; lookup was refused as a runtime function without a rule, and with it a dictionary of indices
; built inside a differentiated Swift function. The storage of a
; `[Int: Double]` may hold derivatives (the second run keeps one there): its allocation stays a
; call swad knows nothing of, whose memory it checks at run time (`UnshadowedMemory`).
; RUN: %swad-opt %s --pre-passes '' -O0 -S -o - | FileCheck %s
; RUN: sed -e 's/CyS2iGMD/CySiSdGMD/' -e 's/^;DOUBLES-ONLY //' %s | %swad-opt - --pre-passes '' -O0 -S -o - \
; RUN:   | FileCheck %s --check-prefix=DOUBLES

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: call swiftcc { i64, i1 } @"$ss22__RawDictionaryStorageC4findys10_HashTableV6BucketV6bucket_Sb5foundtxSHRzlFSi_Tg5"(i64 3,
; CHECK-NOT: find
; CHECK: ret double
; CHECK-LABEL: define internal { ptr, ptr } @augmented_make(
; CHECK: %storage = call swiftcc ptr @"$ss18_DictionaryStorageC8allocate8capacityAByxq_GSi_tFZ"(i64 %count, ptr swiftself %type)
; CHECK-NOT: allocate
; CHECK: ret { ptr, ptr }

; DOUBLES-LABEL: define internal double @augmented_f(
; DOUBLES: store double %r, ptr [[STORAGE:%storage[0-9]*]]
; DOUBLES: call void @swad.unshadowed.write(ptr [[STORAGE]], i64 8,

@"$ss18_DictionaryStorageCyS2iGMD" = external global ptr
declare ptr @__swift_instantiateConcreteTypeFromMangledName(ptr)
declare swiftcc ptr @"$ss18_DictionaryStorageC8allocate8capacityAByxq_GSi_tFZ"(i64, ptr swiftself)
declare swiftcc { i64, i1 } @"$ss22__RawDictionaryStorageC4findys10_HashTableV6BucketV6bucket_Sb5foundtxSHRzlFSi_Tg5"(i64, ptr swiftself)

; Like `Dictionary.init(dictionaryLiteral:)`, a helper given an array (here the active x, whose
; shadow it is handed) returns the storage it allocated: its derivative must return the storage's
; shadow too, which for storage of integers is the storage itself.
define internal ptr @make(ptr %elements) {
  %count = load i64, ptr %elements
  %type = call ptr @__swift_instantiateConcreteTypeFromMangledName(ptr @"$ss18_DictionaryStorageCyS2iGMD")
  %storage = call swiftcc ptr @"$ss18_DictionaryStorageC8allocate8capacityAByxq_GSi_tFZ"(i64 %count, ptr swiftself %type)
  ret ptr %storage
}

; x[bucket of 3 in a fresh dictionary] squared.
define double @f(ptr %x) {
  %storage = call ptr @make(ptr %x)
  %found = call swiftcc { i64, i1 } @"$ss22__RawDictionaryStorageC4findys10_HashTableV6BucketV6bucket_Sb5foundtxSHRzlFSi_Tg5"(i64 3, ptr swiftself %storage)
  %bucket = extractvalue { i64, i1 } %found, 0
  %p = getelementptr inbounds double, ptr %x, i64 %bucket
  %v = load double, ptr %p
  %r = fmul double %v, %v
;DOUBLES-ONLY  store double %r, ptr %storage
;DOUBLES-ONLY  %r.kept = load double, ptr %storage
;DOUBLES-ONLY  ret double %r.kept
  ret double %r
}

define void @df(ptr %x, ptr %dx) {
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_dup, ptr %x, ptr %dx)
  ret void
}

@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
