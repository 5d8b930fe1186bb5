; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; MPI_Comm_rank, MPI_Comm_size and MPI_Barrier are inactive (copied as they are, even with an
; argument in shadowed memory), and so is communication of integers (MPI_INT): no runtime calls, and
; no runtime linked in.
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
declare i32 @MPI_Comm_rank(ptr, ptr)
declare i32 @MPI_Comm_size(ptr, ptr)
declare i32 @MPI_Barrier(ptr)
declare i32 @MPI_Bcast(ptr, i32, ptr, i32, ptr)

define double @f(double %x) {
entry:
  %rank = alloca i32
  %size = alloca i32
  %counts = alloca [2 x i32]
  %a = call i32 @MPI_Comm_rank(ptr @ompi_mpi_comm_world, ptr %rank)
  %b = call i32 @MPI_Comm_size(ptr @ompi_mpi_comm_world, ptr %size)
  %c = call i32 @MPI_Barrier(ptr @ompi_mpi_comm_world)
  %e = call i32 @MPI_Bcast(ptr %counts, i32 2, ptr @ompi_mpi_int, i32 0, ptr @ompi_mpi_comm_world)
  %r = load i32, ptr %rank
  %rf = sitofp i32 %r to double
  %y = fmul double %x, %rf
  ret double %y
}

define double @caller(double %x) {
entry:
  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, double %x)
  ret double %g
}

; CHECK-LABEL: define internal double @augmented_f(
; CHECK: call i32 @MPI_Comm_rank(ptr @ompi_mpi_comm_world, ptr
; CHECK: call i32 @MPI_Comm_size(ptr @ompi_mpi_comm_world, ptr
; CHECK: call i32 @MPI_Barrier(ptr @ompi_mpi_comm_world)
; CHECK: call i32 @MPI_Bcast(ptr {{%.*}}, i32 2, ptr @ompi_mpi_int, i32 0, ptr @ompi_mpi_comm_world)
; CHECK-NOT: swad_mpi
