// A C input: compiled by clang to bitcode, differentiated, linked with clang (-lm) and run.
// RUN: %swad %s -o %t
// RUN: %t | FileCheck %s
// CHECK: ok forward df/dx: 1.75155949035857
// CHECK: ok forward df/dy: 2.90929742682568
// CHECK: ok reverse df/dx: 1.75155949035857
// CHECK: ok reverse df/dy: 2.90929742682568
#include "Inputs/talk.c"
