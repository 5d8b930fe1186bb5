// The Swift half of c-main-calls-swift.c: functions exported to C with @_cdecl, differentiated from
// C. A library file without top-level code; compiled with -parse-as-library so that it does not
// define a second main.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The talk's f(x, y) = x*y + sin(x)*y.
@_cdecl("swift_talk")
public func swiftTalk(_ x: Double, _ y: Double) -> Double { x * y + sin(x) * y }

/// Σ w_i · exp(-x_i²) over a buffer of n Doubles, w constant.
@_cdecl("swift_gaussian_sum")
public func swiftGaussianSum(_ x: UnsafePointer<Double>, _ w: UnsafePointer<Double>, _ n: Int) -> Double {
  var s = 0.0
  for i in 0..<n { s += w[i] * exp(-x[i] * x[i]) }
  return s
}

/// y[i] = x[i] * y[i] + log(1 + x[i]²), in place through an UnsafeMutablePointer.
@_cdecl("swift_update")
public func swiftUpdate(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int) {
  for i in 0..<n { y[i] = x[i] * y[i] + log(1 + x[i] * x[i]) }
}
