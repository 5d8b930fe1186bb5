; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Forward mode, MPI_Allreduce on floats with MPI_MAX: the runtime call takes the tangents of both
; buffers (the tangent of the result is the tangent of the rank that held each extremum).
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
declare i32 @MPI_Allreduce(ptr, ptr, i32, ptr, ptr, ptr)

define void @f(ptr %x, ptr %y) {
entry:
  %r = call i32 @MPI_Allreduce(ptr %x, ptr %y, i32 4, ptr @ompi_mpi_float, ptr @ompi_mpi_op_max, ptr @ompi_mpi_comm_world)
  ret void
}

define void @caller(ptr %x, ptr %dx, ptr %y, ptr %dy) {
entry:
  %d = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %d, ptr %x, ptr %dx, i32 %d, ptr %y, ptr %dy)
  ret void
}

; CHECK-LABEL: define internal void @fwddiffef(
; CHECK-SAME: ptr [[X:%.*]], ptr [[DX:%.*]], ptr [[Y:%.*]], ptr [[DY:%.*]])
; CHECK: call i32 @swad_mpi_fwd_Allreduce(ptr [[X]], ptr [[Y]], i32 4, ptr @ompi_mpi_float, ptr @ompi_mpi_op_max, ptr @ompi_mpi_comm_world, ptr [[DX]], ptr [[DY]])
