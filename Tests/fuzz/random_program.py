# Prints a random self-checking C program for scripts/fuzz: a function of 4 inputs and 3 outputs made
# of random floating-point expressions, loops with data-dependent branches and a local array, checked
# by forward vs reverse mode (uᵀ(Jv) = (uᵀJ)v, to 1e-9) and against central differences (1e-4).
# Usage: python3 random_program.py SEED > program.c
import random, sys
seed = int(sys.argv[1]); random.seed(seed)
N = 4
ops = ['@A+@B','@A-@B','@A*@B','sin(@A)','cos(@A)','exp(0.1*@A)','@A*@A','sqrt(@A*@A+1.0)','tanh(@A)','(@A>@B?@A:@B)','fabs(@A)*@B','log(1.0+@A*@A)']
lines = []
vars_ = ['x[%d]' % i for i in range(N)]
def expr():
    a = random.choice(vars_); b = random.choice(vars_)
    return random.choice(ops).replace('@A', '(%s)' % a).replace('@B', '(%s)' % b)
body = []
nt = 0
for k in range(random.randint(3, 8)):
    kind = random.random()
    if kind < 0.5:
        t = 't%d' % nt; nt += 1
        body.append('double %s = %s;' % (t, expr())); vars_.append(t)
    elif kind < 0.75:
        i = random.randrange(N)
        body.append('for (int i = 0; i < n; i++) { w[i %% %d] = w[i %% %d] * 0.5 + %s; }' % (N, N, expr().replace('(x[%d])' % i, '(x[i %% %d])' % N)))
    else:
        t = 't%d' % nt; nt += 1
        body.append('double %s = 0; for (int i = 0; i < n; i++) { if (x[i %% %d] > %s) %s += %s; else %s -= w[i %% %d]; }' % (t, N, expr(), t, expr(), t, N))
        vars_.append(t)
outs = random.sample(vars_, 3)
src = r'''
#include <math.h>
#include <stdio.h>
extern void __enzyme_autodiff(void*, ...);
extern void __enzyme_fwddiff(void*, ...);
extern int enzyme_dup, enzyme_const;
__attribute__((noinline)) void f(const double *x, double *y, int n) {
  double w[%(N)d] = {0};
  %(body)s
  y[0] = %(o0)s + w[0]; y[1] = %(o1)s * w[1]; y[2] = %(o2)s;
}
int main(void) {
  double x[%(N)d], u[3] = {0.3, -0.7, 1.1}, v[%(N)d];
  for (int i = 0; i < %(N)d; i++) { x[i] = 0.2 + 0.37 * i - 0.5 * (i %% 2); v[i] = 0.5 - 0.21 * i; }
  int n = 5;
  double y[3], dy[3] = {u[0], u[1], u[2]}, dx[%(N)d] = {0};
  __enzyme_autodiff((void*)f, x, dx, y, dy, enzyme_const, n);
  double yt[3], ty[3] = {0};
  __enzyme_fwddiff((void*)f, x, v, yt, ty, enzyme_const, n);
  double lhs = u[0]*ty[0] + u[1]*ty[1] + u[2]*ty[2], rhs = 0;
  for (int i = 0; i < %(N)d; i++) rhs += dx[i] * v[i];
  double h = 1e-6, xp[%(N)d], xm[%(N)d], yp[3], ym[3];
  for (int i = 0; i < %(N)d; i++) { xp[i] = x[i] + h * v[i]; xm[i] = x[i] - h * v[i]; }
  f(xp, yp, n); f(xm, ym, n);
  double fd = (u[0]*(yp[0]-ym[0]) + u[1]*(yp[1]-ym[1]) + u[2]*(yp[2]-ym[2])) / (2*h);
  double scale = fabs(lhs) + fabs(rhs) + 1;
  int ok = fabs(lhs - rhs) <= 1e-9 * scale && fabs(lhs - fd) <= 1e-4 * scale;
  printf("%%s fwd %%.12g rev %%.12g fd %%.12g\n", ok ? "ok" : "MISMATCH", lhs, rhs, fd);
  return !ok;
}
''' % dict(N=N, body='\n  '.join(body), o0=outs[0], o1=outs[1], o2=outs[2])
print(src)
