// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %swad-opt -O0 %t.bc -o %t.O0.bc
// RUN: %clang %t.O0.bc -o %t.O0 -lm
// RUN: %t.O0
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// RUN: %swad-opt -O0 %t.O0in.bc -o %t.O0in.O0.bc
// RUN: %clang %t.O0in.O0.bc -o %t.O0in.O0 -lm
// RUN: %t.O0in.O0
// Regression: the adjoint of a memcpy of structs whose fields have different types. The adjoints
// must move back field by field, each floating-point field as its own type, and other fields
// (pointers, integers) must be left alone. When every element was taken as a double, a float
// field's adjoint was added as half of a double (garbage, often NaN) and a pointer field's bits
// were added as if they were a number. Pinned with arrays of {float, double} and of
// {double, pointer, int} copied into local arrays by memcpy in the differentiated function itself,
// in both modes, against the hand-derived partials. (The same copy done in a separate function is
// still open.)
#include <string.h>
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern void __enzyme_fwddiff(void *, ...);
extern double __enzyme_fwddiff_d(void *, ...);
extern int enzyme_dup, enzyme_const;

typedef struct {
  float w;
  double v;
} FloatDouble;

// out_i.v = in_i.v², out_i.w = 3·in_i.w, through a local copy of in.
void square_and_triple(FloatDouble *out, const FloatDouble *in, int n) {
  FloatDouble tmp[4];
  memcpy(tmp, in, n * sizeof(FloatDouble));
  for (int i = 0; i < n; i++) {
    out[i].v = tmp[i].v * tmp[i].v;
    out[i].w = tmp[i].w * 3.0f;
  }
}

typedef struct {
  double v;
  const double *scale;
  int tag;
} Tagged;

// Σ in_i.v · *in_i.scale · tag_i, through a local copy of in.
double tagged_sum(const Tagged *in, int n) {
  Tagged tmp[4];
  memcpy(tmp, in, n * sizeof(Tagged));
  double s = 0;
  for (int i = 0; i < n; i++) s += tmp[i].v * *tmp[i].scale * tmp[i].tag;
  return s;
}

int main(void) {
  char what[96];
  enum { n = 3 };

  // square_and_triple: seeds ō on out, so ∂/∂in_i.v = 2·v_i·ō_i.v and ∂/∂in_i.w = 3·ō_i.w.
  {
    FloatDouble in[n] = {{1.5f, 2.0}, {-0.25f, -3.5}, {4.0f, 0.75}};
    FloatDouble din[n] = {{0}}, out[n], dout[n] = {{1.0f, 0.5}, {-2.0f, 1.25}, {0.5f, -1.0}}, seed[n];
    memcpy(seed, dout, sizeof dout);
    __enzyme_autodiff((void *)square_and_triple, enzyme_dup, out, dout, enzyme_dup, in, din, enzyme_const, n);
    for (int i = 0; i < n; i++) {
      snprintf(what, sizeof what, "square_and_triple reverse din[%d].v", i);
      check_rel(what, din[i].v, 2 * in[i].v * seed[i].v, 1e-12);
      snprintf(what, sizeof what, "square_and_triple reverse din[%d].w", i);
      check_rel(what, din[i].w, 3.0 * seed[i].w, 1e-12);
      snprintf(what, sizeof what, "square_and_triple reverse clears dout[%d]", i);
      check_exact(what, fabs(dout[i].v) + fabs(dout[i].w), 0);
    }
    // Forward: the tangents of out are 2·v_i·ṽ_i and 3·ẇ_i.
    FloatDouble tin[n] = {{0.5f, 1.0}, {2.0f, -0.5}, {-1.0f, 0.25}}, tout[n];
    __enzyme_fwddiff((void *)square_and_triple, enzyme_dup, out, tout, enzyme_dup, in, tin, enzyme_const, n);
    for (int i = 0; i < n; i++) {
      snprintf(what, sizeof what, "square_and_triple forward out[%d].v", i);
      check_rel(what, tout[i].v, 2 * in[i].v * tin[i].v, 1e-12);
      snprintf(what, sizeof what, "square_and_triple forward out[%d].w", i);
      check_rel(what, tout[i].w, 3.0 * tin[i].w, 1e-12);
    }
  }

  // tagged_sum: ∂/∂v_i = c_i·tag_i and ∂/∂c_i = v_i·tag_i, where c_i = *scale_i.
  {
    double c[n] = {2.0, -0.5, 1.25}, dc[n] = {0}, tc[n] = {0.25, 1.0, -2.0};
    Tagged in[n] = {{1.5, &c[0], 1}, {-2.0, &c[1], 2}, {0.75, &c[2], -3}};
    Tagged din[n] = {{0, &dc[0], 1}, {0, &dc[1], 2}, {0, &dc[2], -3}};
    Tagged tin[n] = {{0.5, &tc[0], 1}, {-1.0, &tc[1], 2}, {2.0, &tc[2], -3}};
    __enzyme_autodiff((void *)tagged_sum, enzyme_dup, in, din, enzyme_const, n);
    double tangent = 0;
    for (int i = 0; i < n; i++) {
      snprintf(what, sizeof what, "tagged_sum reverse din[%d].v", i);
      check_rel(what, din[i].v, c[i] * in[i].tag, 1e-12);
      snprintf(what, sizeof what, "tagged_sum reverse dc[%d]", i);
      check_rel(what, dc[i], in[i].v * in[i].tag, 1e-12);
      snprintf(what, sizeof what, "tagged_sum reverse keeps din[%d].scale", i);
      check_exact(what, din[i].scale == &dc[i], 1);
      tangent += (tin[i].v * c[i] + in[i].v * tc[i]) * in[i].tag;
    }
    check_rel("tagged_sum forward", __enzyme_fwddiff_d((void *)tagged_sum, enzyme_dup, in, tin, enzyme_const, n),
              tangent, 1e-12);
  }
  return finish();
}
