# Builds and runs the random programs of random_program.py for a range of seeds and counts the
# outcomes: programs built, swad errors (swad or swad-opt rejecting the program), kinks (checks where
# the derivative matches a one-sided difference but not the central one), wrong derivatives, and
# crashes (of swad, swad-opt or the program, or a program that hangs). Used by scripts/fuzz and by the
# lit test Tests/lit/Tool/fuzz-sample.test.
#
#   python3 run_fuzz.py [FIRST [LAST] | --seeds 1-8,1008] --swad-opt BIN --clang BIN [--swad BIN]
#       [input...] [program...] [-j N] [--keep DIR] [-v]
#   input:   --opt (the default: what the swad driver does, by hand: clang -O2 with LLVM's passes off,
#            then swad-opt's pre-AD simplification, AD and -O2, then clang to link), --driver (the
#            swad driver itself on the C file), --O0 (clang -O0 -g, then swad-opt, then clang), --raw
#            (clang -O2 with LLVM's passes off, then swad-opt with no pre-AD passes and -O0); several
#            run each seed once per input.
#   program: --plain (the default), --pointers (pointer-heavy), --rodata (pointer-heavy with the
#            constant arrays in read-only memory), --int-doubles (pointer-heavy with doubles passed
#            through integers), --nested (loops inside loops whose bounds the outer loop computes or
#            loads), --openmp (a parallel loop reading the caller's data, run on two threads),
#            --stencil (stencil sweeps over local arrays, swapped or in place), --aliasing (loop nests
#            in helpers over pointers that may alias), --triangular (in-place triangular updates, which
#            swad-opt runs backwards; f's outputs must equal, to the bit, those of a build by clang
#            alone), --scratch (scratch arrays filled by one loop and read by the next ones, with frees,
#            reallocs and writes between; outputs compared as --triangular's); several run each seed
#            once per program kind.
# Exits non-zero on a wrong derivative, a crash, or a swad error.
import argparse, concurrent.futures, os, re, shutil, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument('first', type=int, nargs='?', default=1)
parser.add_argument('last', type=int, nargs='?', default=None)
parser.add_argument('--swad', help='the swad driver, for --driver')
parser.add_argument('--swad-opt', required=True)
parser.add_argument('--clang', required=True)
for flag in ['opt', 'driver', 'O0', 'raw']:
    parser.add_argument('--' + flag, dest='inputs', action='append_const', const=flag)
for flag in ['plain', 'pointers', 'rodata', 'int-doubles', 'nested', 'openmp', 'stencil', 'aliasing', 'triangular',
             'scratch']:
    parser.add_argument('--' + flag, dest='programs', action='append_const', const=flag)
parser.add_argument('--seeds', help='seeds to run instead of FIRST..LAST, as in 1-8,1008')
parser.add_argument('-j', type=int, default=os.cpu_count() or 1)
parser.add_argument('--keep', help='copy the program of each failing run into this directory')
parser.add_argument('--timeout', type=float, default=30)
parser.add_argument('-v', action='store_true', help='print every run, not only the failing ones')
args = parser.parse_args()
last = args.last if args.last is not None else args.first + 99
inputs = args.inputs or ['opt']
programs = args.programs or ['plain']
work = tempfile.mkdtemp(prefix='swad-fuzz.')

def is_crash(rc, err):
    return rc < 0 or rc >= 128 or any(s in err for s in ('Fatal error', 'Stack dump', 'PLEASE submit', 'Assertion'))

def run(cmd, timeout=None):
    for attempt in range(30):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout or args.timeout)
            return p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired:
            return -999, '', 'timed out after %gs' % (timeout or args.timeout)
        except OSError as error:  # a binary being rebuilt (text file busy) or missing for a moment
            message = str(error)
            time.sleep(2)
    return 127, '', message

def first_line(text):
    lines = [l for l in text.splitlines() if l.strip()]
    for l in lines:
        if 'error' in l.lower() or 'fatal' in l.lower(): return l.strip()[:200]
    return lines[0].strip()[:200] if lines else ''

