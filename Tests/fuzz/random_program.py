# Prints a random self-checking C program for scripts/fuzz: a function f of 4 inputs and 3 outputs,
# checked along two random directions by forward vs reverse mode (uᵀ(Jv) = (uᵀJ)v, to 1e-9) and against
# central differences (1e-4).
#
# Plain programs (the default) are random floating-point expressions, loops with data-dependent
# branches and a local array. --pointers makes pointer-heavy programs: non-inlined helpers returning
# pointers (malloc / calloc wrappers, slices of arrays, slots of a global pool, a pick between two
# arrays), structs with active and constant pointer fields built locally and passed to helpers by
# pointer and by value or copied (`*dst = *src`, memcpy, into the heap), a constant array
# (enzyme_const) and an index array (gathers and scatters), and pointer selects `c ? x : k` mixing
# active and constant arrays. --int-doubles also passes doubles through integers (memcpy into a
# uint64_t handed to a non-inlined helper, an integer returned by one, a union of a double and an integer
# passed by value), which swad's integer type analysis gives back their floating-point type, and
# pointers through integers (a struct holding a pointer copied as a uint64_t by a helper). --rodata
# puts the constant arrays in read-only memory (static const globals, a const local table). --nested
# makes programs of loops inside loops: passes whose inner loops' bound each pass computes or loads
# (through a pointer a helper returns, next to a libm call, so that the load stays in the pass),
# triangular and rectangular inner loops, branches on the bound and on the counters, and an index
# carried across rows (a packed triangle's). --openmp makes programs with a parallel loop (clang
# -fopenmp; run on two threads): the threads read the inputs, a table the function allocates and
# fills before the region, and its local array, through the variables the region captures; they add
# into reduction variables, write their own elements of a shared buffer, and the function may
# overwrite the table or the buffer after the region. --stencil makes programs of stencil sweeps over
# two local arrays swapped every step, or updated in place: random offsets in -2..2, ascending or
# descending loops, neighbours read only where they exist (loads some iterations skip), linear and
# nonlinear terms, coefficients from the inputs (their reverse loops sum adjoints in registers).
# --aliasing makes programs of loop nests in non-inlined helpers that take an output and an input
# pointer, called on two local arrays, on the same array and on overlapping slices of one: an element
# the inner loop does not index (in[i], in[0]) stays in the loop, as out may alias in (their reverse
# loops sum its adjoint in a register when a check on entering them finds no store that may clear
# it, and unswitch on that check). --triangular makes programs of column-oriented triangular updates of
# a local or heap array (`for i { for j = i + s .. m { v[j] = g(v[j], x, i, j) } }`, products and
# forward substitutions, with a packed index carried across rows and a second counter stepping down),
# which swad-opt runs backwards before AD (ShiftedLoopReversal), with shapes it must leave alone
# beside them (reductions over j, reads of v[j - 1]); its main, built with -DPRIMAL_ONLY by clang
# alone, prints f's outputs, which the swad build's must match to the bit. --scratch makes programs of
# scratch arrays (local, variable-length, heap) that one loop fills from the inputs and later loops
# read, which swad-opt reads as the stored value computed again (ScratchArrayForwarding), with events
# between fill and read that must stop it (the heap block the fill read freed, moved by realloc,
# written, scaled by a helper; the local w written), outputs compared to the bit as --triangular's.
#
# A check whose derivative disagrees with central differences is a kink, not a failure, when the two
# one-sided differences disagree with each other and the derivative matches one of them (a branch or
# max/fabs switching within h of the point); otherwise, or when the modes disagree, it is wrong. The
# program prints one line per check and then `kinks=K wrong=W`, and exits non-zero only for wrong
# derivatives.
#
# Usage: python3 random_program.py SEED [--pointers [--int-doubles] [--rodata] | --nested | --openmp | --stencil
#        | --aliasing] > program.c
import argparse, random

parser = argparse.ArgumentParser()
parser.add_argument('seed', type=int)
parser.add_argument('--pointers', action='store_true', help='pointer-heavy program')
parser.add_argument('--int-doubles', action='store_true', help='also pass doubles through integers')
parser.add_argument('--rodata', action='store_true', help='the enzyme_const arrays in read-only memory (static const)')
parser.add_argument('--nested', action='store_true', help='loops inside loops with bounds of the outer loop')
parser.add_argument('--openmp', action='store_true', help='a parallel loop reading the caller\'s data (-fopenmp)')
parser.add_argument('--stencil', action='store_true', help='stencil sweeps over local arrays')
parser.add_argument('--aliasing', action='store_true', help='loop nests over pointers that may alias')
parser.add_argument('--triangular', action='store_true', help='in-place triangular updates of a local array')
parser.add_argument('--scratch', action='store_true', help='scratch arrays filled by one loop, read by the next ones')
args = parser.parse_args()
random.seed(args.seed)
N = 4
ops = ['@A+@B','@A-@B','@A*@B','sin(@A)','cos(@A)','exp(0.1*@A)','@A*@A','sqrt(@A*@A+1.0)','tanh(@A)','(@A>@B?@A:@B)','fabs(@A)*@B','log(1.0+@A*@A)']
vars_ = ['x[%d]' % i for i in range(N)]
def expr():
    a = random.choice(vars_); b = random.choice(vars_)
    return random.choice(ops).replace('@A', '(%s)' % a).replace('@B', '(%s)' % b)

