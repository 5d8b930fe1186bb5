// REQUIRES: openblas
// RUN: %clang -O2 -I%S/../../../../runtime/blas %s %S/../../../../runtime/blas/swad_blas.c -o %t %openblas
// RUN: %t
// RUN: %clang -O0 -I%S/../../../../runtime/blas %s %S/../../../../runtime/blas/swad_blas.c -o %t.O0 %openblas
// RUN: %t.O0
// swad's own BLAS (runtime/blas/swad_blas.c, what the derivatives of Eigen's matrix kernels call)
// against OpenBLAS: every routine, both precisions, both layouts, every transpose, leading
// dimensions above the minimum, increments of 1, 2 and -2, alpha and beta of 0, 1 and others.
// Results must agree to rounding (sums may be taken in another order).
#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DECLARE(T, P)                                                                                      \
  void swad_blas_##P##axpy(int, T, const T *, int, T *, int);                                             \
  void swad_blas_##P##scal(int, T, T *, int);                                                              \
  void swad_blas_##P##copy(int, const T *, int, T *, int);                                                 \
  void swad_blas_##P##swap(int, T *, int, T *, int);                                                       \
  T swad_blas_##P##dot(int, const T *, int, const T *, int);                                               \
  void swad_blas_##P##gemv(int, int, int, int, T, const T *, int, const T *, int, T, T *, int);            \
  void swad_blas_##P##ger(int, int, int, T, const T *, int, const T *, int, T *, int);                     \
  void swad_blas_##P##gemm(int, int, int, int, int, int, T, const T *, int, const T *, int, T, T *, int);
DECLARE(double, d)
DECLARE(float, s)
int swad_blas_index(long);

static unsigned long long state = 12345;
static double uniform(void) {
  state = state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (state >> 11) * 0x1.0p-53 * 2 - 1;
}
static int failures = 0, checks = 0;

// The largest difference between two arrays of n elements, relative to the larger magnitude.
#define COMPARE(T, what, ours, theirs, n, tolerance)                                                       \
  do {                                                                                                     \
    double worst = 0, scale = 1e-30;                                                                       \
    for (long q = 0; q < (n); q++) scale = fmax(scale, fabs((double)(theirs)[q]));                         \
    for (long q = 0; q < (n); q++) worst = fmax(worst, fabs((double)(ours)[q] - (double)(theirs)[q]));     \
    checks++;                                                                                              \
    if (worst / scale > (tolerance)) {                                                                     \
      failures++;                                                                                          \
      printf("FAIL %s: %.3e\n", what, worst / scale);                                                      \
    }                                                                                                      \
  } while (0)

