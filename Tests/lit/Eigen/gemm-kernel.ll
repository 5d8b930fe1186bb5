; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Eigen's matrix-matrix kernel, general_matrix_matrix_product<long, double, ColMajor, false, double,
; RowMajor, false, ColMajor, 1>::run, is differentiated as the gemm it is (C += α A op(B), here
; op(B) = Bᵀ of the row-major rhs read as column-major): its body is not differentiated, the adjoint
; is two dgemms of swad's own BLAS (the program links none), whose definitions are linked in; the
; 64-bit sizes become CBLAS's int through swad_blas_index. A call with a parallel-work argument (one
; thread's share of an OpenMP product) is differentiated as the function it is.
@enzyme_dup = external global i32
@enzyme_const = external global i32
declare void @__enzyme_autodiff(ptr, ...)

; A stand-in body: res(i, j) += alpha * sum_p lhs[i + p*lhsStride] * rhs[p*rhsStride + j].
define linkonce_odr void @_ZN5Eigen8internal29general_matrix_matrix_productIldLi0ELb0EdLi1ELb0ELi0ELi1EE3runElllPKdlS4_lPdlldRNS0_15level3_blockingIddEEPNS0_16GemmParallelInfoIlEE(i64 %rows, i64 %cols, i64 %depth, ptr %lhs, i64 %lhsStride, ptr %rhs, i64 %rhsStride, ptr %res, i64 %resIncr, i64 %resStride, double %alpha, ptr %blocking, ptr %info) {
entry:
  br label %column
column:
  %j = phi i64 [ 0, %entry ], [ %j.next, %column.end ]
  br label %row
row:
  %i = phi i64 [ 0, %column ], [ %i.next, %row.end ]
  br label %inner
inner:
  %p = phi i64 [ 0, %row ], [ %p.next, %inner ]
  %s = phi double [ 0.0, %row ], [ %s.next, %inner ]
  %pl = mul i64 %p, %lhsStride
  %li = add i64 %i, %pl
  %la = getelementptr double, ptr %lhs, i64 %li
  %l = load double, ptr %la
  %pr = mul i64 %p, %rhsStride
  %ri = add i64 %pr, %j
  %ra = getelementptr double, ptr %rhs, i64 %ri
  %r = load double, ptr %ra
  %lr = fmul double %l, %r
  %s.next = fadd double %s, %lr
  %p.next = add i64 %p, 1
  %p.done = icmp eq i64 %p.next, %depth
  br i1 %p.done, label %row.end, label %inner
row.end:
  %jc = mul i64 %j, %resStride
  %ci = add i64 %i, %jc
  %ca = getelementptr double, ptr %res, i64 %ci
  %c = load double, ptr %ca
  %as = fmul double %alpha, %s.next
  %c.next = fadd double %c, %as
  store double %c.next, ptr %ca
  %i.next = add i64 %i, 1
  %i.done = icmp eq i64 %i.next, %rows
  br i1 %i.done, label %column.end, label %row
column.end:
  %j.next = add i64 %j, 1
  %j.done = icmp eq i64 %j.next, %cols
  br i1 %j.done, label %exit, label %column
exit:
  ret void
}

; C (m×n, leading dimension ldc) += 2 A Bᵀ-as-stored, A m×k column-major, B k×n row-major.
define void @product(ptr %A, ptr %B, ptr %C, i64 %m, i64 %n, i64 %k, i64 %ldc) {
entry:
  call void @_ZN5Eigen8internal29general_matrix_matrix_productIldLi0ELb0EdLi1ELb0ELi0ELi1EE3runElllPKdlS4_lPdlldRNS0_15level3_blockingIddEEPNS0_16GemmParallelInfoIlEE(i64 %m, i64 %n, i64 %k, ptr %A, i64 %m, ptr %B, i64 %n, ptr %C, i64 1, i64 %ldc, double 2.0, ptr null, ptr null)
  ret void
}