def plain_body():
    # The original generator, unchanged, so that plain seeds keep their programs.
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
    return body, 'y[0] = %s + w[0]; y[1] = %s * w[1]; y[2] = %s;' % tuple(outs), []

# Helpers of pointer-heavy programs, emitted when used.
HELPERS = {
    'new_array': 'static double *new_array(int n) { return (double *)malloc(n * sizeof(double)); }',
    'new_zeroed': 'static double *new_zeroed(int n) { return (double *)calloc(n, sizeof(double)); }',
    'slice': 'static double *slice(double *a, int k) { return a + k; }',
    'cslice': 'static const double *cslice(const double *a, int k) { return a + k; }',
    'pool_slot': 'static double *pool_slot(int k) { return pool + k * %d; }' % N,
    'pick': 'static const double *pick(const double *a, const double *b, int k) { return k ? a : b; }',
    'view_dot': 'static double view_dot(const View *s) { double r = 0; for (int i = 0; i < s->n; i++) r += s->a[s->ix[i]] * s->c[i] + 0.25 * s->a[i] * s->out[i]; return r; }',
    'view_byval': 'static double view_byval(View s) { double r = 0; for (int i = 0; i < s.n; i++) r += sin(s.a[i]) * s.c[s.ix[i]] + s.out[i]; return r; }',
    'copy_view': 'static void copy_view(View *dst, const View *src) { *dst = *src; }',
    'view_axpy': 'static void view_axpy(const View *s, double t) { for (int i = 0; i < s->n; i++) s->out[i] = 0.5 * s->out[i] + t * s->c[i] + s->a[s->ix[i]]; }',
    'from_bits': 'static double from_bits(uint64_t b) { double d; memcpy(&d, &b, sizeof d); return d; }',
    'to_bits': 'static uint64_t to_bits(double d) { uint64_t b; memcpy(&b, &d, sizeof b); return b; }',
    'union_scale': 'static double union_scale(Bits u, double s) { return u.d * s; }',
    # A struct holding a pointer copied as an integer (as libstdc++'s std::function clones a lambda).
    'box_clone': 'static void box_clone(Box *dst, const Box *src) { uint64_t b; memcpy(&b, src, sizeof b); memcpy(dst, &b, sizeof b); }',
    'box_sum': 'static double box_sum(const Box *b, int n) { double r = 0; for (int i = 0; i < n; i++) r += b->p[i] * (1 + 0.1 * i); return r; }',
}

