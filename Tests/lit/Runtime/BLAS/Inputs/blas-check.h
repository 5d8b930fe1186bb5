// The harness of the BLAS runtime tests. Each test writes a routine's call twice, as
//   double f(const Config *g, const double *A, const double *B, const double *C0, const double *s, double *C)
// once through BLAS (the rules under test) and once as plain loops (differentiated instruction by
// instruction, the oracle), where A, B, C0 are the operands, s the scalars (alpha, beta), C a work
// array the function fills from C0 and the routine overwrites, and f returns a loss of C that is
// not linear (so seeds vary). CHECK_ROUTINE compares, for one configuration, the gradients of both
// versions (every operand active, then A constant, then B and the scalars constant) and their
// tangents, to 1e-10 relative to the largest entry, and the gradient against central differences
// in one direction, and batched reverse mode (enzyme_width 2, lanes seeded 1 and -2) against the
// gradient. Triangular solves and the single-precision routines also need the helpers below
// (`adjust`, `tolerance`, `tri_solve`).
#include <stdlib.h>
#include <string.h>
#include "../../Inputs/check.h"

extern int enzyme_dup, enzyme_const, enzyme_width;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

typedef struct {
  int layout, ta, tb, uplo, diag, side, m, n, k, lda, ldb, ldc, incx, incy;
} Config;

// The loss every test applies to the routine's output (or to its result).
static double weigh(const double *c, int len) {
  double s = 0;
  for (int i = 0; i < len; i++) s += 0.1 * (i % 7 + 1) * c[i] + 0.5 * c[i] * c[i];
  return s;
}

// Element (i, j) of a matrix with leading dimension ld in the layout.
static int at(int layout, int i, int j, int ld) { return layout == 101 ? i * ld + j : j * ld + i; }

enum { SIZE = 4 };
typedef struct {
  int len[SIZE + 1];  // A, B, C0, s, and the work array C
  double *x[SIZE + 1], *d[SIZE + 1];
  double *e[SIZE + 1];  // the second lane's shadows (batched reverse mode)
} Operands;

// Set by a test whose operands need a shape (a triangular matrix well away from singular).
static void (*adjust)(double *x[SIZE + 1]) = 0;
// The tolerance of the comparisons with the loops, and of central differences (single precision
// tests loosen them).
static double tolerance = 1e-10, fd_step = 1e-6, fd_tolerance = 1e-6;

static void fill(Operands *o, int seed) {
  for (int a = 0; a <= SIZE; a++)
    for (int i = 0; i < o->len[a]; i++) o->x[a][i] = 0.25 * sin(1.3 * i + 0.7 * a + seed) + (a == 3 ? 0.8 : 0.1);
  if (adjust && seed == 1) adjust(o->x);
}

static Operands make(int lA, int lB, int lC, int lS, int lWork, int seed) {
  Operands o;
  int lens[SIZE + 1] = {lA, lB, lC, lS, lWork};
  for (int a = 0; a <= SIZE; a++) {
    o.len[a] = lens[a];
    o.x[a] = calloc(lens[a] + 1, sizeof(double));
    o.d[a] = calloc(lens[a] + 1, sizeof(double));
    o.e[a] = calloc(lens[a] + 1, sizeof(double));
  }
  fill(&o, seed);
  return o;
}

static void zero(Operands *o) {
  for (int a = 0; a <= SIZE; a++) {
    memset(o->d[a], 0, (o->len[a] + 1) * sizeof(double));
    memset(o->e[a], 0, (o->len[a] + 1) * sizeof(double));
  }
}

static void release(Operands *o) {
  for (int a = 0; a <= SIZE; a++) { free(o->x[a]); free(o->d[a]); free(o->e[a]); }
}

// Compares arrays to 1e-10 relative to their largest entry.
static void compare(const char *what, const char *operand, const double *got, const double *want, int len) {
  double scale = 0;
  for (int i = 0; i < len; i++) scale = fmax(scale, fabs(want[i]));
  char label[200];
  for (int i = 0; i < len; i++) {
    snprintf(label, sizeof label, "%s d%s[%d]", what, operand, i);
    check_scaled(label, got[i], want[i], scale, tolerance);
  }
}

