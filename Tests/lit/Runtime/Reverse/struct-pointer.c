// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang %t.opt.bc -o %t -lm
// RUN: %t
// RUN: %clang-ad-O0 %s -o %t.O0in.bc
// RUN: %swad-opt %t.O0in.bc -o %t.O0in.opt.bc
// RUN: %clang %t.O0in.opt.bc -o %t.O0in -lm
// RUN: %t.O0in
// Structs with double fields passed by pointer (enzyme_dup): the shadow struct receives each
// field's adjoint (+=); an int field is not touched. An array of structs, and a struct written to
// (an output struct whose shadow holds the seeds).
#include "../Inputs/check.h"

extern void __enzyme_autodiff(void *, ...);
extern double __enzyme_autodiff_1(void *, ...);
extern int enzyme_dup, enzyme_const, enzyme_out;

typedef struct {
  double mass;
  int id;
  double pos[3];
  double vel[3];
} Particle;

// Kinetic energy ½ m |v|² plus potential m g z.
double energy(const Particle *p, double g) {
  double v2 = p->vel[0] * p->vel[0] + p->vel[1] * p->vel[1] + p->vel[2] * p->vel[2];
  return 0.5 * p->mass * v2 + p->mass * g * p->pos[2];
}

// Σ over an array of particles.
double total_energy(const Particle *ps, int n, double g) {
  double e = 0;
  for (int i = 0; i < n; i++) e += energy(&ps[i], g);
  return e;
}

// One explicit Euler step, written into *out: pos += dt vel, vel += dt (0, 0, -g).
void step(Particle *out, const Particle *in, double dt, double g) {
  out->mass = in->mass;
  out->id = in->id;
  for (int k = 0; k < 3; k++) out->pos[k] = in->pos[k] + dt * in->vel[k];
  for (int k = 0; k < 2; k++) out->vel[k] = in->vel[k];
  out->vel[2] = in->vel[2] - dt * g;
}

static void zero(Particle *p) {
  p->mass = 0, p->id = -7;
  for (int k = 0; k < 3; k++) p->pos[k] = p->vel[k] = 0;
}

int main(void) {
  char what[96];
  const double g = 9.81;
  Particle p = {2.5, 42, {1.0, -2.0, 3.5}, {0.5, -1.25, 2.0}}, dp;
  zero(&dp);
  dp.mass = 1.0;  // += : the pre-filled value stays
  __enzyme_autodiff((void *)energy, enzyme_dup, &p, &dp, enzyme_const, g);
  double v2 = 0.5 * 0.5 + 1.25 * 1.25 + 2.0 * 2.0;
  check_rel("d/dmass", dp.mass, 1.0 + 0.5 * v2 + g * p.pos[2], 1e-12);
  check_exact("id shadow untouched", dp.id, -7);
  check_exact("d/dpos[0]", dp.pos[0], 0.0);
  check_exact("d/dpos[1]", dp.pos[1], 0.0);
  check_rel("d/dpos[2]", dp.pos[2], p.mass * g, 1e-12);
  for (int k = 0; k < 3; k++) {
    snprintf(what, sizeof what, "d/dvel[%d]", k);
    check_rel(what, dp.vel[k], p.mass * p.vel[k], 1e-12);
  }
  zero(&dp);
  double dg = __enzyme_autodiff_1((void *)energy, enzyme_dup, &p, &dp, enzyme_out, g);
  check_rel("d/dg", dg, p.mass * p.pos[2], 1e-12);

  enum { N = 4 };
  Particle ps[N], dps[N];
  for (int i = 0; i < N; i++) {
    ps[i].mass = 1.0 + i;
    ps[i].id = i;
    rng_fill(ps[i].pos, 3);
    rng_fill(ps[i].vel, 3);
    zero(&dps[i]);
  }
  __enzyme_autodiff((void *)total_energy, ps, dps, N, enzyme_const, g);
  for (int i = 0; i < N; i++) {
    double v2i = ps[i].vel[0] * ps[i].vel[0] + ps[i].vel[1] * ps[i].vel[1] + ps[i].vel[2] * ps[i].vel[2];
    snprintf(what, sizeof what, "ps[%d] d/dmass", i);
    check_rel(what, dps[i].mass, 0.5 * v2i + g * ps[i].pos[2], 1e-12);
    snprintf(what, sizeof what, "ps[%d] d/dpos[2]", i);
    check_rel(what, dps[i].pos[2], ps[i].mass * g, 1e-12);
    for (int k = 0; k < 3; k++) {
      snprintf(what, sizeof what, "ps[%d] d/dvel[%d]", i, k);
      check_rel(what, dps[i].vel[k], ps[i].mass * ps[i].vel[k], 1e-12);
    }
  }

  // step: seeds in the output's shadow flow back to the input's shadow and to dt; the output
  // shadow is consumed.
  Particle out, dout, din;
  zero(&out);
  zero(&dout);
  zero(&din);
  dout.mass = 0.3;
  for (int k = 0; k < 3; k++) dout.pos[k] = 1.0 + k, dout.vel[k] = -0.5 * k;
  Particle seed = dout;
  double dt = 0.01;
  double ddt = __enzyme_autodiff_1((void *)step, &out, &dout, &p, &din, enzyme_out, dt, enzyme_const, g);
  check_rel("step out.pos[2]", out.pos[2], p.pos[2] + dt * p.vel[2], 1e-15);
  check_rel("step din.mass", din.mass, seed.mass, 1e-15);
  for (int k = 0; k < 3; k++) {
    snprintf(what, sizeof what, "step din.pos[%d]", k);
    check_rel(what, din.pos[k], seed.pos[k], 1e-15);
    snprintf(what, sizeof what, "step din.vel[%d]", k);
    check_rel(what, din.vel[k], seed.vel[k] + dt * seed.pos[k], 1e-12);
    snprintf(what, sizeof what, "step dout.pos[%d] consumed", k);
    check_exact(what, dout.pos[k], 0.0);
    snprintf(what, sizeof what, "step dout.vel[%d] consumed", k);
    check_exact(what, dout.vel[k], 0.0);
  }
  double want_ddt = 0;
  for (int k = 0; k < 3; k++) want_ddt += seed.pos[k] * p.vel[k];
  want_ddt -= seed.vel[2] * g;
  check_rel("step d/ddt", ddt, want_ddt, 1e-12);
  return finish();
}