def pointer_body():
    # Arrays of N doubles that f can read: active (x, the local w, heap arrays, pool slots) and
    # constant (the enzyme_const argument c and the local literal k). Writable ones are active.
    active = ['x', 'w']
    writable = ['w']
    const = ['c', 'k']
    vars_.append('c[%d]' % random.randrange(N))
    used = set()
    heap = []
    body = []
    names = iter(range(1000))
    def name(prefix): return '%s%d' % (prefix, next(names))
    def use(h): used.add(h); return h
    def scalar(): return random.choice(vars_)
    def element(arrays):
        a = random.choice(arrays)
        r = random.random()
        return '%s[i]' % a if r < 0.6 else '%s[idx[i]]' % a if r < 0.8 else '%s[%d]' % (a, random.randrange(N))
    def loop_expr():
        # An expression of the loop index i: elements of active and constant arrays and scalars.
        pool_ = [lambda: element(active), lambda: element(active + const), scalar]
        a = random.choice(pool_)(); b = random.choice(pool_)()
        return random.choice(ops).replace('@A', '(%s)' % a).replace('@B', '(%s)' % b)
    def cond():
        r = random.random()
        if r < 0.35: return '(%s > %s)' % (scalar(), scalar())              # data-dependent: kinks, jumps
        if r < 0.6: return '(n > %d)' % random.randint(2, 7)
        if r < 0.8: return '(idx[%d] > idx[%d])' % (random.randrange(N), random.randrange(N))
        return '(%s[%d] > 0.5)' % (random.choice(const), random.randrange(N))
    bits = []
    def through_integer():
        b, t = name('b'), name('t')
        form = random.random()
        if form < 0.4:    # memcpy into an integer, read back by a helper
            body.append('uint64_t %s; { double s = %s; memcpy(&%s, &s, sizeof %s); } double %s = %s(%s);' % (b, expr(), b, b, t, use('from_bits'), b))
        elif form < 0.7:  # an integer returned by one helper, read back by another
            body.append('uint64_t %s = %s(%s); double %s = %s(%s);' % (b, use('to_bits'), expr(), t, use('from_bits'), b))
        elif form < 0.85: # a union of a double and an integer, passed by value (as an i64)
            body.append('Bits %s; %s.d = %s; double %s = %s(%s, %s);' % (b, b, expr(), t, use('union_scale'), b, scalar()))
        else:             # a struct holding a pointer, copied as an integer by a helper
            # (An address a helper returns as an integer is an error, not generated here:
            # Reverse/error-address-returned-as-integer.ll.)
            body.append('Box %s = { %s }, %s_copy; %s(&%s_copy, &%s); double %s = %s(&%s_copy, %d);'
                        % (b, random.choice(active + const), b, use('box_clone'), b, b, t, use('box_sum'), b, N))
        vars_.append(t); bits.append(t)
    for _ in range(random.randint(4, 9)):
        kind = random.random()
        if args.int_doubles and random.random() < 0.2:
            through_integer()
        elif kind < 0.14:
            t = name('t'); body.append('double %s = %s;' % (t, expr())); vars_.append(t)
        elif kind < 0.26:
            h = name('h')
            body.append('double *%s = %s(%d); for (int i = 0; i < %d; i++) %s[i] = %s;' % (h, use(random.choice(['new_array', 'new_zeroed'])), N, N, h, loop_expr()))
            active.append(h); writable.append(h); heap.append(h); vars_.append('%s[%d]' % (h, random.randrange(N)))
        elif kind < 0.36:
            p = name('p')
            body.append('double *%s = %s(%d); for (int i = 0; i < %d; i++) %s[i] = %s;' % (p, use('pool_slot'), random.randrange(4), N, p, loop_expr()))
            active.append(p); writable.append(p); vars_.append('%s[%d]' % (p, random.randrange(N)))
        elif kind < 0.46:
            s, t, o = name('s'), name('t'), random.randint(1, N - 2)
            op = random.choice(['sin(@A)', '@A*@A', '@A*x[i]', 'exp(0.1*@A)', '(@A>x[i]?@A:x[i])'])
            body.append('const double *%s = %s(%s, %d); double %s = 0; for (int i = 0; i < %d; i++) %s += %s;' % (s, use('cslice'), random.choice(active + const), o, t, N - o, t, op.replace('@A', '%s[i]' % s)))
            vars_.append(t)
        elif kind < 0.54:
            s, o = name('s'), random.randint(1, N - 2)
            body.append('double *%s = %s(%s, %d); for (int i = 0; i < %d; i++) %s[i] = %s[i] * 0.5 + %s;' % (s, use('slice'), random.choice(writable), o, N - o, s, s, loop_expr()))
        elif kind < 0.70:
            v, t = name('v'), name('t')
            a = random.choice(active) if random.random() < 0.8 else random.choice(const)
            body.append('View %s = { %s, %s, idx, %s, %d };' % (v, a, random.choice(const), random.choice(writable), N))
            r = random.random()
            if r < 0.2:
                body.append('double %s = %s(&%s);' % (t, use('view_dot'), v))
            elif r < 0.4:
                body.append('double %s = %s(%s);' % (t, use('view_byval'), v))
            elif r < 0.55:
                d = name('d')
                body.append('View %s; %s(&%s, &%s); double %s = %s(&%s);' % (d, use('copy_view'), d, v, t, use('view_dot'), d))
            elif r < 0.7:
                d = name('d')
                body.append('View %s; memcpy(&%s, &%s, sizeof %s); %s(&%s, %s); double %s = %s(%s);' % (d, d, v, d, use('view_axpy'), d, scalar(), t, use('view_byval'), d))
            elif r < 0.85:
                d = name('d')
                body.append('View *%s = (View *)malloc(sizeof(View)); *%s = %s; double %s = %s(%s); free(%s);' % (d, d, v, t, use('view_dot'), d, d))
            else:
                body.append('%s(&%s, %s); double %s = %s(&%s);' % (use('view_axpy'), v, scalar(), t, use('view_dot'), v))
            vars_.append(t)
        elif kind < 0.82:
            q, t = name('q'), name('t')
            a, b = random.choice(active), random.choice(const if random.random() < 0.7 else active)
            if random.random() < 0.5: a, b = b, a
            if random.random() < 0.3:
                body.append('const double *%s = %s(%s, %s, %s);' % (q, use('pick'), a, b, cond()))
            else:
                body.append('const double *%s = %s ? %s : %s;' % (q, cond(), a, b))
            if random.random() < 0.5:
                body.append('double %s = %s[%d] * sin(%s[%d]) + %s[%d];' % (t, q, random.randrange(N), q, random.randrange(N), q, random.randrange(N)))
            else:
                body.append('double %s = 0; for (int i = 0; i < %d; i++) %s += %s;' % (t, N, t, random.choice(ops).replace('@A', '%s[i]' % q).replace('@B', '(%s)' % element(active + const))))
            vars_.append(t)
            if len(writable) > 1 and random.random() < 0.5:
                r_ = name('r'); a, b = random.sample(writable, 2)
                body.append('double *%s = %s ? %s : %s; %s[%d] = %s[%d] * 0.5 + %s;' % (r_, cond(), a, b, r_, random.randrange(N), r_, random.randrange(N), expr()))
        elif kind < 0.92:
            if random.random() < 0.5:
                t = name('t')
                body.append('double %s = 0; for (int i = 0; i < %d; i++) %s += %s[idx[i]] * %s[i];' % (t, N, t, random.choice(active), random.choice(const + active)))
                vars_.append(t)
            else:
                body.append('for (int i = 0; i < %d; i++) %s[idx[i]] += %s;' % (N, random.choice(writable), loop_expr()))
        else:
            t = name('t')
            body.append('double %s = 0; for (int i = 0; i < n; i++) { if (x[i %% %d] > %s) %s += %s; else %s -= w[i %% %d]; }' % (t, N, expr(), t, expr(), t, N))
            vars_.append(t)
    if args.int_doubles and not bits: through_integer()
    outs = random.sample(vars_, 3)
    result = 'y[0] = %s + w[0]; y[1] = %s * w[1]; y[2] = %s + %s[%d];' % (outs[0], outs[1], outs[2], random.choice(writable), N - 1)
    if bits: result = result.replace('y[2] = ', 'y[2] = %s + ' % bits[-1])  # the integer round trip reaches an output
    if heap: result += ' ' + ' '.join('free(%s);' % h for h in heap)
    return body, result, [HELPERS[h] for h in HELPERS if h in used]

