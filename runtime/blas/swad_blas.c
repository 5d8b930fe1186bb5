// swad's own BLAS: what the derivative of a matrix kernel calls when the program links no BLAS
// library (the derivatives of Eigen's general_matrix_matrix_product and
// general_matrix_vector_product, Sources/SwadAD/Rules/Eigen). scripts/gen-blas-runtime compiles
// this file to LLVM IR kept in Sources/SwadAD/Rules/BLAS/BLASRuntimeIR.swift; swad links that IR
// into a module whose derivatives call it, where the post-AD pipeline vectorizes it for the
// program's target. Nothing here is linked into swad itself.
//
// Every routine has CBLAS's signature and meaning (the BLAS rules are written against CBLAS), in
// both layouts, for the routines the rules of gemm, gemv and ger call: plain loops, with the
// operands BLAS forbids to overlap marked restrict. Sums may be reassociated (vectorized), as an
// optimized BLAS does.
#include <stdio.h>
#include <stdlib.h>

enum { ROW_MAJOR = 101, COL_MAJOR = 102, NO_TRANS = 111 };

// The index of the first element BLAS visits in a vector of n elements `inc` apart.
static long first(int n, int inc) { return inc < 0 ? (long)(1 - n) * inc : 0; }

// Eigen's sizes are 64-bit; CBLAS's (and so the rules') are int.
int swad_blas_index(long value) {
  if (value < -2147483647L - 1 || value > 2147483647L) {
    fprintf(stderr,
            "swad: a matrix dimension or stride of %ld does not fit the 32-bit integers of swad's "
            "matrix-product derivatives\n",
            value);
    abort();
  }
  return (int)value;
}

// The blocks of C that a matrix product keeps in registers: MR×NR for op(A) = A (MR rows a vector
// or two wide), DR×DC dot products for op(A) = Aᵀ.
enum { MR = 8, NR = 4, DR = 4, DC = 2 };

