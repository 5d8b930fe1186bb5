; RUN: not %swad-opt %s -S 2>&1 | FileCheck %s
; Communication of shadowed memory with a datatype that is not MPI_DOUBLE or MPI_FLOAT (a derived
; datatype, here loaded from memory) cannot be differentiated: an error naming the routine.
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
@my_type = external global ptr
declare i32 @MPI_Send(ptr, i32, ptr, i32, i32, ptr)

define void @f(ptr %x) {
entry:
  %t = load ptr, ptr @my_type
  %s = call i32 @MPI_Send(ptr %x, i32 2, ptr %t, i32 1, i32 0, ptr @ompi_mpi_comm_world)
  ret void
}

define void @caller(ptr %x, ptr %dx) {
entry:
  %d = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %x, ptr %dx)
  ret void
}

; CHECK: error: {{.*}}in function 'f': cannot differentiate MPI_Send on a datatype that is not a predefined one named at the call: swad differentiates MPI communication of MPI_DOUBLE and MPI_FLOAT