NESTED_HELPERS = ('static int bounds[3] = {%d, 2, %d};\n'
                  '__attribute__((noinline)) static const int *bound_of(int r) { return &bounds[r %% 3]; }\n'
                  % (N, N - 1))

def nested_body():
    # Passes (the outer loop) over loops whose bound `m` (1..N) each pass computes or loads; the
    # body of the innermost loop mixes x[i], x[j], w and the pass's accumulator.
    body = []
    names = iter(range(1000))
    def name(prefix): return '%s%d' % (prefix, next(names))
    for _ in range(random.randint(1, 3)):
        t, m, idx = name('t'), name('m'), name('idx')
        bound = random.choice([
            '*bound_of(r + n)',                          # a load through a helper's pointer
            '(r + n) %% %d + 1' % N,                     # arithmetic of the pass
            'n - r > %d ? %d : (n - r < 1 ? 1 : n - r)' % (N, N),
        ])
        inner_from = random.choice(['i + 1', '0', 'i'])  # triangular above or on the diagonal, or rectangular
        inner_to = random.choice(['%s' % m, 'i + 1']) if inner_from == '0' else m
        cond = random.choice([
            'j == %s - 1' % m, 'i < %s / 2' % m, 'j > i + 1', 'x[(i + j) %% %d] > x[i]' % N, '(%s & 1) == 0' % idx,
        ])
        e = random.choice(ops).replace('@A', '(x[i] * w[%s %% %d])' % (idx, N)).replace('@B', '(x[j])')
        update = random.choice(['', ' w[j %% %d] += 0.125 * e;' % N, ' w[(%s + 1) %% %d] = 0.5 * w[(%s + 1) %% %d] + 0.25 * e;' % (idx, N, idx, N)])
        passes = random.randint(2, 3)
        body.append(
            'double %(t)s = 0; for (int r = 0; r < %(passes)d; r++) { int %(m)s = %(bound)s; int %(idx)s = 0;'
            ' for (int i = 0; i < %(m)s; i++) for (int j = %(inner_from)s; j < %(inner_to)s; j++) {'
            ' double e = %(e)s; if (%(cond)s) %(t)s += e; else %(t)s -= 0.5 * e;%(update)s %(idx)s++; }'
            ' %(t)s = 0.75 * %(t)s + %(libm)s(0.1 * x[r %% %(N)d]) + 0.01 * %(idx)s; }'
            % dict(t=t, m=m, idx=idx, bound=bound, inner_from=inner_from, inner_to=inner_to, e=e, cond=cond,
                   update=update, passes=passes, libm=random.choice(['exp', 'log1p', 'sin']), N=N))
        vars_.append(t)
    for _ in range(random.randint(0, 2)):
        t = name('s'); body.append('double %s = %s;' % (t, expr())); vars_.append(t)
    outs = random.sample(vars_, 3)
    return body, 'y[0] = %s + w[0]; y[1] = %s * w[1]; y[2] = %s + w[%d];' % (outs[0], outs[1], outs[2], N - 1), []

def openmp_body():
    # A table the function fills before the region, a shared buffer out[M] each iteration writes its
    # own element of, reduction variables, then statements after the region (some overwrite the
    # table or read the buffer). M iterations, scheduled statically or dynamically.
    M = 8
    body = ['double *tab = (double *)malloc(%d * sizeof(double)); double *out = (double *)malloc(%d * sizeof(double));' % (N, M),
            'for (int k = 0; k < %d; k++) tab[k] = %s;' % (N, random.choice(ops).replace('@A', '(x[k])').replace('@B', '(x[(k + 1) %% %d])' % N)),
            'for (int i = 0; i < %d; i++) out[i] = 0;' % M]
    names = iter(range(1000))
    def name(prefix): return '%s%d' % (prefix, next(names))
    def element():
        return random.choice(['x[i %% %d]' % N, 'x[(i + %d) %% %d]' % (random.randrange(N), N), 'tab[i %% %d]' % N,
                              'tab[(i * 3 + 1) %% %d]' % N, 'w[%d]' % random.randrange(N), 'w[i %% %d]' % N])
    def loop_expr():
        return random.choice(ops).replace('@A', '(%s)' % element()).replace('@B', '(%s)' % element())
    sums = []
    for _ in range(random.randint(1, 2)):
        reductions = [name('s') for _ in range(random.randint(1, 2))]
        body.append(' '.join('double %s = 0;' % r for r in reductions))
        schedule = random.choice(['static', 'static, 2', 'dynamic, 1'])
        statements = []
        for r in reductions:
            cond = random.choice(['i % 3 == 0', '%s > %s' % (element(), element()), 'i < %d' % random.randint(2, M - 2)])
            statements.append('if (%s) %s += %s; else %s -= 0.5 * (%s);' % (cond, r, loop_expr(), r, loop_expr()))
        if random.random() < 0.4:
            statements.append('out[i] = %s;' % loop_expr())
        body.append('#pragma omp parallel for reduction(+ : %s) schedule(%s)\n  for (int i = 0; i < %d; i++) { %s }'
                    % (', '.join(reductions), schedule, M, ' '.join(statements)))
        sums += reductions
        after = random.random()
        if after < 0.2:
            body.append('for (int k = 0; k < %d; k++) tab[k] = 0.5 * tab[k] + %s;' % (N, random.choice(sums)))
        elif after < 0.3:
            body.append('for (int i = 0; i < %d; i++) out[i] *= %s;' % (M, random.choice(sums)))
    t = name('t')
    body.append('double %s = 0; for (int i = 0; i < %d; i++) %s += out[i] * tab[i %% %d];' % (t, M, t, N))
    vars_.extend(sums + [t])
    outs = random.sample(vars_, 3)
    return body, 'y[0] = %s + w[0]; y[1] = %s * w[1]; y[2] = %s + w[%d]; free(tab); free(out);' % (outs[0], outs[1], outs[2], N - 1), []

