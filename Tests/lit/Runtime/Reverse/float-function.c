// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// float (not double) functions, differentiated through non-variadic prototypes (C would promote
// float arguments of `...` to double). Adjoints are computed in float: compared with the exact
// derivative in double at the same float inputs (relative tolerance 1e-5). Float arrays with float
// shadows, and a function mixing float and double parameters.
#include "../Inputs/check.h"

typedef struct { float dx, dy; } Grad2f;
typedef struct { float df; double dd; } GradFD;
extern Grad2f __enzyme_autodiff_ff(float (*)(float, float), float, float);
extern float __enzyme_autodiff_arr(float (*)(const float *, int, float), const float *, float *, int, float);
extern GradFD __enzyme_autodiff_fd(double (*)(float, double), float, double);

float f(float x, float y) { return x * x * y + sinf(x) / y; }

// A float "loss": Σ (a[i] · s - 1)² / n.
float loss(const float *a, int n, float s) {
  float acc = 0;
  for (int i = 0; i < n; i++) {
    float r = a[i] * s - 1.0f;
    acc += r * r;
  }
  return acc / n;
}

double mixed(float x, double y) { return (double)(x * x) * y + y * y; }

int main(void) {
  char what[96];
  const float pts[][2] = {{0.5f, 1.5f}, {-1.25f, 0.75f}, {3.0f, -2.0f}};
  for (int t = 0; t < 3; t++) {
    float x = pts[t][0], y = pts[t][1];
    Grad2f g = __enzyme_autodiff_ff(f, x, y);
    double xd = x, yd = y;
    snprintf(what, sizeof what, "f d/dx(%g, %g)", xd, yd);
    check_rel(what, g.dx, 2 * xd * yd + cos(xd) / yd, 1e-5);
    snprintf(what, sizeof what, "f d/dy(%g, %g)", xd, yd);
    check_rel(what, g.dy, xd * xd - sin(xd) / (yd * yd), 1e-5);

    GradFD m = __enzyme_autodiff_fd(mixed, x, yd);
    snprintf(what, sizeof what, "mixed d/dx(%g, %g)", xd, yd);
    check_rel(what, m.df, 2 * xd * yd, 1e-5);
    snprintf(what, sizeof what, "mixed d/dy(%g, %g)", xd, yd);
    check_rel(what, m.dd, xd * xd + 2 * yd, 1e-12);
  }

  enum { N = 10 };
  float a[N], da[N];
  for (int i = 0; i < N; i++) a[i] = 0.1f * (float)(i + 1), da[i] = 0.0f;
  float s = 1.3f;
  float ds = __enzyme_autodiff_arr(loss, a, da, N, s);
  double want_ds = 0;
  for (int i = 0; i < N; i++) {
    double r = (double)a[i] * s - 1.0;
    want_ds += 2 * r * a[i] / N;
    snprintf(what, sizeof what, "loss da[%d]", i);
    check_rel(what, da[i], 2 * r * s / N, 1e-5);
  }
  check_rel("loss ds", ds, want_ds, 1e-5);
  return finish();
}
