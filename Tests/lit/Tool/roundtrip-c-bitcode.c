// C compiled to bitcode the way the swad driver compiles it, through swad-opt as bitcode, and back to
// text with llvm-dis; then that bitcode through swad-opt once more, to bitcode again.
// RUN: %clang-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.out.bc
// RUN: %llvm-dis %t.out.bc -o - | FileCheck %s
// RUN: %swad-opt %t.out.bc -o %t.again.bc
// RUN: %llvm-dis %t.again.bc -o - | FileCheck %s

// CHECK-LABEL: define {{.*}}double @norm2(
// CHECK-SAME:    double {{.*}}[[X:%.*]], double {{.*}}[[Y:%.*]])
// CHECK:         fmul double [[Y]], [[Y]]
// CHECK:         ret double
double norm2(double x, double y) { return x * x + y * y; }

// CHECK-LABEL: define {{.*}}double @sum(
// CHECK-SAME:    ptr {{.*}}[[A:%.*]], i32 {{.*}}[[N:%.*]])
// CHECK:         phi double
// CHECK:         load double, ptr
// CHECK:         fadd double
double sum(const double *a, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += a[i];
  return s;
}