def stencil_body():
    # Sweeps over two local arrays of M cells (a and b, swapped after each step) or over one in
    # place; each sweep's cell reads its neighbours at random offsets.
    M = 10
    body = ['double ua[%d], ub[%d]; double *a = ua, *b = ub;' % (M, M),
            'for (int i = 0; i < %d; i++) { ua[i] = %s; ub[i] = 0.05 * i; }'
            % (M, random.choice(ops).replace('@A', '(x[i %% %d])' % N).replace('@B', '(0.1 * i)'))]
    for sweep in range(random.randint(1, 3)):
        offsets = sorted(random.sample([-2, -1, 0, 1, 2], random.randint(2, 4)))
        boundary = random.random() < 0.3
        lo, hi = (0, M) if boundary else (max(0, -offsets[0]), M - max(0, offsets[-1]))
        terms = []
        for c in offsets:
            cell = 'a[i + %d]' % c if c > 0 else ('a[i - %d]' % -c if c < 0 else 'a[i]')
            if boundary and c != 0:
                cell = '(i + %d >= 0 && i + %d < %d ? %s : 0.0)' % (c, c, M, cell)
            coefficient = random.choice(['0.25', '-0.5', '0.125', 'w[%d]' % random.randrange(N), '0.2 * x[%d]' % random.randrange(N)])
            terms.append('%s * %s' % (coefficient, cell))
        extra = random.choice(['', ' + 0.05 * a[i] * a[i]', ' - 0.02 * a[i] * a[i] * a[i]', ' + 0.1 * sin(a[i])',
                               ' + 0.1 * %s' % terms[0].split(' * ', 1)[1] + ' * a[i]'])
        in_place = random.random() < 0.25
        target = 'a' if in_place else 'b'
        loop = random.choice(['for (int i = %d; i < %d; i++)' % (lo, hi), 'for (int i = %d; i >= %d; i--)' % (hi - 1, lo)])
        swap = '' if in_place else ' double *t = a; a = b; b = t;'
        if not in_place:
            # Cells the sweep does not write keep the values of two steps before: copy them over.
            swap = ' for (int i = 0; i < %d; i++) b[i] = a[i];' % lo + ' for (int i = %d; i < %d; i++) b[i] = a[i];' % (hi, M) + swap
        steps = random.randint(1, 3)
        body.append('for (int s = 0; s < %d; s++) { %s %s[i] = %s%s;%s }'
                    % (steps, loop, target, ' + '.join(terms), extra, swap))
    body.append('double e0 = 0, e1 = 0; for (int i = 0; i < %d; i++) { e0 += a[i] * a[i] * (1 + 0.1 * i); e1 += b[i] * x[i %% %d]; }' % (M, N))
    return body, 'y[0] = e0 + w[0]; y[1] = e1 * w[1]; y[2] = %s + w[%d];' % (random.choice(vars_), N - 1), []

def aliasing_body():
    # Helpers h<k>(out, in, m, c): a loop nest whose inner loop reads an element it does not index.
    # Called in place, the products feed back into their inputs: the factors keep them from growing
    # past what finite differences can check.
    M = 6
    helpers = []
    shapes = [
        'for (int i = 0; i < m; i++) for (int j = @J; j < m; j++) out[j] += c * in[i] * @T(in[j]);',
        'for (int i = 0; i < @R; i++) for (int j = 0; j < m; j++) out[j] = out[j] * (0.5 + 0.2 * in[i]) + 0.1 * in[j];',
        'for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) out[i] += 0.1 * c * in[j] * tanh(in[(i + j) % m]);',
        'for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) if (in[j] > @K) out[j] += 0.3 * in[i] * @T(in[j]) * c;',
        'for (int i = 0; i < m; i++) for (int j = @J; j < m; j++) out[j] += 0.1 * in[0] * tanh(out[j]) + c * in[i];',
        'for (int j = 0; j < m; j++) { out[j] = @T(out[j]) + c * in[1] * in[0]; out[j] *= 0.9; }',
    ]
    for k in range(random.randint(1, 3)):
        loop = random.choice(shapes)
        loop = loop.replace('@J', random.choice(['0', 'i + 1', 'i'])).replace('@R', str(random.randint(1, 3)))
        loop = loop.replace('@K', random.choice(['0.3', '-0.2', '0.6']))
        loop = loop.replace('@T', random.choice(['', 'sin', 'tanh', '0.5 * cos']))
        helpers.append('void h%d(double *out, const double *in, int m, double c) { %s }' % (k, loop))
    body = ['double ua[%d], ub[%d];' % (M, M),
            'for (int i = 0; i < %d; i++) { ua[i] = %s; ub[i] = 0.1 * w[i %% %d] - 0.05 * i; }'
            % (M, random.choice(ops).replace('@A', '(x[i %% %d])' % N).replace('@B', '(0.1 * i)'), N)]
    calls = ['h@(ub, ua, %d, @C);' % M, 'h@(ua, ua, %d, @C);' % M, 'h@(ua + 1, ua, %d, @C);' % (M - 1),
             'h@(ua, ua + 2, %d, @C);' % (M - 2), 'h@(ub, ub, %d, @C);' % M, 'h@(ua, ub, %d, @C);' % M]
    for _ in range(random.randint(2, 5)):
        call = random.choice(calls).replace('@C', random.choice(['0.2', 'w[%d]' % random.randrange(N), '0.3 * x[%d]' % random.randrange(N)]))
        body.append(call.replace('h@', 'h%d' % random.randrange(len(helpers))))
    body.append('double e0 = 0, e1 = 0; for (int i = 0; i < %d; i++) { e0 += ua[i] * ua[i] * (1 + 0.1 * i); e1 += ub[i] * x[i %% %d]; }' % (M, N))
    return body, 'y[0] = e0 + w[0]; y[1] = e1 * w[1]; y[2] = %s + w[%d];' % (random.choice(vars_), N - 1), helpers

