; RUN: %swad-opt %s -O0 --pre-passes '' -S | FileCheck %s
; Eigen's matrix-vector kernel, general_matrix_vector_product<long, double, const_blas_data_mapper<
; double, long, RowMajor>, RowMajor, false, double, const_blas_data_mapper<double, long, ColMajor>,
; false, 0>::run(rows, cols, lhs, rhs, res, resIncr, alpha), res[i·resIncr] += α Σⱼ lhs(i, j) x[j],
; is differentiated as a gemv: its operands are mappers, stack slots holding a data pointer (byte 0)
; and a stride (byte 8), read from the stores that fill them before the call (here in the block
; before, past a branch to a trap, as Eigen's assertions leave them). The row-major rows × cols lhs
; is the column-major cols × rows matrix A, so the call is y += α Aᵀ x: its adjoint a dger
; (Ā += α x ȳᵀ) and a dgemv (x̄ += α A ȳ) of swad's own BLAS. A mapper that is also handed to
; another function may change before the call: that call's kernel is differentiated as a function.
@enzyme_dup = external global i32
declare void @__enzyme_autodiff(ptr, ...)
declare void @llvm.trap()

; Writes the mapper's stride (with the value it has).
define void @look(ptr %mapper) {
  %stride.at = getelementptr i8, ptr %mapper, i64 8
  %stride = load i64, ptr %stride.at
  store i64 %stride, ptr %stride.at
  ret void
}

; A stand-in body with the kernel's meaning, reading the mappers' fields.
define linkonce_odr void @_ZN5Eigen8internal29general_matrix_vector_productIldNS0_22const_blas_data_mapperIdlLi1EEELi1ELb0EdNS2_IdlLi0EEELb0ELi0EE3runEllRKS3_RKS4_Pdld(i64 %rows, i64 %cols, ptr %lhs, ptr %rhs, ptr %res, i64 %resIncr, double %alpha) {
entry:
  %a = load ptr, ptr %lhs
  %lda.at = getelementptr i8, ptr %lhs, i64 8
  %lda = load i64, ptr %lda.at
  %x = load ptr, ptr %rhs
  br label %row
row:
  %i = phi i64 [ 0, %entry ], [ %i.next, %row.end ]
  br label %inner
inner:
  %j = phi i64 [ 0, %row ], [ %j.next, %inner ]
  %s = phi double [ 0.0, %row ], [ %s.next, %inner ]
  %il = mul i64 %i, %lda
  %ai = add i64 %il, %j
  %aa = getelementptr double, ptr %a, i64 %ai
  %av = load double, ptr %aa
  %xa = getelementptr double, ptr %x, i64 %j
  %xv = load double, ptr %xa
  %p = fmul double %av, %xv
  %s.next = fadd double %s, %p
  %j.next = add i64 %j, 1
  %j.done = icmp eq i64 %j.next, %cols
  br i1 %j.done, label %row.end, label %inner
row.end:
  %yi = mul i64 %i, %resIncr
  %ya = getelementptr double, ptr %res, i64 %yi
  %yv = load double, ptr %ya
  %as = fmul double %alpha, %s.next
  %y.next = fadd double %yv, %as
  store double %y.next, ptr %ya
  %i.next = add i64 %i, 1
  %i.done = icmp eq i64 %i.next, %rows
  br i1 %i.done, label %exit, label %row
exit:
  ret void
}

; y (every second element) += 0.5 A x, A rows × cols row-major with leading dimension lda.
define void @product(ptr %A, ptr %x, ptr %y, i64 %rows, i64 %cols, i64 %lda) {
entry:
  %lhs = alloca { ptr, i64 }
  %rhs = alloca { ptr, i64 }
  store ptr %A, ptr %lhs
  %lhs.stride = getelementptr inbounds i8, ptr %lhs, i64 8
  store i64 %lda, ptr %lhs.stride
  store ptr %x, ptr %rhs
  %rhs.stride = getelementptr inbounds i8, ptr %rhs, i64 8
  store i64 1, ptr %rhs.stride
  %bad = icmp slt i64 %lda, %cols
  br i1 %bad, label %fail, label %call
fail:
  call void @llvm.trap()
  unreachable
call:
  call void @_ZN5Eigen8internal29general_matrix_vector_productIldNS0_22const_blas_data_mapperIdlLi1EEELi1ELb0EdNS2_IdlLi0EEELb0ELi0EE3runEllRKS3_RKS4_Pdld(i64 %rows, i64 %cols, ptr %lhs, ptr %rhs, ptr %y, i64 2, double 0.5)
  ret void
}

; The same, the lhs mapper handed to a function that writes it first.
define void @escaping(ptr %A, ptr %x, ptr %y, i64 %rows, i64 %cols, i64 %lda) {
entry:
  %lhs = alloca { ptr, i64 }
  %rhs = alloca { ptr, i64 }
  store ptr %A, ptr %lhs
  %lhs.stride = getelementptr inbounds i8, ptr %lhs, i64 8
  store i64 %lda, ptr %lhs.stride
  store ptr %x, ptr %rhs
  %rhs.stride = getelementptr inbounds i8, ptr %rhs, i64 8
  store i64 1, ptr %rhs.stride
  call void @look(ptr %lhs)
  call void @_ZN5Eigen8internal29general_matrix_vector_productIldNS0_22const_blas_data_mapperIdlLi1EEELi1ELb0EdNS2_IdlLi0EEELb0ELi0EE3runEllRKS3_RKS4_Pdld(i64 %rows, i64 %cols, ptr %lhs, ptr %rhs, ptr %y, i64 1, double 0.5)
  ret void
}

define void @caller(ptr %A, ptr %dA, ptr %x, ptr %dx, ptr %y, ptr %dy, i64 %rows, i64 %cols, i64 %lda) {
entry:
  %d = load i32, ptr @enzyme_dup
  call void (ptr, ...) @__enzyme_autodiff(ptr @product, i32 %d, ptr %A, ptr %dA, i32 %d, ptr %x, ptr %dx, i32 %d, ptr %y, ptr %dy, i64 %rows, i64 %cols, i64 %lda)
  call void (ptr, ...) @__enzyme_autodiff(ptr @escaping, i32 %d, ptr %A, ptr %dA, i32 %d, ptr %x, ptr %dx, i32 %d, ptr %y, ptr %dy, i64 %rows, i64 %cols, i64 %lda)
  ret void
}

; CHECK-LABEL: define internal {{.*}} @diffe_reverse_product(
; Ā (cols × rows, leading dimension lda) += α x ȳᵀ, ȳ every second element:
; CHECK: call void @swad_blas_dger(i32 102, i32 [[COLS:%[0-9]+]], i32 [[ROWS:%[0-9]+]], double 5.000000e-01, ptr %x, i32 1, ptr [[DY:%[0-9a-z.]+]], i32 2, ptr [[DA:%[0-9a-z.]+]], i32 [[LDA:%[0-9]+]])
; x̄ += α A ȳ:
; CHECK: call void @swad_blas_dgemv(i32 102, i32 111, i32 [[COLS]], i32 [[ROWS]], double 5.000000e-01, ptr %A, i32 [[LDA]], ptr [[DY]], i32 2, double 1.000000e+00, ptr [[DX:%[0-9a-z.]+]], i32 1)
; CHECK-NOT: @_ZN5Eigen8internal29general_matrix_vector_product
; CHECK: ret void

; CHECK-LABEL: define internal {{.*}} @diffe_reverse_escaping(
; CHECK: call {{.*}} @diffe_reverse__ZN5Eigen8internal29general_matrix_vector_product
; CHECK-NOT: @swad_blas_
; CHECK: ret void