#define TESTS(T, P, TOL)                                                                                   \
  static void fill_##P(T *x, long n) {                                                                     \
    for (long i = 0; i < n; i++) x[i] = (T)uniform();                                                      \
  }                                                                                                        \
  static void level1_##P(void) {                                                                           \
    int incs[] = {1, 2, -2, 3};                                                                            \
    T alphas[] = {0, 1, (T)-0.75};                                                                         \
    for (int n = 0; n <= 37; n += 37 / 4 + 1)                                                              \
      for (int a = 0; a < 4; a++)                                                                          \
        for (int b = 0; b < 4; b++) {                                                                      \
          int incx = incs[a], incy = incs[b];                                                              \
          long size = 4L * 40;                                                                             \
          T x[4 * 40], y[4 * 40], y2[4 * 40], x2[4 * 40];                                                  \
          fill_##P(x, size), fill_##P(y, size);                                                            \
          for (int k = 0; k < 3; k++) {                                                                    \
            memcpy(y2, y, sizeof y);                                                                       \
            T yy[4 * 40];                                                                                  \
            memcpy(yy, y, sizeof y);                                                                       \
            swad_blas_##P##axpy(n, alphas[k], x, incx, yy, incy);                                          \
            cblas_##P##axpy(n, alphas[k], x, incx, y2, incy);                                              \
            COMPARE(T, #P "axpy", yy, y2, size, TOL);                                                      \
          }                                                                                                \
          T d1 = swad_blas_##P##dot(n, x, incx, y, incy), d2 = cblas_##P##dot(n, x, incx, y, incy);        \
          COMPARE(T, #P "dot", &d1, &d2, 1, TOL * 10);                                                     \
          memcpy(y2, y, sizeof y), memcpy(x2, y, sizeof y);                                                \
          swad_blas_##P##copy(n, x, incx, y2, incy);                                                       \
          cblas_##P##copy(n, x, incx, x2, incy);                                                           \
          COMPARE(T, #P "copy", y2, x2, size, 0);                                                          \
          T xs[4 * 40], ys[4 * 40], xs2[4 * 40], ys2[4 * 40];                                              \
          memcpy(xs, x, sizeof x), memcpy(ys, y, sizeof y), memcpy(xs2, x, sizeof x), memcpy(ys2, y, sizeof y); \
          swad_blas_##P##swap(n, xs, incx, ys, incy);                                                      \
          cblas_##P##swap(n, xs2, incx, ys2, incy);                                                        \
          COMPARE(T, #P "swap x", xs, xs2, size, 0);                                                       \
          COMPARE(T, #P "swap y", ys, ys2, size, 0);                                                       \
          if (incx > 0) {                                                                                  \
            memcpy(xs, x, sizeof x), memcpy(xs2, x, sizeof x);                                             \
            swad_blas_##P##scal(n, (T)1.5, xs, incx);                                                      \
            cblas_##P##scal(n, (T)1.5, xs2, incx);                                                         \
            COMPARE(T, #P "scal", xs, xs2, size, TOL);                                                     \
          }                                                                                                \
        }                                                                                                  \
  }                                                                                                        \
  static void level2_##P(void) {                                                                           \
    int layouts[] = {CblasColMajor, CblasRowMajor};                                                        \
    int transposes[] = {CblasNoTrans, CblasTrans};                                                         \
    int incs[] = {1, 2, -2};                                                                               \
    T scalars[][2] = {{1, 1}, {(T)0.5, 0}, {0, (T)-2}, {(T)-1.25, (T)0.75}};                               \
    int shapes[][2] = {{7, 5}, {1, 9}, {12, 1}, {33, 17}, {0, 4}};                                         \
    for (int l = 0; l < 2; l++)                                                                            \
      for (int t = 0; t < 2; t++)                                                                          \
        for (int s = 0; s < 5; s++)                                                                        \
          for (int i = 0; i < 3; i++)                                                                      \
            for (int j = 0; j < 3; j++)                                                                    \
              for (int c = 0; c < 4; c++) {                                                                \
                int m = shapes[s][0], n = shapes[s][1], incx = incs[i], incy = incs[j];                    \
                int lda = (layouts[l] == CblasColMajor ? m : n) + 3;                                       \
                static T a[64 * 64], a2[64 * 64], x[200], y[200], y2[200];                                 \
                fill_##P(a, 64 * 64), fill_##P(x, 200), fill_##P(y, 200);                                  \
                memcpy(y2, y, sizeof y);                                                                   \
                swad_blas_##P##gemv(layouts[l], transposes[t], m, n, scalars[c][0], a, lda, x, incx,      \
                                    scalars[c][1], y, incy);                                               \
                cblas_##P##gemv(layouts[l], transposes[t], m, n, scalars[c][0], a, lda, x, incx,          \
                                scalars[c][1], y2, incy);                                                  \
                COMPARE(T, #P "gemv", y, y2, 200, TOL * 10);                                               \
                if (t == 0) {                                                                              \
                  memcpy(a2, a, sizeof a);                                                                 \
                  swad_blas_##P##ger(layouts[l], m, n, scalars[c][0], x, incx, y, incy, a, lda);           \
                  cblas_##P##ger(layouts[l], m, n, scalars[c][0], x, incx, y, incy, a2, lda);              \
                  COMPARE(T, #P "ger", a, a2, 64 * 64, TOL);                                               \
                }                                                                                          \
              }                                                                                            \
  }                                                                                                        \
  static void level3_##P(void) {                                                                           \
    int layouts[] = {CblasColMajor, CblasRowMajor};                                                        \
    int transposes[] = {CblasNoTrans, CblasTrans};                                                         \
    T scalars[][2] = {{1, 1}, {(T)0.5, 0}, {0, (T)-2}, {(T)-1.25, (T)0.75}};                               \
    /* Whole register blocks of C (8×4 and 4×2), blocks with edges, and too small for a block. */         \
    int shapes[][3] = {{7, 5, 3}, {1, 9, 4}, {12, 1, 6}, {33, 17, 29}, {5, 6, 0}, {0, 3, 2},               \
                       {40, 12, 30}, {8, 4, 1}, {17, 9, 2}, {4, 2, 45}};                                   \
    static T a[48 * 48], b[48 * 48], c[48 * 48], c2[48 * 48];                                              \
    for (int l = 0; l < 2; l++)                                                                            \
      for (int ta = 0; ta < 2; ta++)                                                                       \
        for (int tb = 0; tb < 2; tb++)                                                                     \
          for (int s = 0; s < 10; s++)                                                                     \
            for (int k = 0; k < 4; k++) {                                                                  \
              int m = shapes[s][0], n = shapes[s][1], depth = shapes[s][2];                                \
              int col = layouts[l] == CblasColMajor;                                                       \
              /* op(A) m×depth, op(B) depth×n: the stored rows of each in this layout. */                 \
              int arows = ta == 0 ? m : depth, acols = ta == 0 ? depth : m;                                \
              int brows = tb == 0 ? depth : n, bcols = tb == 0 ? n : depth;                                \
              int lda = (col ? arows : acols) + 2, ldb = (col ? brows : bcols) + 1, ldc = (col ? m : n) + 4; \
              fill_##P(a, 48 * 48), fill_##P(b, 48 * 48), fill_##P(c, 48 * 48);                            \
              memcpy(c2, c, sizeof c);                                                                     \
              swad_blas_##P##gemm(layouts[l], transposes[ta], transposes[tb], m, n, depth, scalars[k][0], a, \
                                  lda, b, ldb, scalars[k][1], c, ldc);                                     \
              cblas_##P##gemm(layouts[l], transposes[ta], transposes[tb], m, n, depth, scalars[k][0], a, lda, \
                              b, ldb, scalars[k][1], c2, ldc);                                             \
              COMPARE(T, #P "gemm", c, c2, 48 * 48, TOL * 10);                                             \
            }                                                                                              \
  }

TESTS(double, d, 1e-14)
TESTS(float, s, 1e-5f)

int main(void) {
  level1_d(), level2_d(), level3_d();
  level1_s(), level2_s(), level3_s();
  if (swad_blas_index(123456789L) != 123456789) failures++, printf("FAIL index\n");
  if (swad_blas_index(-7) != -7) failures++, printf("FAIL index\n");
  printf("%d checks, %d failures\n", checks, failures);
  return failures != 0;
}
