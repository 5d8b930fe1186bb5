// REQUIRES: valgrind
// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: valgrind -q --error-exitcode=1 --leak-check=no %t | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: valgrind -q --error-exitcode=1 --leak-check=no %t.O0 | FileCheck %s
// CHECK: 2 checks passed
// A local std::string built from a literal on the heap and grown by `+=` in reverse mode: the
// library's `_M_append`, run again on the shadow string, replaces and frees the shadow's buffer.
// The reverse of the literal's copy into the first buffer cleared that buffer's shadow after it was
// freed (valgrind: invalid writes). Text from a constant holds no adjoint: nothing is cleared, and
// the local string's shadow is not checked for lost adjoints (it is never zeroed).
#include <string>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_out;
double __enzyme_autodiff(void *, ...);
}

// x² · the key's length (30).
__attribute__((noinline)) double keyed(double x) {
  std::string key("key_number_long_enough_");
  key += "to_heap";
  return x * x * key.size();
}

int main() {
  check_rel("d/dx", __enzyme_autodiff((void *)keyed, enzyme_out, 3.0), 2 * 3.0 * 30, 1e-15);
  check_rel("d/dx at another point", __enzyme_autodiff((void *)keyed, enzyme_out, -0.5), 2 * -0.5 * 30, 1e-15);
  return finish();
}