def one(seed, inp, prog):
    """Returns (outcome, kinks, wrong checks, message, source path); outcome is one of ok, kink,
    swad-error, generator-error, wrong, crash (of a build step) and run-crash (of the program)."""
    d = os.path.join(work, '%s-%s-%d' % (prog, inp, seed))
    os.makedirs(d)
    src = os.path.join(d, 'p.c'); exe = os.path.join(d, 'p')
    flags = {'plain': [], 'pointers': ['--pointers'], 'rodata': ['--pointers', '--rodata'],
             'int-doubles': ['--pointers', '--int-doubles'], 'nested': ['--nested'], 'openmp': ['--openmp'],
             'stencil': ['--stencil'], 'aliasing': ['--aliasing'], 'triangular': ['--triangular'],
             'scratch': ['--scratch']}[prog]
    openmp = ['-fopenmp'] if prog == 'openmp' else []
    rc, out, err = run([sys.executable, os.path.join(here, 'random_program.py'), str(seed)] + flags)
    if rc != 0: return 'generator-error', 0, 0, first_line(err), None
    open(src, 'w').write(out)
    bc, ad = os.path.join(d, 'p.bc'), os.path.join(d, 'p.ad.bc')
    if inp == 'driver':
        steps = [('swad', [args.swad] + openmp + [src, '-o', exe])]
    else:
        front = ['-O0', '-g'] if inp == 'O0' else ['-O2', '-Xclang', '-disable-llvm-passes']
        back = ['--pre-passes', '', '-O0'] if inp == 'raw' else []
        steps = [('clang', [args.clang] + front + openmp + ['-emit-llvm', '-c', src, '-o', bc]),
                 ('swad-opt', [args.swad_opt, bc, '-o', ad] + back),
                 ('link', [args.clang] + openmp + [ad, '-o', exe, '-lm'])]
    for name, cmd in steps:
        rc, out, err = run(cmd, timeout=max(args.timeout, 120))
        if rc == 0: continue
        if name == 'clang': return 'generator-error', 0, 0, 'clang: ' + first_line(err), src
        if is_crash(rc, err): return 'crash', 0, 0, '%s crashed (%s): %s' % (name, rc, first_line(err)), src
        if name == 'link': return 'crash', 0, 0, 'link failed: ' + first_line(err), src
        if name == 'swad' and re.search(r'\.c:\d+:\d+: error', err):
            return 'generator-error', 0, 0, first_line(err), src
        return 'swad-error', 0, 0, '%s: %s' % (name, first_line(err)), src
    # Parallel regions run on two threads (the gradient's reverse regions on as many).
    rc, out, err = run(['env', 'OMP_NUM_THREADS=2', exe] if openmp else [exe])
    m = re.search(r'^kinks=(\d+) wrong=(\d+)$', out, re.M)
    if rc == -999: return 'run-crash', 0, 0, 'program hangs', src
    if rc < 0 or rc >= 128 or not m: return 'run-crash', 0, 0, 'program exits with %d: %s' % (rc, first_line(err + out)), src
    kinks, wrong = int(m.group(1)), int(m.group(2))
    details = '; '.join(l for l in out.splitlines() if 'WRONG' in l or 'kink' in l)
    if prog in ('triangular', 'scratch'):
        # The loops swad-opt reversed, the loads it read as the values stored, must compute what
        # they did as written.
        plain = os.path.join(d, 'p.primal')
        rc, _, err = run([args.clang, '-O2', '-DPRIMAL_ONLY', src, '-o', plain, '-lm'])
        if rc != 0: return 'generator-error', 0, 0, 'clang: ' + first_line(err), src
        rc, expected, err = run([plain])
        got = next((l for l in out.splitlines() if l.startswith('primal ')), None)
        if got != expected.strip():
            return 'wrong', kinks, 1, 'outputs %s, clang alone %s' % (got, expected.strip()), src
    if wrong: return 'wrong', kinks, wrong, details, src
    return ('kink' if kinks else 'ok'), kinks, 0, details, src

seeds = list(range(args.first, last + 1))
if args.seeds:
    seeds = []
    for part in args.seeds.split(','):
        a, _, b = part.partition('-')
        seeds += range(int(a), int(b or a) + 1)
jobs = [(s, i, p) for p in programs for i in inputs for s in seeds]
counts = {k: 0 for k in ['ok', 'kink', 'swad-error', 'generator-error', 'wrong', 'crash']}
kink_checks = wrong_checks = built = 0
per_variant = {}
try:
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
        futures = {pool.submit(one, *job): job for job in jobs}
        for fut in concurrent.futures.as_completed(futures):
            seed, inp, prog = futures[fut]
            outcome, kinks, wrong, message, src = fut.result()
            if outcome != 'run-crash' and outcome in ('ok', 'kink', 'wrong'): built += 1
            if outcome == 'run-crash': outcome = 'crash'; built += 1
            counts[outcome] += 1
            kink_checks += kinks; wrong_checks += wrong
            per_variant.setdefault((prog, inp), {k: 0 for k in counts})[outcome] += 1
            label = 'seed %d (%s, %s)' % (seed, prog, inp)
            if outcome in ('wrong', 'crash', 'generator-error') or outcome == 'swad-error' or args.v:
                print('%s: %s: %s' % (label, outcome, message), flush=True)
            if args.keep and src and outcome in ('wrong', 'crash', 'swad-error', 'generator-error'):
                os.makedirs(args.keep, exist_ok=True)
                shutil.copy(src, os.path.join(args.keep, '%s-%s-%d.c' % (prog, inp, seed)))
finally:
    shutil.rmtree(work, ignore_errors=True)

if len(per_variant) > 1:
    for (prog, inp), c in sorted(per_variant.items()):
        print('  %-11s %-3s: %s' % (prog, inp, ', '.join('%s %d' % (k, v) for k, v in c.items() if v)))
print('%d programs, %d built: %d ok, %d with kinks (%d kink checks), %d swad errors, %d wrong derivatives (%d checks), %d crashes, %d generator errors'
      % (len(jobs), built, counts['ok'], counts['kink'], kink_checks, counts['swad-error'], counts['wrong'], wrong_checks, counts['crash'], counts['generator-error']))
unexpected_errors = sum(c['swad-error'] for c in per_variant.values())
sys.exit(1 if counts['wrong'] or counts['crash'] or counts['generator-error'] or unexpected_errors else 0)
