// A benchmark as a library for its JAX peer (scripts/bench --peers). The same source, compiled with
// -fPIC and linked with -shared after swad-opt, is loaded by benchmarks/jax/bench.py (ctypes), which
// times swad's primal, swad's gradient and JAX's gradient in turn, in one process. The comparison
// then does not depend on when each tool ran: on a virtual machine sharing its cores, the speed of
// the same binary changes for seconds at a time (GMM d=10's primal took 1.2 ms in one run and 2.2 ms
// in the next), and two programs run one after the other can meet different speeds.
//
// A benchmark with a peer defines, beside its main:
//
//   int swad_peer_setup(int argc, char **argv)
//       makes the data from the arguments main takes (argv[0] is the program's name), exactly as main
//       does, so that JAX (which reads the data main wrote, SWAD_BENCH_DUMP) works on the same
//       numbers; non-zero when the arguments are wrong.
//   double swad_peer_time(int gradient)
//       seconds of one evaluation of the primal (0) or of the gradient (1), timed inside as main
//       times them: the call through ctypes is not part of it.
#ifndef SWAD_BENCHMARK_PEER_H
#define SWAD_BENCHMARK_PEER_H

#define SWAD_PEER __attribute__((visibility("default"), used))

SWAD_PEER int swad_peer_setup(int argc, char **argv);
SWAD_PEER double swad_peer_time(int gradient);

#endif