def triangular_body():
    # Rows of a column-oriented triangular update of an array of M cells (a local array or a heap
    # one): each row starts further along (j from i + s), updates its cells in place from the inputs
    # and the row's pivot, and may carry a packed index (idx) and a counter stepping down (k).
    M = 7
    heap = random.random() < 0.5
    body = ['double *v = malloc(sizeof(double) * %d);' % M if heap else 'double v[%d];' % M,
            'for (int j = 0; j < %d; j++) v[j] = %s;' % (M, random.choice(ops).replace('@A', '(x[j %% %d])' % N).replace('@B', '(0.1 * j)'))]
    for _ in range(random.randint(1, 3)):
        start = random.choice(['i + 1', 'i + 1', 'i + 2', 'i'])
        rows = random.choice([str(M), str(M - 1), 'n'])
        pivot = random.choice(['x[i %% %d]' % N, 'v[i]', '0.3 * v[i] + x[(i + 1) %% %d]' % N, 'w[i %% %d]' % N])
        coefficient = random.choice(['c[idx %% %d]' % (M * M), 'x[(i + j) %% %d]' % N, '0.1 * (j - i)',
                                     'c[k %% %d]' % (M * M), 'w[j %% %d]' % N])
        update = random.choice([
            'v[j] += %(c)s * p;', 'v[j] -= 0.25 * %(c)s * p;', 'v[j] = v[j] * (0.9 + 0.05 * %(c)s) + 0.1 * p;',
            'v[j] = 0.5 * v[j] + tanh(%(c)s * p);',
            # Shapes that must stay as written: a sum over the row, a read of the previous cell.
            'v[j] += %(c)s * p; acc += v[j];', 'v[j] += 0.2 * v[j - 1] * p;',
        ]) % dict(c=coefficient)
        if 'v[j - 1]' in update and start == 'i': start = 'i + 1'  # v[-1] does not exist
        solve = random.random() < 0.3
        head = 'v[i] = v[i] / (1.5 + 0.1 * i); ' if solve else ''
        body.append('{ int idx = 0, k = %d; double acc = 0; for (int i = 0; i < %s && i < %d; i++) { %sdouble p = %s;'
                    ' for (int j = %s; j < %d; j++) { %s idx++; k -= 2; } } v[0] += 0.01 * acc + 0.001 * idx + 0.0001 * k; }'
                    % (4 * M * M, rows, M, head, pivot, start, M, update))
    body.append('double e0 = 0, e1 = 0; for (int i = 0; i < %d; i++) { e0 += v[i] * v[i] * (1 + 0.1 * i); e1 += v[i] * x[i %% %d]; }' % (M, N))
    if heap: body.append('free(v);')
    # Without contraction, the build by clang alone rounds every product and sum as swad's does
    # (a multiply-add folded at compile time is rounded once, at run time twice).
    table = '#pragma STDC FP_CONTRACT OFF\n'
    table += 'static const double c[%d] = {%s};\n' % (M * M, ', '.join('%.3g' % random.uniform(-0.5, 0.5) for _ in range(M * M)))
    return body, 'y[0] = e0 + w[0]; y[1] = e1 * w[1]; y[2] = %s + w[%d];' % (random.choice(vars_), N - 1), table

