// RUN: %swiftc-ad %s %S/../Inputs/Check.swift -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang -c %t.opt.bc -o %t.o
// RUN: %swiftc %t.o -o %t
// RUN: %t
// Swift reaches the reverse-mode entry point through @_silgen_name declarations: the talk's example
// f(x, y) = x*y + sin(x)*y, whose gradient (y + cos(x)*y, x + sin(x)) comes back as a tuple of two
// Doubles (a swiftcc call of __enzyme_autodiff_f whose first argument is a C function pointer).
// Also a function of three Doubles (a three-tuple) and one Double (a scalar).
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@_silgen_name("__enzyme_autodiff_f")
func gradient(_ f: @convention(c) (Double, Double) -> Double, _ x: Double, _ y: Double) -> (Double, Double)

@_silgen_name("__enzyme_autodiff_g3")
func gradient3(_ f: @convention(c) (Double, Double, Double) -> Double, _ x: Double, _ y: Double, _ z: Double)
  -> (Double, Double, Double)

@_silgen_name("__enzyme_autodiff_g1")
func derivative(_ f: @convention(c) (Double) -> Double, _ x: Double) -> Double

func talk(_ x: Double, _ y: Double) -> Double { x * y + sin(x) * y }
func three(_ x: Double, _ y: Double, _ z: Double) -> Double { exp(x * y) / z + z * z }
func one(_ x: Double) -> Double { log(1 + x * x) * x }

@main struct Main {
  static func main() {
    let points: [(Double, Double)] = [(0, 0), (1, 2), (-0.7, 3.25), (2.5, -1.5), (10, 0.125)]
    for (x, y) in points {
      let (dx, dy) = gradient({ x, y in talk(x, y) }, x, y)
      check("df/dx(\(x), \(y))", dx, y + cos(x) * y)
      check("df/dy(\(x), \(y))", dy, x + sin(x))
    }
    for (x, y, z) in [(0.5, 1.5, 2.0), (-1.0, 0.25, -3.0)] {
      let (dx, dy, dz) = gradient3({ x, y, z in three(x, y, z) }, x, y, z)
      check("d3/dx", dx, y * exp(x * y) / z)
      check("d3/dy", dy, x * exp(x * y) / z)
      check("d3/dz", dz, -exp(x * y) / (z * z) + 2 * z)
    }
    for x in [-2.0, 0.0, 0.5, 3.0] {
      check("d1(\(x))", derivative({ x in one(x) }, x), 2 * x * x / (1 + x * x) + log(1 + x * x))
    }
    finish()
  }
}
