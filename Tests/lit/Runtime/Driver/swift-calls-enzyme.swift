// Swift asks for derivatives of Swift functions itself, through @_silgen_name declarations of
// __enzyme_autodiff* and __enzyme_fwddiff* taking @convention(c) closures: Doubles default to
// active (reverse mode returns their adjoints, a tuple when there are several; forward mode takes a
// tangent after each), UnsafePointer arguments are followed by their shadows, Int is constant.
// Built by swad alone, the only input a Swift file with @main. Checked against hand-derived
// derivatives, and forward mode against reverse mode (uᵀ(J v) = (uᵀ J) v).
// RUN: %swad %s %S/../Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// CHECK: {{[0-9]+}} checks passed
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Reverse mode: the adjoints of the Double arguments, in order.
@_silgen_name("__enzyme_autodiff_talk")
func gradient(_ f: @convention(c) (Double, Double) -> Double, _ x: Double, _ y: Double) -> (Double, Double)
@_silgen_name("__enzyme_autodiff_three")
func gradient3(_ f: @convention(c) (Double, Double, Double) -> Double, _ x: Double, _ y: Double, _ z: Double)
  -> (Double, Double, Double)
@_silgen_name("__enzyme_autodiff_one")
func derivative(_ f: @convention(c) (Double) -> Double, _ x: Double) -> Double
// Reverse mode through pointers: each UnsafePointer is followed by its shadow, into which the
// gradient is added.
@_silgen_name("__enzyme_autodiff_energy")
func gradientOfEnergy(
  _ f: @convention(c) (UnsafePointer<Double>, Int) -> Double,
  _ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>, _ n: Int)

// Forward mode: each Double is followed by its tangent; the result is the directional derivative.
@_silgen_name("__enzyme_fwddiff_talk")
func tangent(_ f: @convention(c) (Double, Double) -> Double, _ x: Double, _ dx: Double, _ y: Double,
             _ dy: Double) -> Double
@_silgen_name("__enzyme_fwddiff_energy")
func tangentOfEnergy(
  _ f: @convention(c) (UnsafePointer<Double>, Int) -> Double,
  _ x: UnsafePointer<Double>, _ v: UnsafePointer<Double>, _ n: Int) -> Double

func talk(_ x: Double, _ y: Double) -> Double { x * y + sin(x) * y }
func three(_ x: Double, _ y: Double, _ z: Double) -> Double { sqrt(x * x + y * y) * cos(z) }
func one(_ x: Double) -> Double { x > 0 ? pow(x, 2.5) : -x * x }

/// The energy of a chain of springs at positions x_0 < … < x_{n-1}: Σ (x_{i+1} - x_i - 1)² / 2
/// plus a cosine potential Σ cos(x_i).
func energy(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  var e = 0.0
  for i in 0..<n { e += cos(x[i]) }
  for i in 0..<(n - 1) {
    let stretch = x[i + 1] - x[i] - 1
    e += 0.5 * stretch * stretch
  }
  return e
}

@main struct Main {
  static func main() {
    for (x, y) in [(2.0, 3.0), (0.0, 0.0), (-0.7, 3.25), (12.0, -0.125)] {
      let (dx, dy) = gradient({ talk($0, $1) }, x, y)
      check("df/dx(\(x), \(y))", dx, y + cos(x) * y)
      check("df/dy(\(x), \(y))", dy, x + sin(x))
      check("forward df/dx(\(x), \(y))", tangent({ talk($0, $1) }, x, 1, y, 0), y + cos(x) * y)
      check("forward df/dy(\(x), \(y))", tangent({ talk($0, $1) }, x, 0, y, 1), x + sin(x))
    }
    for (x, y, z) in [(3.0, 4.0, 0.5), (-1.0, 2.0, -2.0)] {
      let (dx, dy, dz) = gradient3({ three($0, $1, $2) }, x, y, z)
      let r = sqrt(x * x + y * y)
      check("d3/dx", dx, x / r * cos(z))
      check("d3/dy", dy, y / r * cos(z))
      check("d3/dz", dz, -r * sin(z))
    }
    // A branch: the derivative of the side taken.
    for x in [-1.5, -0.25, 0.5, 4.0] {
      check("d1(\(x))", derivative({ one($0) }, x), x > 0 ? 2.5 * pow(x, 1.5) : -2 * x)
    }

    // Pointers: the gradient of the energy, added into a shadow holding 1 on entry.
    let n = 12
    let x = (0..<n).map { 1.1 * Double($0) + 0.2 * sin(Double($0)) }
    var dx = [Double](repeating: 1, count: n)
    x.withUnsafeBufferPointer { xp in
      dx.withUnsafeMutableBufferPointer { dxp in
        gradientOfEnergy({ energy($0, $1) }, xp.baseAddress!, dxp.baseAddress!, n)
      }
    }
    var want = x.map { -sin($0) }
    for i in 0..<(n - 1) {
      let stretch = x[i + 1] - x[i] - 1
      want[i] -= stretch
      want[i + 1] += stretch
    }
    for i in 0..<n { check("dE/dx[\(i)]", dx[i] - 1, want[i], 1e-11) }

    // Forward mode along a direction v equals the gradient dotted with v.
    let v = (0..<n).map { Double($0 % 3) - 1 }
    let jv = x.withUnsafeBufferPointer { xp in
      v.withUnsafeBufferPointer { vp in tangentOfEnergy({ energy($0, $1) }, xp.baseAddress!, vp.baseAddress!, n) }
    }
    let gv = zip(want, v).map(*).reduce(0, +)
    let scale = zip(want, v).map { abs($0 * $1) }.reduce(0, +)
    checkScaled("forward energy", jv, gv, scale: scale)

    finish()
  }
}
