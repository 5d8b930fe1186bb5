// A function with a registered gradient that clang inlined before swad-opt ran: the rule cannot be
// applied, and swad-opt warns, naming the function and the fix.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc 2>&1 | FileCheck %s --check-prefix=INLINED
// Unoptimized input, or the function kept out of line: the rule is used and nothing is said.
// RUN: %clang-ad -Xclang -disable-llvm-passes %s -o %t.raw.bc
// RUN: %swad-opt %t.raw.bc -o %t.raw.opt.bc 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// RUN: %clang-ad -DKEEP=noinline %s -o %t.noinline.bc
// RUN: %swad-opt %t.noinline.bc -o %t.noinline.opt.bc 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// Without debug info nothing tells an inlined function from an unused registration: still a warning.
// RUN: %clang -O2 -emit-llvm -c %s -o %t.nodebug.bc
// RUN: %swad-opt %t.nodebug.bc -o %t.nodebug.opt.bc 2>&1 | FileCheck %s --check-prefix=NODEBUG
#ifndef KEEP
#define KEEP used
#endif

__attribute__((KEEP)) double square(double x) { return x * x; }
double augmented_square(double x) { return x * x; }
double reverse_square(double x, double dret) { return 2 * x * dret; }
void *__enzyme_register_gradient_square[3] = {(void *)square, (void *)augmented_square, (void *)reverse_square};

double f(double x) { return square(x) + x; }

extern double __enzyme_autodiff(void *, ...);
double df(double x) { return __enzyme_autodiff((void *)f, x); }

// INLINED: swad-opt: warning: the gradient registered for 'square' (__enzyme_register_gradient_square)
// INLINED-SAME: is not used: the differentiated code does not call 'square', it was inlined before swad ran
// INLINED-SAME: Compile with '-Xclang -disable-llvm-passes' (let swad-opt optimize), or mark 'square' __attribute__((noinline))
// QUIET-NOT: swad-opt:
// NODEBUG: swad-opt: warning: the gradient registered for 'square' {{.*}}; it may have been inlined before swad ran