; The same with a parallel-work argument.
define void @shared(ptr %A, ptr %B, ptr %C, i64 %m, i64 %n, i64 %k, ptr %info) {
entry:
  call void @_ZN5Eigen8internal29general_matrix_matrix_productIldLi0ELb0EdLi1ELb0ELi0ELi1EE3runElllPKdlS4_lPdlldRNS0_15level3_blockingIddEEPNS0_16GemmParallelInfoIlEE(i64 %m, i64 %n, i64 %k, ptr %A, i64 %m, ptr %B, i64 %n, ptr %C, i64 1, i64 %m, double 2.0, ptr null, ptr %info)
  ret void
}

define void @caller(ptr %A, ptr %dA, ptr %B, ptr %dB, ptr %C, ptr %dC, i64 %m, i64 %n, i64 %k, i64 %ldc, ptr %info) {
entry:
  %d = load i32, ptr @enzyme_dup
  %c = load i32, ptr @enzyme_const
  call void (ptr, ...) @__enzyme_autodiff(ptr @product, i32 %d, ptr %A, ptr %dA, i32 %d, ptr %B, ptr %dB, i32 %d, ptr %C, ptr %dC, i64 %m, i64 %n, i64 %k, i64 %ldc)
  call void (ptr, ...) @__enzyme_autodiff(ptr @shared, i32 %d, ptr %A, ptr %dA, i32 %c, ptr %B, i32 %d, ptr %C, ptr %dC, i64 %m, i64 %n, i64 %k, i32 %c, ptr %info)
  ret void
}

; CHECK-LABEL: define internal {{.*}} @augmented_product(
; The sizes and strides as int (rows, cols, depth, lda, ldb, ldc), kept for the reverse sweep.
; CHECK: call i32 @swad_blas_index(i64 %m)
; CHECK: call i32 @swad_blas_index(i64 %ldc)
; CHECK: call void @_ZN5Eigen8internal29general_matrix_matrix_productIldLi0ELb0EdLi1ELb0ELi0ELi1EE3runElllPKdlS4_lPdlldRNS0_15level3_blockingIddEEPNS0_16GemmParallelInfoIlEE(i64 %m, i64 %n, i64 %k, ptr %A, i64 %m, ptr %B, i64 %n, ptr %C, i64 1, i64 %ldc, double 2.000000e+00, ptr null, ptr null)
; CHECK: ret

; CHECK-LABEL: define internal {{.*}} @diffe_reverse_product(
; The row-major k×n rhs is the column-major n×k matrix B (ldb n), op(B) = Bᵀ. Ā (m×k) += α C̄ B:
; CHECK: call void @swad_blas_dgemm(i32 102, i32 111, i32 111, i32 [[M:%[0-9]+]], i32 [[K:%[0-9]+]], i32 [[N:%[0-9]+]], double 2.000000e+00, ptr [[DC:%[0-9a-z.]+]], i32 [[LDC:%[0-9]+]], ptr %B, i32 [[LDB:%[0-9]+]], double 1.000000e+00, ptr [[DA:%[0-9a-z.]+]], i32 [[LDA:%[0-9]+]])
; B̄ (n×k) += α C̄ᵀ A:
; CHECK: call void @swad_blas_dgemm(i32 102, i32 112, i32 111, i32 [[N]], i32 [[K]], i32 [[M]], double 2.000000e+00, ptr [[DC]], i32 [[LDC]], ptr %A, i32 [[LDA]], double 1.000000e+00, ptr [[DB:%[0-9a-z.]+]], i32 [[LDB]])
; CHECK-NOT: @_ZN5Eigen8internal29general_matrix_matrix_product
; CHECK: ret void

; With a parallel-work argument, the kernel's own derivative.
; CHECK-LABEL: define internal {{.*}} @diffe_reverse_shared(
; CHECK: call {{.*}} @diffe_reverse__ZN5Eigen8internal29general_matrix_matrix_product
; CHECK-NOT: @swad_blas_dgemm
; CHECK: ret void

; swad's BLAS, linked in once, each copy mergeable with another object file's.
; CHECK-LABEL: define linkonce_odr {{.*}}i32 @swad_blas_index(
; CHECK-LABEL: define linkonce_odr {{.*}}void @swad_blas_dgemm(
