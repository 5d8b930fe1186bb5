// RUN: %swiftc-ad %s %S/../Inputs/Check.swift -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang -c %t.opt.bc -o %t.o
// RUN: %swiftc %t.o -o %t
// RUN: %t
// Forward mode from Swift: the talk's f(x, y) = x*y + sin(x)*y through an @_silgen_name declaration
// of __enzyme_fwddiff. Doubles are duplicated by default, so each is followed by its tangent.

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

@_silgen_name("__enzyme_fwddiff_f")
func fwd(_ f: @convention(c) (Double, Double) -> Double, _ x: Double, _ dx: Double, _ y: Double, _ dy: Double) -> Double

@_silgen_name("__enzyme_fwddiff_g")
func fwd1(_ f: @convention(c) (Double) -> Double, _ x: Double, _ dx: Double) -> Double

func f(_ x: Double, _ y: Double) -> Double { x * y + sin(x) * y }

func g(_ x: Double) -> Double { exp(x) * cos(x) + x * x * x }

@main
struct SwiftScalars {
  static func main() {
    for (x, y) in [(0.0, 0.0), (1.0, 2.0), (-0.7, 3.25), (2.5, -1.5)] {
      check("df/dx at (\(x), \(y))", fwd({ f($0, $1) }, x, 1, y, 0), y + cos(x) * y)
      check("df/dy at (\(x), \(y))", fwd({ f($0, $1) }, x, 0, y, 1), x + sin(x))
      check("dg/dx at \(x)", fwd1({ g($0) }, x, 1), exp(x) * (cos(x) - sin(x)) + 3 * x * x)
    }
    finish()
  }
}