// "what" followed by "suffix" (in one of a few rotating buffers).
static const char *tag(const char *what, const char *suffix) {
  static char buffers[4][200];
  static int next = 0;
  char *buffer = buffers[next++ % 4];
  snprintf(buffer, 200, "%s%s", what, suffix);
  return buffer;
}

static const char *names[SIZE] = {"A", "B", "C", "s"};

// Compares got with factor · want (batched reverse mode's second lane against the gradient).
static void compare_lane(const char *what, const char *operand, const double *got, const double *want, double factor,
                         int len) {
  double *scaled = malloc((len + 1) * sizeof(double));
  for (int i = 0; i < len; i++) scaled[i] = factor * want[i];
  compare(what, operand, got, scaled, len);
  free(scaled);
}

#define GRADIENT_ALL(f, g, o) __enzyme_autodiff((void *)f, enzyme_const, g, enzyme_dup, (o)->x[0], (o)->d[0], \
  enzyme_dup, (o)->x[1], (o)->d[1], enzyme_dup, (o)->x[2], (o)->d[2], enzyme_dup, (o)->x[3], (o)->d[3],      \
  enzyme_dup, (o)->x[4], (o)->d[4])
#define GRADIENT_CONST_A(f, g, o) __enzyme_autodiff((void *)f, enzyme_const, g, enzyme_const, (o)->x[0],      \
  enzyme_dup, (o)->x[1], (o)->d[1], enzyme_dup, (o)->x[2], (o)->d[2], enzyme_dup, (o)->x[3], (o)->d[3],      \
  enzyme_dup, (o)->x[4], (o)->d[4])
#define GRADIENT_CONST_BS(f, g, o) __enzyme_autodiff((void *)f, enzyme_const, g, enzyme_dup, (o)->x[0],       \
  (o)->d[0], enzyme_const, (o)->x[1], enzyme_dup, (o)->x[2], (o)->d[2], enzyme_const, (o)->x[3],             \
  enzyme_dup, (o)->x[4], (o)->d[4])
#define GRADIENT_WIDTH2(f, g, o) __enzyme_autodiff((void *)f, enzyme_width, 2, enzyme_const, g,               \
  enzyme_dup, (o)->x[0], (o)->d[0], (o)->e[0], enzyme_dup, (o)->x[1], (o)->d[1], (o)->e[1],                 \
  enzyme_dup, (o)->x[2], (o)->d[2], (o)->e[2], enzyme_dup, (o)->x[3], (o)->d[3], (o)->e[3],                 \
  enzyme_dup, (o)->x[4], (o)->d[4], (o)->e[4], 1.0, -2.0)
#define TANGENT(f, g, o) __enzyme_fwddiff((void *)f, enzyme_const, g, enzyme_dup, (o)->x[0], (o)->d[0],       \
  enzyme_dup, (o)->x[1], (o)->d[1], enzyme_dup, (o)->x[2], (o)->d[2], enzyme_dup, (o)->x[3], (o)->d[3],      \
  enzyme_dup, (o)->x[4], (o)->d[4])

// One pattern of activity: gradients of both versions, compared on the active operands.
#define COMPARE_PATTERN(what, blas, loops, g, ob, ol, GRADIENT, skip)                                     \
  do {                                                                                                  \
    zero(&ob); zero(&ol);                                                                               \
    GRADIENT(blas, g, &ob);                                                                             \
    GRADIENT(loops, g, &ol);                                                                            \
    for (int a = 0; a < SIZE; a++)                                                                      \
      if (!((skip) & (1 << a))) compare(what, names[a], ob.d[a], ol.d[a], ob.len[a]);                   \
  } while (0)

