; RUN: not %swad-opt %s -S 2>&1 | FileCheck %s
; A reduction whose operation has no derivative here (MPI_PROD) is an error naming it.
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
  %r = call i32 @MPI_Allreduce(ptr %x, ptr %y, i32 1, ptr @ompi_mpi_double, ptr @ompi_mpi_op_prod, ptr @ompi_mpi_comm_world)
  ret void
}

define void @caller(ptr %x, ptr %dx, ptr %y, ptr %dy) {
entry:
  %d = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %d, ptr %x, ptr %dx, i32 %d, ptr %y, ptr %dy)
  ret void
}

; CHECK: error: {{.*}}in function 'f': cannot differentiate MPI_Allreduce with MPI_PROD: only MPI_SUM, MPI_MAX and MPI_MIN have derivatives
