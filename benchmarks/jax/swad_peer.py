"""swad's side of the comparison in one process (benchmarks/peer.h): a C benchmark built as a shared
library after swad-opt (scripts/bench --peers builds it with -fPIC -shared), loaded with ctypes, so
that bench.py can time swad's primal and gradient in turn with JAX's gradient.

    python swad_peer.py LIBRARY [ARGUMENT...]

alone (no JAX needed) sets the library's problem up with the arguments its program takes and prints
the medians of a few primal and gradient times, or exits non-zero when the library refuses them.
"""

import ctypes
import os
import statistics
import sys


class SwadBenchmark:
    """A benchmark library's problem, set up with the arguments its program's main takes."""

    def __init__(self, path, arguments):
        self.library = ctypes.CDLL(os.path.abspath(path))
        setup = self.library.swad_peer_setup
        setup.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
        setup.restype = ctypes.c_int
        self._time = self.library.swad_peer_time
        self._time.argtypes = [ctypes.c_int]
        self._time.restype = ctypes.c_double
        argv = [os.fsencode(path)] + [os.fsencode(argument) for argument in arguments]
        self._argv = (ctypes.c_char_p * (len(argv) + 1))(*argv, None)  # kept: the library may hold on to it
        status = setup(len(argv), self._argv)
        if status != 0:
            raise ValueError(f"{path}: swad_peer_setup refused {' '.join(arguments) or 'no arguments'} ({status})")

    def primal(self):
        """Seconds of one evaluation of the primal, timed inside the library."""
        return self._time(0)

    def gradient(self):
        """Seconds of one evaluation of swad's gradient, timed inside the library."""
        return self._time(1)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    try:
        benchmark = SwadBenchmark(sys.argv[1], sys.argv[2:])
    except (OSError, ValueError) as error:
        sys.exit(f"swad_peer: {error}")
    primals, gradients = [], []
    for _ in range(5):
        primals.append(benchmark.primal())
        gradients.append(benchmark.gradient())
    primal, gradient = statistics.median(primals) * 1e3, statistics.median(gradients) * 1e3
    print(f"swad_peer: primal {primal:.4f} ms, gradient {gradient:.4f} ms ({gradient / primal:.2f}x), medians of 5")


if __name__ == "__main__":
    main()
