"""JAX beside swad (scripts/bench --peers): times jax.jit(jax.grad(f)) and jax.jit(f) in float64 on
the data a C benchmark wrote (SWAD_BENCH_DUMP, benchmarks/dump.h), and compares JAX's gradient with
swad's.

    python bench.py PROBLEM DUMP [max repetitions = 21] [time budget per measurement in s = 20]
                    [--swad LIBRARY [ARGUMENT...]]

PROBLEM is sine_fit, gmm, lstm, mlp, eigen_mlp or jacobian (a module here whose `problem(data)` gives
the objective, its arguments and how to flatten their derivative; `derivative`, if it has one, is
what is taken of the objective instead of jax.grad: jax.jacrev for the Jacobian). The first call of
each compiled function (tracing and XLA's compile) is excluded; each time is the median of up to that
many calls, fewer (at least three) once the budget is spent. Threads are the caller's business (scripts/bench pins the process to one core
and sets XLA_FLAGS for one thread).

With --swad, LIBRARY is the C benchmark that wrote DUMP built as a shared library (swad_peer.py,
benchmarks/peer.h), set up with the ARGUMENTs its program took: swad's primal, swad's gradient and
JAX's gradient are then timed in turn, in this process, and the line

    SWADRESULT primal-ms gradient-ms jax-gradient-ms repetitions primal-faults gradient-faults jax-faults

gives their medians, JAX's gradient also being JAXRESULT's, and the medians of the page faults
(minor faults of this process) each call took: a call whose memory glibc gave back to the system
at the end of the call before maps it anew, a page fault per 4 KiB. Prints what it measured, then one line

    JAXRESULT problem gradient-ms primal-ms max-rel-difference repetitions

before which, for a problem module with a `kernels(data)` function (label -> (function, arguments)),
one line per kernel: JAXKERNEL label milliseconds.
"""

import importlib
import os
import resource
import statistics
import sys
import time

os.environ.setdefault("JAX_PLATFORMS", "cpu")
import jax  # noqa: E402
import numpy as np  # noqa: E402

jax.config.update("jax_enable_x64", True)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dump import read_dump  # noqa: E402
from swad_peer import SwadBenchmark  # noqa: E402


def measure(function, arguments, reps, budget):
    jax.block_until_ready(function(*arguments))  # compile and warm up, untimed
    samples, spent = [], 0.0
    while len(samples) < reps and (len(samples) < 3 or spent < budget):
        start = time.perf_counter()
        jax.block_until_ready(function(*arguments))
        samples.append(time.perf_counter() - start)
        spent += samples[-1]
    return statistics.median(samples) * 1e3, len(samples)


def minor_faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def measure_in_turn(swad, function, arguments, reps, budget):
    """The medians (ms) of swad's primal, swad's gradient and `function` (JAX's gradient), called in
    turn, so that a machine whose speed changes slows all three alike; up to `reps` turns, fewer (at
    least three) once one of them has spent `budget` seconds. Then the medians of the page faults
    each of the three took a call."""
    jax.block_until_ready(function(*arguments))  # compile and warm up, untimed
    swad.primal(), swad.gradient()  # the library's first calls (page faults, lazy binding), untimed
    primals, gradients, theirs = [], [], []
    faults = ([], [], [])
    while len(theirs) < reps and (len(theirs) < 3 or max(sum(primals), sum(gradients), sum(theirs)) < budget):
        before = minor_faults()
        primals.append(swad.primal())
        between = minor_faults()
        gradients.append(swad.gradient())
        after = minor_faults()
        start = time.perf_counter()
        jax.block_until_ready(function(*arguments))
        theirs.append(time.perf_counter() - start)
        for counts, count in zip(faults, (between - before, after - between, minor_faults() - after)):
            counts.append(count)
    return (statistics.median(primals) * 1e3, statistics.median(gradients) * 1e3, statistics.median(theirs) * 1e3,
            len(theirs), [statistics.median(counts) for counts in faults])


def main():
    arguments, library = sys.argv[1:], None
    if "--swad" in arguments:
        at = arguments.index("--swad")
        if at + 1 >= len(arguments):
            sys.exit("jax: --swad needs a library")
        library, library_arguments, arguments = arguments[at + 1], arguments[at + 2:], arguments[:at]
    if len(arguments) < 2:
        sys.exit(__doc__)
    name, path = arguments[0], arguments[1]
    reps = int(arguments[2]) if len(arguments) > 2 else 21
    budget = float(arguments[3]) if len(arguments) > 3 else 20.0
    swad = None
    if library is not None:
        try:
            swad = SwadBenchmark(library, library_arguments)
        except (OSError, ValueError) as error:
            sys.exit(f"jax {name}: {error}")
    data = read_dump(path)
    module = importlib.import_module(name)
    objective, params, flatten = module.problem(data)
    argnums = tuple(range(len(params)))
    value = jax.jit(objective)
    taken = getattr(module, "derivative", jax.grad)
    gradient = jax.jit(taken(objective, argnums=argnums))
    what = f"jit({taken.__name__}(f))"

    loss = float(np.ravel(value(*params))[0])  # the Jacobian's objective: its first output
    ours = np.asarray(flatten(gradient(*params)))
    swads = data["gradient"]
    if ours.shape != swads.shape:
        sys.exit(f"jax {name}: {ours.shape[0]} gradient components, swad has {swads.shape[0]}")
    # Relative to each component, or to 1e-6 of the largest for the tiny ones.
    floor = 1e-6 * np.max(np.abs(swads))
    difference = float(np.max(np.abs(ours - swads) / np.maximum(np.maximum(np.abs(ours), np.abs(swads)), floor)))
    if not np.isfinite(difference):
        difference = float("inf")

    if swad is None:
        tg, ng = measure(gradient, params, reps, budget)
    else:
        swad_primal, swad_gradient, tg, ng, faults = measure_in_turn(swad, gradient, params, reps, budget)
    tp, _ = measure(value, params, reps, budget)
    print(f"jax {name}: jax {jax.__version__}, {ours.shape[0]} parameters, loss {loss:.12g} (swad's program: "
          f"{float(data['loss'][0]):.12g})")
    print(f"  {what} {tg:.3f} ms, jit(f) {tp:.3f} ms (medians of {ng}), "
          f"gradient max rel. difference from swad's {difference:.2e}")
    # Kernels the C benchmark also times (its KERNEL lines), for the notes under scripts/bench's table.
    for label, (function, arguments) in (module.kernels(data) if hasattr(module, "kernels") else {}).items():
        tk, _ = measure(jax.jit(function), arguments, reps, budget)
        print(f"JAXKERNEL {label} {tk:.4f}")
    if swad is not None:
        print(f"  in turn with swad's gradient in this process ({library}): swad's primal {swad_primal:.3f} ms, "
              f"swad's gradient {swad_gradient:.3f} ms, {what} {tg:.3f} ms (medians of {ng}); page faults a call "
              f"(medians): {faults[0]:.0f}, {faults[1]:.0f}, {faults[2]:.0f}")
        print(f"SWADRESULT {swad_primal:.4f} {swad_gradient:.4f} {tg:.4f} {ng} {faults[0]:.0f} {faults[1]:.0f} "
              f"{faults[2]:.0f}")
    print(f"JAXRESULT {name} {tg:.4f} {tp:.4f} {difference:.3e} {ng}")


if __name__ == "__main__":
    main()
