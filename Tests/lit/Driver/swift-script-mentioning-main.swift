// A Swift script (top-level code) whose comment mentions the @main attribute is still a script:
// it must not be compiled with -parse-as-library, which rejects top-level code.
// Known bug: the driver looks for the text "@main" anywhere in the file, comments included, and
// passes -parse-as-library; swiftc then fails with "expressions are not allowed at the top level".
// RUN: %swad %s -o %t
// RUN: %t | FileCheck %s
// CHECK: d/dx x^2 at 3 = 6.0
@_silgen_name("__enzyme_autodiff_square")
func derivative(_ f: @convention(c) (Double) -> Double, _ x: Double) -> Double

print("d/dx x^2 at 3 = \(derivative({ $0 * $0 }, 3))")
