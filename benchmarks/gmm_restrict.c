// The GMM benchmark with `restrict` parameters (C99), as numeric C code often declares them: the
// objective promises its inputs do not overlap its output, so the reverse sweep may load inputs
// again rather than save every value it read.
#define RESTRICT __restrict
#include "gmm.c"
