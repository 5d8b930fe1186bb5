; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Forward mode, non-blocking: MPI_Isend and MPI_Irecv become runtime calls that also send or
; receive the tangent with a second request, and MPI_Waitall a runtime call that completes both.
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
declare i32 @MPI_Irecv(ptr, i32, ptr, i32, i32, ptr, ptr)
declare i32 @MPI_Waitall(i32, ptr, ptr)

define void @f(ptr %x, i32 %peer) {
entry:
  %requests = alloca [2 x ptr]
  %second = getelementptr ptr, ptr %requests, i64 1
  %ghost = getelementptr double, ptr %x, i64 4
  %a = call i32 @MPI_Irecv(ptr %ghost, i32 1, ptr @ompi_mpi_double, i32 %peer, i32 0, ptr @ompi_mpi_comm_world, ptr %requests)
  %b = call i32 @MPI_Isend(ptr %x, i32 1, ptr @ompi_mpi_double, i32 %peer, i32 0, ptr @ompi_mpi_comm_world, ptr %second)
  %c = call i32 @MPI_Waitall(i32 2, ptr %requests, ptr null)
  ret void
}

define void @caller(ptr %x, ptr %dx, i32 %peer) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_fwddiff(ptr @f, i32 %d, ptr %x, ptr %dx, i32 %c, i32 %peer)
  ret void
}

; CHECK-LABEL: define internal void @fwddiffef(
; CHECK-SAME: ptr [[X:%.*]], ptr [[DX:%.*]], i32 [[PEER:%.*]])
; CHECK: [[DGHOST:%.*]] = getelementptr double, ptr [[DX]], i64 4
; CHECK: call i32 @swad_mpi_fwd_Irecv(ptr {{%.*}}, i32 1, ptr @ompi_mpi_double, i32 [[PEER]], i32 0, ptr @ompi_mpi_comm_world, ptr {{%.*}}, ptr [[DGHOST]])
; CHECK: call i32 @swad_mpi_fwd_Isend(ptr [[X]], i32 1, ptr @ompi_mpi_double, i32 [[PEER]], i32 0, ptr @ompi_mpi_comm_world, ptr {{%.*}}, ptr [[DX]])
; CHECK: call i32 @swad_mpi_fwd_Waitall(i32 2, ptr {{%.*}}, ptr null)
; CHECK-NOT: call i32 @MPI_
; CHECK: ret void
