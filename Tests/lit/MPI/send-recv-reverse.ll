; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Reverse mode, blocking point-to-point: the forward sweep calls the augmented runtime functions,
; which send and receive and return records (saved on the tape); the reverse sweep hands each record
; and the buffer's shadow to the reverse function, in reverse order (the receive's adjoint, a send of
; ȳ, before the send's, a receive of x̄).
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
declare i32 @MPI_Send(ptr, i32, ptr, i32, i32, ptr)
declare i32 @MPI_Recv(ptr, i32, ptr, i32, i32, ptr, ptr)

define void @f(ptr %x, ptr %y, i32 %peer) {
entry:
  %s = call i32 @MPI_Send(ptr %x, i32 2, ptr @ompi_mpi_double, i32 %peer, i32 7, ptr @ompi_mpi_comm_world)
  %r = call i32 @MPI_Recv(ptr %y, i32 2, ptr @ompi_mpi_double, i32 %peer, i32 7, ptr @ompi_mpi_comm_world, ptr null)
  ret void
}

define void @caller(ptr %x, ptr %dx, ptr %y, ptr %dy, i32 %peer) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @f, i32 %d, ptr %x, ptr %dx, i32 %d, ptr %y, ptr %dy, i32 %c, i32 %peer)
  ret void
}

; CHECK-LABEL: define internal void @augmented_f(
; CHECK-SAME: ptr [[X:%.*]], ptr [[DX:%.*]], ptr [[Y:%.*]], ptr [[DY:%.*]], i32 [[PEER:%.*]], ptr
; CHECK: [[SEND:%.*]] = call ptr @swad_mpi_aug_Send(ptr [[X]], i32 2, ptr @ompi_mpi_double, i32 [[PEER]], i32 7, ptr @ompi_mpi_comm_world, ptr [[DX]])
; CHECK: [[RECV:%.*]] = call ptr @swad_mpi_aug_Recv(ptr [[Y]], i32 2, ptr @ompi_mpi_double, i32 [[PEER]], i32 7, ptr @ompi_mpi_comm_world, ptr null, ptr [[DY]])
; CHECK-NOT: @MPI_Send
; CHECK: call ptr @swad.tape.reserve
; CHECK-LABEL: define internal void @diffe_reverse_f(
; CHECK: call void @swad_mpi_rev_Recv(ptr
; CHECK: call void @swad_mpi_rev_Send(ptr
; The runtime's definitions are linked in, once per module, linkonce_odr.
; CHECK-LABEL: define linkonce_odr {{.*}}ptr @swad_mpi_aug_Send(
; CHECK: call i32 @MPI_Send(
; CHECK-LABEL: define linkonce_odr {{.*}}void @swad_mpi_rev_Send(
; CHECK: call i32 @MPI_Recv(
