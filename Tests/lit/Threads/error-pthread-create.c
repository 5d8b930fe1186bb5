// RUN: %clang-ad %s -o %t.bc
// RUN: not %swad-opt %t.bc -o %t.opt.bc 2>&1 | FileCheck %s
// RUN: %clang-ad-O0 %s -o %t.O0.bc
// RUN: not %swad-opt %t.O0.bc -o %t.O0.opt.bc 2>&1 | FileCheck %s
// A thread started inside the differentiated function is an error naming the call and its line,
// whatever the activity of its argument (here none: the thread writes a global the derivative
// could not see). Reverse mode.
#include <pthread.h>

static double shared;
static void *work(void *p) {
  shared = shared * 2;
  return p;
}

double f(double x) {
  pthread_t thread;
  shared = x;
  pthread_create(&thread, 0, work, 0);
  pthread_join(thread, 0);
  return shared * x;
}

double __enzyme_autodiff(void *, double);
double gradient(double x) { return __enzyme_autodiff((void *)f, x); }

// CHECK: error-pthread-create.c:19:{{[0-9]+}}: in function 'f': cannot differentiate a call of 'pthread_create': swad does not differentiate threads started or joined inside the differentiated function (pthread_create, pthread_join, thrd_create, thrd_join, std::thread)