#define SWAD_BLAS(T, P)                                                                              \
  void swad_blas_##P##axpy(int n, T alpha, const T *restrict x, int incx, T *restrict y, int incy) { \
    if (n <= 0 || alpha == 0) return;                                                                \
    long ix = first(n, incx), iy = first(n, incy);                                                   \
    for (int i = 0; i < n; i++, ix += incx, iy += incy) y[iy] += alpha * x[ix];                      \
  }                                                                                                  \
                                                                                                     \
  void swad_blas_##P##scal(int n, T alpha, T *x, int incx) {                                         \
    if (n <= 0 || incx <= 0) return;                                                                 \
    for (long i = 0; i < n; i++) x[i * incx] *= alpha;                                               \
  }                                                                                                  \
                                                                                                     \
  void swad_blas_##P##copy(int n, const T *restrict x, int incx, T *restrict y, int incy) {          \
    long ix = first(n, incx), iy = first(n, incy);                                                   \
    for (int i = 0; i < n; i++, ix += incx, iy += incy) y[iy] = x[ix];                               \
  }                                                                                                  \
                                                                                                     \
  void swad_blas_##P##swap(int n, T *restrict x, int incx, T *restrict y, int incy) {                \
    long ix = first(n, incx), iy = first(n, incy);                                                   \
    for (int i = 0; i < n; i++, ix += incx, iy += incy) {                                            \
      T t = x[ix];                                                                                   \
      x[ix] = y[iy];                                                                                 \
      y[iy] = t;                                                                                     \
    }                                                                                                \
  }                                                                                                  \
                                                                                                     \
  T swad_blas_##P##dot(int n, const T *x, int incx, const T *y, int incy) {                          \
    _Pragma("clang fp reassociate(on)") T sum = 0;                                                   \
    long ix = first(n, incx), iy = first(n, incy);                                                   \
    for (int i = 0; i < n; i++, ix += incx, iy += incy) sum += x[ix] * y[iy];                        \
    return sum;                                                                                      \
  }                                                                                                  \
                                                                                                     \
  /* y := beta y (y := 0 when beta is 0, whatever y holds, as BLAS does). */                        \
  static void P##scale_vector(int n, T beta, T *y, int incy) {                                       \
    if (beta == 1) return;                                                                           \
    long iy = first(n, incy);                                                                        \
    for (int i = 0; i < n; i++, iy += incy) y[iy] = beta == 0 ? 0 : beta * y[iy];                    \
  }                                                                                                  \
                                                                                                     \
  /* y := alpha op(A) x + beta y, A m×n column-major. */                                            \
  static void P##gemv_columns(int trans, int m, int n, T alpha, const T *restrict a, int lda,         \
                              const T *restrict x, int incx, T beta, T *restrict y, int incy) {       \
    if (m <= 0 || n <= 0 || (alpha == 0 && beta == 1)) return;                                       \
    int along = trans == NO_TRANS ? m : n, across = trans == NO_TRANS ? n : m;                       \
    P##scale_vector(along, beta, y, incy);                                                           \
    if (alpha == 0) return;                                                                          \
    long ix = first(across, incx), iy = first(along, incy);                                          \
    if (trans == NO_TRANS) {                                                                         \
      for (long j = 0; j < n; j++, ix += incx) {                                                     \
        T t = alpha * x[ix];                                                                         \
        const T *column = a + j * lda;                                                               \
        if (incy == 1)                                                                               \
          for (long i = 0; i < m; i++) y[i] += t * column[i];                                        \
        else                                                                                         \
          for (long i = 0, k = iy; i < m; i++, k += incy) y[k] += t * column[i];                     \
      }                                                                                              \
    } else {                                                                                         \
      for (long j = 0; j < n; j++, iy += incy) {                                                     \
        _Pragma("clang fp reassociate(on)") T sum = 0;                                               \
        const T *column = a + j * lda;                                                               \
        if (incx == 1)                                                                               \
          for (long i = 0; i < m; i++) sum += column[i] * x[i];                                      \
        else                                                                                         \
          for (long i = 0, k = ix; i < m; i++, k += incx) sum += column[i] * x[k];                   \
        y[iy] += alpha * sum;                                                                        \
      }                                                                                              \
    }                                                                                                \
  }                                                                                                  \
                                                                                                     \
  /* A row-major m×n matrix is its column-major transpose (n×m): op flips. */                       \
  void swad_blas_##P##gemv(int layout, int trans, int m, int n, T alpha, const T *a, int lda,        \
                           const T *x, int incx, T beta, T *y, int incy) {                           \
    if (layout == COL_MAJOR)                                                                         \
      P##gemv_columns(trans, m, n, alpha, a, lda, x, incx, beta, y, incy);                           \
    else                                                                                             \
      P##gemv_columns(trans == NO_TRANS ? NO_TRANS + 1 : NO_TRANS, n, m, alpha, a, lda, x, incx, beta, \
                      y, incy);                                                                      \
  }                                                                                                  \
                                                                                                     \
  /* A += alpha x yᵀ, A m×n column-major. */                                                        \
  static void P##ger_columns(int m, int n, T alpha, const T *restrict x, int incx, const T *restrict y, \
                             int incy, T *restrict a, int lda) {                                     \
    if (m <= 0 || n <= 0 || alpha == 0) return;                                                      \
    long ix = first(m, incx), iy = first(n, incy);                                                   \
    for (long j = 0; j < n; j++, iy += incy) {                                                       \
      T t = alpha * y[iy];                                                                           \
      T *column = a + j * lda;                                                                       \
      if (incx == 1)                                                                                 \
        for (long i = 0; i < m; i++) column[i] += x[i] * t;                                          \
      else                                                                                           \
        for (long i = 0, k = ix; i < m; i++, k += incx) column[i] += x[k] * t;                       \
    }                                                                                                \
  }                                                                                                  \
                                                                                                     \
  void swad_blas_##P##ger(int layout, int m, int n, T alpha, const T *x, int incx, const T *y, int incy, \
                          T *a, int lda) {                                                           \
    if (layout == COL_MAJOR)                                                                         \
      P##ger_columns(m, n, alpha, x, incx, y, incy, a, lda);                                         \
    else                                                                                             \
      P##ger_columns(n, m, alpha, y, incy, x, incx, a, lda);                                         \
  }                                                                                                  \
                                                                                                     \
  /* The MR×NR block of C at c += alpha op(A) op(B) for op(A) = A (a: its first row, columns lda      \
     apart), op(B)(p, j) = b[p * bp + j * bj]. The block's sums stay in registers over the whole      \
     depth, so each element of A is read once for NR columns and each of B once for MR rows: the      \
     column-at-a-time loop reads and writes C's column for every p, and runs at the speed of its      \
     stores. The block's rows are one vector of MR elements (a GNU C vector type), which the      \
     program's target splits into its own registers: two of AVX2 for doubles, four of SSE2. */ \
  static void P##gemm_block(long k, T alpha, const T *restrict a, long lda, const T *restrict b, long bp, \
                            long bj, T *restrict c, long ldc) {                                      \
    typedef T Rows __attribute__((vector_size(MR * sizeof(T)), aligned(sizeof(T))));                 \
    Rows sum[NR] = {0};                                                                              \
    for (long p = 0; p < k; p++) {                                                                   \
      Rows column = *(const Rows *)(a + p * lda);                                                    \
      const T *bq = b + p * bp;                                                                      \
      _Pragma("clang loop unroll(full)") for (int j = 0; j < NR; j++) sum[j] += column * bq[j * bj]; \
    }                                                                                                \
    _Pragma("clang loop unroll(full)") for (int j = 0; j < NR; j++) {                                \
      Rows *out = (Rows *)(c + j * ldc);                                                             \
      *out += alpha * sum[j];                                                                        \
    }                                                                                                \
  }                                                                                                  \
                                                                                                     \
  /* The DR×DC block of C at c += alpha Aᵀ B with A's rows and B's columns contiguous in p (a: the   \
     first, lda apart; b: the first, ldb apart): DR×DC dot products summed side by side, vectorized   \
     along p, each element read once for DC or DR of them. */                                         \
  static void P##gemm_dot_block(long k, T alpha, const T *restrict a, long lda, const T *restrict b,  \
                                long ldb, T *restrict c, long ldc) {                                  \
    _Pragma("clang fp reassociate(on)") T sum[DC][DR] = {{0}};                                       \
    for (long p = 0; p < k; p++)                                                                     \
      _Pragma("clang loop unroll(full)") for (int j = 0; j < DC; j++)                                \
        _Pragma("clang loop unroll(full)") for (int i = 0; i < DR; i++)                              \
          sum[j][i] += a[i * lda + p] * b[j * ldb + p];                                              \
    _Pragma("clang loop unroll(full)") for (int j = 0; j < DC; j++)                                  \
      _Pragma("clang loop unroll(full)") for (int i = 0; i < DR; i++) c[i + j * ldc] += alpha * sum[j][i]; \
  }                                                                                                  \
                                                                                                     \
  /* c += alpha op(A) op(B) for C's rows [i0, m) and columns [j0, j1), one column at a time: the      \
     edges the blocks leave, and the products no block reads well (op(A) = Aᵀ with op(B) = Bᵀ). */    \
  static void P##gemm_columns_plain(int transa, long i0, long m, long j0, long j1, long k, T alpha,   \
                                    const T *restrict a, long lda, const T *restrict b, long bp, long bj, \
                                    T *restrict c, long ldc) {                                       \
    for (long j = j0; j < j1; j++) {                                                                 \
      T *column = c + j * ldc;                                                                       \
      const T *bcol = b + j * bj;                                                                    \
      if (transa == NO_TRANS) {                                                                      \
        for (long p = 0; p < k; p++) {                                                               \
          T t = alpha * bcol[p * bp];                                                                \
          const T *ap = a + p * lda;                                                                 \
          for (long i = i0; i < m; i++) column[i] += t * ap[i];                                      \
        }                                                                                            \
      } else {                                                                                       \
        for (long i = i0; i < m; i++) {                                                              \
          _Pragma("clang fp reassociate(on)") const T *ai = a + i * lda;                             \
          T sum = 0;                                                                                 \
          if (bp == 1)                                                                               \
            for (long p = 0; p < k; p++) sum += ai[p] * bcol[p];                                     \
          else                                                                                       \
            for (long p = 0; p < k; p++) sum += ai[p] * bcol[p * bp];                                \
          column[i] += alpha * sum;                                                                  \
        }                                                                                            \
      }                                                                                              \
    }                                                                                                \
  }                                                                                                  \
                                                                                                     \
  /* C := alpha op(A) op(B) + beta C, column-major, C m×n, op(A) m×k. */                            \
  static void P##gemm_columns(int transa, int transb, int m, int n, int k, T alpha, const T *restrict a, \
                              int lda, const T *restrict b, int ldb, T beta, T *restrict c, int ldc) { \
    if (m <= 0 || n <= 0 || ((alpha == 0 || k <= 0) && beta == 1)) return;                           \
    if (beta != 1)                                                                                   \
      for (long j = 0; j < n; j++)                                                                   \
        for (long i = 0; i < m; i++) c[i + j * ldc] = beta == 0 ? 0 : beta * c[i + j * ldc];         \
    if (alpha == 0 || k <= 0) return;                                                                \
    /* op(B)(p, j) = b[p * bp + j * bj]. */                                                          \
    long bp = transb == NO_TRANS ? 1 : ldb, bj = transb == NO_TRANS ? ldb : 1;                       \
    long i = 0, j = 0;                                                                               \
    if (transa == NO_TRANS) {                                                                        \
      for (; j + NR <= n; j += NR) {                                                                 \
        for (i = 0; i + MR <= m; i += MR)                                                            \
          P##gemm_block(k, alpha, a + i, lda, b + j * bj, bp, bj, c + i + j * ldc, ldc);             \
        P##gemm_columns_plain(transa, i, m, j, j + NR, k, alpha, a, lda, b, bp, bj, c, ldc);         \
      }                                                                                              \
    } else if (bp == 1) {                                                                            \
      for (; j + DC <= n; j += DC) {                                                                 \
        for (i = 0; i + DR <= m; i += DR)                                                            \
          P##gemm_dot_block(k, alpha, a + i * lda, lda, b + j * bj, bj, c + i + j * ldc, ldc);       \
        P##gemm_columns_plain(transa, i, m, j, j + DC, k, alpha, a, lda, b, bp, bj, c, ldc);         \
      }                                                                                              \
    }                                                                                                \
    P##gemm_columns_plain(transa, 0, m, j, n, k, alpha, a, lda, b, bp, bj, c, ldc);                  \
  }                                                                                                  \
                                                                                                     \
  /* Row-major: Cᵀ = op(B)ᵀ op(A)ᵀ in column-major terms. */                                        \
  void swad_blas_##P##gemm(int layout, int transa, int transb, int m, int n, int k, T alpha, const T *a, \
                           int lda, const T *b, int ldb, T beta, T *c, int ldc) {                    \
    if (layout == COL_MAJOR)                                                                         \
      P##gemm_columns(transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);                 \
    else                                                                                             \
      P##gemm_columns(transb, transa, n, m, k, alpha, b, ldb, a, lda, beta, c, ldc);                 \
  }

SWAD_BLAS(double, d)
SWAD_BLAS(float, s)