def scratch_body():
    # Scratch arrays (local, variable-length or heap) filled from the inputs by one loop and read by
    # the loops after it, which swad-opt reads as the stored value computed again (ScratchArrayForwarding)
    # when nothing between the fill and the read changes what the value was computed from. Between
    # them, events that must stop it: the heap block the fill read freed, moved by realloc, written
    # or scaled in place by a helper, the local array w written. Fill bounds are all M at run time
    # (M, m = n + 3, n + 3, widened to long or not); read bounds are at most M (n, M, m), so that no
    # read is of an element the fill did not write.
    M = 8
    body = ['int m = n + 3;']
    heap_source = random.random() < 0.7
    if heap_source:
        body.append('double *src = malloc(sizeof(double) * %d); fill_source(src, x, %d);' % (M, M))
    values = ['x[k %% %d] * c[k]' % N, '0.5 * w[k %% %d] + 0.1 * k' % N, 'x[k %% %d] - w[(k + 1) %% %d]' % (N, N)]
    if heap_source:
        values += ['src[k] - x[k %% %d]' % N, 'src[k] * src[k] + c[k]', 'sin(src[k]) * x[k %% %d]' % N, '0.3 * src[k] + w[k %% %d]' % N]
    scratch, heap_scratch = [], []
    for index in range(random.randint(1, 2)):
        t = 't%d' % index
        form = random.random()
        if form < 0.4: body.append('double %s[%d];' % (t, M))
        elif form < 0.7: body.append('double %s[m];' % t)
        else: body.append('double *%s = malloc(sizeof(double) * %d);' % (t, M)); heap_scratch.append(t)
        fill = random.choice(['int @ = 0; @ < %d; @++' % M, 'int @ = 0; @ < m; @++', 'long @ = 0; @ < (long)m; @++',
                              'int @ = 0; @ < n + 3; @++'])
        body.append('for (%s) %s[k] = %s;' % (fill.replace('@', 'k'), t, random.choice(values)))
        scratch.append((t, fill))
    freed = False
    for _ in range(random.randint(0, 2)):
        event = random.random()
        if heap_source and not freed and event < 0.3: body.append('free(src);'); freed = True
        elif heap_source and not freed and event < 0.45: body.append('src = realloc(src, sizeof(double) * %d);' % (4 * M))
        elif heap_source and not freed and event < 0.6: body.append('src[%d] = 0.25 * x[1];' % random.randrange(M))
        elif heap_source and not freed and event < 0.75: body.append('scale_source(src, %d);' % M)
        else: body.append('w[%d] = 0.5 * x[%d] - w[%d];' % (random.randrange(N), random.randrange(N), random.randrange(N)))
    sums = []
    # Every array is read (one that nothing reads is deleted before AD), then maybe one again.
    for index, (t, fill) in enumerate(scratch + random.sample(scratch, random.randint(0, 1))):
        a = 'a%d' % index
        # Mostly over the fill's own bound (forwarded unless an event forbids it), else another.
        read = fill if random.random() < 0.6 else random.choice(
            ['int @ = 0; @ < m; @++', 'int @ = 0; @ < n; @++', 'int @ = 0; @ < %d; @++' % M,
             'long @ = 0; @ < (long)m; @++', 'int @ = 0; @ < n + 3; @++'])
        read = read.replace('@', 'j')
        term = random.choice(['%(t)s[j] * %(t)s[j]', '%(t)s[j] * x[j %% %(N)d]', 'tanh(%(t)s[j]) + 0.1 * j',
                              '%(t)s[j] * w[j %% %(N)d]', 'fabs(%(t)s[j]) * c[j]']) % dict(t=t, N=N)
        body.append('double %s = 0; for (%s) %s += %s;' % (a, read, a, term))
        sums.append(a)
    if heap_source and not freed: body.append('free(src);')
    body += ['free(%s);' % t for t in heap_scratch]
    scratch = [t for t, _ in scratch]
    while len(sums) < 3: sums.append(random.choice(sums))
    # Without contraction, the build by clang alone rounds as swad's build does (see --triangular).
    prelude = '#pragma STDC FP_CONTRACT OFF\n'
    prelude += 'static const double c[%d] = {%s};\n' % (M, ', '.join('%.3g' % random.uniform(-0.8, 0.8) for _ in range(M)))
    prelude += ('__attribute__((noinline)) static void fill_source(double *s, const double *x, int m) {\n'
                '  for (int k = 0; k < m; k++) s[k] = x[k %% %d] * (1 + 0.1 * k) + 0.05 * k * k;\n}\n'
                '__attribute__((noinline)) static void scale_source(double *s, int m) {\n'
                '  for (int k = 0; k < m; k++) s[k] *= 0.5;\n}\n' % N)
    return body, 'y[0] = %s + w[0]; y[1] = %s * w[1]; y[2] = %s + w[%d];' % (sums[0], sums[1], sums[2], N - 1), prelude

if args.stencil or args.openmp or args.nested or args.aliasing or args.triangular or args.scratch:
    # w starts at x, so that products by w carry derivatives from the first statement on (for
    # --nested: each row starts from w as the previous statements left it).
    w_init = ' '.join('w[%d] = 0.5 * x[%d] + 0.25;' % (i, i) for i in range(N))
    body, result, helpers = (stencil_body if args.stencil else openmp_body if args.openmp
                             else aliasing_body if args.aliasing else triangular_body if args.triangular
                             else scratch_body if args.scratch else nested_body)()
    body.insert(0, w_init)
    params = 'const double *x, double *y, int n'
    prelude = NESTED_HELPERS if args.nested else ''
    prelude += ''.join('__attribute__((noinline)) %s\n' % h for h in helpers) if args.aliasing else ''
    prelude += helpers if args.triangular or args.scratch else ''
    data = ''
    call = 'f(X, Y, n)'
    rev = 'x, dx[d], y, dy, enzyme_const, n'
    fwd = 'x, V[d], y, ty[d], enzyme_const, n'
elif args.pointers:
    body, result, helpers = pointer_body()
    params = 'const double *x, const double *c, const int *idx, double *y, int n'
    cdata = ', '.join('%.3g' % random.uniform(-1.5, 1.5) for _ in range(N))
    kdata = ', '.join('%.3g' % random.uniform(-1.5, 1.5) for _ in range(N))
    idata = ', '.join(str(random.randrange(N)) for _ in range(N))
    prelude = 'typedef struct { const double *a; const double *c; const int *ix; double *out; int n; } View;\ntypedef union { double d; uint64_t u; } Bits;\ntypedef struct { const double *p; } Box;\nstatic double pool[%d];\n' % (4 * N)
    prelude += ''.join('__attribute__((noinline)) %s\n' % h for h in helpers)
    body.insert(0, '%sdouble k[%d] = {%s};' % ('const ' if args.rodata else '', N, kdata))
    call = 'f(X, cdata, idata, Y, n)'
    rev = 'enzyme_dup, x, dx[d], enzyme_const, cdata, enzyme_const, idata, enzyme_dup, y, dy, enzyme_const, n'
    fwd = 'enzyme_dup, x, V[d], enzyme_const, cdata, enzyme_const, idata, enzyme_dup, y, ty[d], enzyme_const, n'
    qualifier = 'static const' if args.rodata else 'static'
    data = '%s double cdata[%d] = {%s};\n%s int idata[%d] = {%s};\n' % (qualifier, N, cdata, qualifier, N, idata)
