; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Reverse mode, non-blocking: the records of MPI_Isend and of the MPI_Wait that completes it are
; saved; the reverse of the wait (first in the reverse sweep) starts the adjoint's receive, the
; reverse of the Isend (after it) waits for it and adds it into the shadow.
@enzyme_dup = external global i32
@enzyme_const = external global i32
@ompi_mpi_double = external global i8
@ompi_mpi_float = external global i8
@ompi_mpi_int = external global i8
@ompi_mpi_comm_world = external global i8
@ompi_mpi_op_sum = external global i8
@ompi_mpi_op_max = external global i8
@ompi_mpi_op_prod = external global i8
declare void @__enzyme_autodiff(ptr, ...)
declare void @__enzyme_fwddiff(ptr, ...)
declare i32 @MPI_Isend(ptr, i32, ptr, i32, i32, ptr, ptr)
declare i32 @MPI_Wait(ptr, ptr)

define void @f(ptr %x, i32 %peer) {
entry:
  %request = alloca ptr
  %b = call i32 @MPI_Isend(ptr %x, i32 3, ptr @ompi_mpi_double, i32 %peer, i32 5, ptr @ompi_mpi_comm_world, ptr %request)
  %c = call i32 @MPI_Wait(ptr %request, ptr null)
  ret void
}

define void @caller(ptr %x, ptr %dx, i32 %peer) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %x, ptr %dx, i32 %c, i32 %peer)
  ret void
}

; CHECK-LABEL: define internal void @augmented_f(
; CHECK: call ptr @swad_mpi_aug_Isend(ptr %x, i32 3, ptr @ompi_mpi_double, i32 %peer, i32 5, ptr @ompi_mpi_comm_world, ptr {{%.*}}, ptr %"'x")
; CHECK: call ptr @swad_mpi_aug_Wait(ptr {{%.*}}, ptr null)
; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: call void @swad_mpi_rev_Wait(ptr
; CHECK: call void @swad_mpi_rev_Isend(ptr {{%.*}}, ptr