// Every check for one configuration.
#define CHECK_ROUTINE(what, blas, loops, g, lA, lB, lC, lS, lWork)                                         \
  do {                                                                                                  \
    Operands ob = make(lA, lB, lC, lS, lWork, 1), ol = make(lA, lB, lC, lS, lWork, 1);                  \
    COMPARE_PATTERN(tag(what, " (all active)"), blas, loops, g, ob, ol, GRADIENT_ALL, 0);                     \
    COMPARE_PATTERN(tag(what, " (A constant)"), blas, loops, g, ob, ol, GRADIENT_CONST_A, 1);                 \
    COMPARE_PATTERN(tag(what, " (B, scalars constant)"), blas, loops, g, ob, ol, GRADIENT_CONST_BS, 2 | 8);   \
    /* Batched reverse mode: lane 0 is the gradient, lane 1 (seeded -2) minus twice it. */              \
    zero(&ob); zero(&ol);                                                                               \
    GRADIENT_ALL(blas, g, &ol);                                                                         \
    GRADIENT_WIDTH2(blas, g, &ob);                                                                      \
    for (int a = 0; a < SIZE; a++) {                                                                    \
      compare(tag(what, " (batched, lane 0)"), names[a], ob.d[a], ol.d[a], ob.len[a]);                  \
      compare_lane(tag(what, " (batched, lane 1)"), names[a], ob.e[a], ol.d[a], -2.0, ob.len[a]);        \
    }                                                                                                   \
    /* The full gradient against central differences in one direction v (the tangent seeds). */        \
    zero(&ob);                                                                                          \
    GRADIENT_ALL(blas, g, &ob);                                                                         \
    Operands v = make(lA, lB, lC, lS, lWork, 7);                                                        \
    double directional = 0, h = fd_step;                                                                   \
    for (int a = 0; a < SIZE; a++)                                                                      \
      for (int i = 0; i < ob.len[a]; i++) directional += ob.d[a][i] * v.x[a][i];                        \
    for (int a = 0; a < SIZE; a++) for (int i = 0; i < ob.len[a]; i++) ob.x[a][i] += h * v.x[a][i];     \
    double up = blas(g, ob.x[0], ob.x[1], ob.x[2], ob.x[3], ob.x[4]);                                   \
    for (int a = 0; a < SIZE; a++) for (int i = 0; i < ob.len[a]; i++) ob.x[a][i] -= 2 * h * v.x[a][i]; \
    double down = blas(g, ob.x[0], ob.x[1], ob.x[2], ob.x[3], ob.x[4]);                                 \
    fill(&ob, 1);                                                                                       \
    check_fd(tag(what, " gradient . v against central differences"), directional, (up - down) / (2 * h), fd_tolerance); \
    /* Tangents in direction v, both versions; the work array's tangent starts at zero. */             \
    zero(&ob); zero(&ol);                                                                               \
    for (int a = 0; a < SIZE; a++)                                                                      \
      for (int i = 0; i < ob.len[a]; i++) ob.d[a][i] = ol.d[a][i] = v.x[a][i];                           \
    double tb = TANGENT(blas, g, &ob), tl = TANGENT(loops, g, &ol);                                     \
    check_scaled(tag(what, " tangent"), tb, tl, fabs(tl) + 1, tolerance);                                         \
    check_scaled(tag(what, " tangent = gradient . v"), tb, directional, fabs(directional) + 1, tolerance);        \
    release(&ob); release(&ol); release(&v);                                                            \
  } while (0)

// Solves op(A) x = x in place for the n×n triangular A (upper or lower as stored; op(A) = Aᵀ when
// `transposed`; a unit diagonal is not read), x's elements `stride` apart from `x`.
static void tri_solve(const double *A, int lda, int layout, int n, int upper, int transposed, int unit, double *x,
                      int stride) {
  int lower = upper ? transposed : !transposed;  // of op(A)
  for (int step = 0; step < n; step++) {
    int i = lower ? step : n - 1 - step;
    double s = x[i * stride];
    for (int j = 0; j < n; j++) {
      if (lower ? j >= i : j <= i) continue;
      double t = transposed ? A[at(layout, j, i, lda)] : A[at(layout, i, j, lda)];
      s -= t * x[j * stride];
    }
    x[i * stride] = unit ? s : s / (transposed ? A[at(layout, i, i, lda)] : A[at(layout, i, i, lda)]);
  }
}

// x := op(A) x in place for the n×n triangular A (as tri_solve).
static void tri_mul(const double *A, int lda, int layout, int n, int upper, int transposed, int unit, double *x,
                    int stride) {
  double y[64];
  for (int i = 0; i < n; i++) {
    double s = 0;
    for (int j = 0; j < n; j++) {
      // op(A)(i, j) is A(i, j), or A(j, i) when transposed; stored where the triangle holds it.
      int r = transposed ? j : i, c = transposed ? i : j;
      if (upper ? c < r : c > r) continue;
      double t = r == c && unit ? 1.0 : A[at(layout, r, c, lda)];
      s += t * x[j * stride];
    }
    y[i] = s;
  }
  for (int i = 0; i < n; i++) x[i * stride] = y[i];
}
