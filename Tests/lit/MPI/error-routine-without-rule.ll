; RUN: not %swad-opt %s -S 2>&1 | FileCheck %s
; An MPI routine outside the table (MPI_Sendrecv) receiving derivative data is an error naming it and
; listing what is covered.
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
declare i32 @MPI_Sendrecv(ptr, i32, ptr, i32, i32, ptr, i32, ptr, i32, i32, ptr, ptr)

define void @f(ptr %x, ptr %y) {
entry:
  %r = call i32 @MPI_Sendrecv(ptr %x, i32 1, ptr @ompi_mpi_double, i32 1, i32 0, ptr %y, i32 1, ptr @ompi_mpi_double, i32 1, i32 0, ptr @ompi_mpi_comm_world, ptr null)
  ret void
}

define void @caller(ptr %x, ptr %dx, ptr %y, ptr %dy) {
entry:
  %d = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %x, ptr %dx, i32 %d, ptr %y, ptr %dy)
  ret void
}

; CHECK: error: {{.*}}in function 'f': cannot differentiate a call of 'MPI_Sendrecv': swad's MPI rules (Sources/SwadAD/Rules/MPI) cover MPI_Send, MPI_Recv, MPI_Isend, MPI_Irecv, MPI_Wait, MPI_Waitall, MPI_Bcast, MPI_Reduce, MPI_Allreduce, MPI_Gather, MPI_Scatter