else:
    body, result, helpers = plain_body()
    params = 'const double *x, double *y, int n'
    prelude = data = ''
    call = 'f(X, Y, n)'
    rev = 'x, dx[d], y, dy, enzyme_const, n'
    fwd = 'x, V[d], y, ty[d], enzyme_const, n'

src = r'''
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
extern void __enzyme_autodiff(void*, ...);
extern void __enzyme_fwddiff(void*, ...);
extern int enzyme_dup, enzyme_const;
%(prelude)s
__attribute__((noinline)) void f(%(params)s) {
  double w[%(N)d] = {0};
  %(body)s
  %(result)s
}
%(data)s
static const double U[2][3] = {{0.3, -0.7, 1.1}, {-0.9, 0.4, 0.25}};
static int n = 5;
// uᵀ f(x + t v)
static double along(const double *x, const double *u, const double *v, double t) {
  double X[%(N)d], Y[3];
  for (int i = 0; i < %(N)d; i++) X[i] = x[i] + t * v[i];
  %(call)s;
  return u[0]*Y[0] + u[1]*Y[1] + u[2]*Y[2];
}
int main(void) {
  double x[%(N)d], V[2][%(N)d];
  for (int i = 0; i < %(N)d; i++) { x[i] = 0.2 + 0.37 * i - 0.5 * (i %% 2); V[0][i] = 0.5 - 0.21 * i; V[1][i] = 0.1 + 0.3 * (i %% 3) - 0.15 * i; }
  // f's outputs, exactly: a build by clang alone (-DPRIMAL_ONLY) must print the same.
  { double X[%(N)d], Y[3]; for (int i = 0; i < %(N)d; i++) X[i] = x[i]; %(call)s; printf("primal %%a %%a %%a\n", Y[0], Y[1], Y[2]); }
#ifdef PRIMAL_ONLY
  return 0;
#else
  // Both gradients before both tangents: each derivative call starts from clean shadow globals.
  double dx[2][%(N)d] = {{0}}, ty[2][3] = {{0}};
  for (int d = 0; d < 2; d++) {
    double y[3], dy[3] = {U[d][0], U[d][1], U[d][2]};
    __enzyme_autodiff((void*)f, %(rev)s);
  }
  for (int d = 0; d < 2; d++) {
    double y[3];
    __enzyme_fwddiff((void*)f, %(fwd)s);
  }
  int kinks = 0, wrong = 0;
  for (int d = 0; d < 2; d++) {
    double lhs = U[d][0]*ty[d][0] + U[d][1]*ty[d][1] + U[d][2]*ty[d][2], rhs = 0;
    for (int i = 0; i < %(N)d; i++) rhs += dx[d][i] * V[d][i];
    double h = 1e-6, f0 = along(x, U[d], V[d], 0), fp = along(x, U[d], V[d], h), fm = along(x, U[d], V[d], -h);
    double fd = (fp - fm) / (2*h), right = (fp - f0) / h, left = (f0 - fm) / h;
    double scale = fabs(lhs) + fabs(rhs) + 1, tol = 1e-4 * scale;
    int modes = fabs(lhs - rhs) <= 1e-9 * scale;
    const char *verdict = "ok";
    // A program whose value overflows here (in-place updates that grow without bound) has no
    // derivative to check.
    if (!isfinite(f0) || !isfinite(fp) || !isfinite(fm)) verdict = "skipped (the function is not finite here)";
    else if (!modes) { verdict = "WRONG (modes disagree)"; wrong++; }
    else if (fabs(lhs - fd) <= tol) verdict = "ok";
    else if (fabs(right - left) > tol && (fabs(lhs - right) <= tol || fabs(lhs - left) <= tol)) { verdict = "kink"; kinks++; }
    else {
      // A function that swings fast (a loop updating an array in place) needs a smaller step than
      // 1e-6 before central differences converge: ok when they agree at both 1e-7 and 1e-8.
      int converged = 1;
      for (double step = 1e-7; step >= 1e-8; step /= 10) {
        double a = along(x, U[d], V[d], step), b = along(x, U[d], V[d], -step);
        if (!(fabs(lhs - (a - b) / (2*step)) <= tol)) converged = 0;
      }
      if (converged) verdict = "ok (steps 1e-7, 1e-8)";
      else { verdict = "WRONG"; wrong++; }
    }
    printf("check %%d: %%s fwd %%.12g rev %%.12g fd %%.12g right %%.12g left %%.12g\n", d, verdict, lhs, rhs, fd, right, left);
  }
  printf("kinks=%%d wrong=%%d\n", kinks, wrong);
  return wrong != 0;
#endif
}
''' % dict(N=N, prelude=prelude, params=params, body='\n  '.join(body), result=result, data=data, call=call, rev=rev, fwd=fwd)
print(src)
