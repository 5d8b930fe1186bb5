// libraries.test's Swift program: as libraries-main.c, with expected_derivative declared through
// @_silgen_name (a C function without a bridging header).
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@_silgen_name("expected_derivative")
func expectedDerivative(_ x: Double) -> Double

@_silgen_name("__enzyme_autodiff_f")
func derivative(_ f: @convention(c) (Double) -> Double, _ x: Double) -> Double

let x = 0.75
let d = derivative({ exp(sin($0)) }, x)
print("swad \(d), library \(expectedDerivative(x))")
exit(abs(d - expectedDerivative(x)) <= 1e-12 ? 0 : 1)
