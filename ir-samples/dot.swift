// The talk's dot product in Swift, differentiated by swad: f(a, b) = Σ a_i b_i, whose gradient with
// respect to a is b and with respect to b is a.
//
// The vectors reach the function as UnsafePointer<Double>. In the @_silgen_name declarations each
// pointer is followed by its shadow (pointers default to duplicated, Int to constant): in reverse
// mode (__enzyme_autodiff) the shadows are UnsafeMutablePointers into which the gradient is ADDED,
// both gradients from one call; in forward mode (__enzyme_fwddiff) they are the tangents, and
// seeding a's with the unit vector e_i gives ∂f/∂a_i, so the full gradient takes 2n calls.
//
// Build and run (from the repository root):
//   swad ir-samples/dot.swift -o dot-swift && ./dot-swift
import Foundation

typealias Dot = @convention(c) (UnsafePointer<Double>, UnsafePointer<Double>, Int) -> Double

@_silgen_name("__enzyme_autodiff_dot")
func gradientOfDot(_ f: Dot, _ a: UnsafePointer<Double>, _ da: UnsafeMutablePointer<Double>,
                   _ b: UnsafePointer<Double>, _ db: UnsafeMutablePointer<Double>, _ n: Int)

@_silgen_name("__enzyme_fwddiff_dot")
func tangentOfDot(_ f: Dot, _ a: UnsafePointer<Double>, _ ta: UnsafePointer<Double>,
                  _ b: UnsafePointer<Double>, _ tb: UnsafePointer<Double>, _ n: Int) -> Double

func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
  var s = 0.0
  for i in 0..<n { s += a[i] * b[i] }
  return s
}

var failures = 0

func show(_ name: String, _ v: [Double], _ want: [Double]) {
  print("  " + name.padding(toLength: 26, withPad: " ", startingAt: 0) + v.map { String(format: " %+8.4f", $0) }.joined())
  for (got, expected) in zip(v, want) where abs(got - expected) > 1e-15 * max(1, abs(expected)) { failures += 1 }
}

let n = 5
let a: [Double] = [1.0, -2.0, 0.5, 3.0, 0.25]
let b: [Double] = [0.3, 1.5, -1.0, 2.0, -4.0]
print("a = \(a), b = \(b), a . b = \(dot(a, b, n))")

// Reverse mode: one call, both gradients (the shadows start at zero).
var da = [Double](repeating: 0, count: n)
var db = [Double](repeating: 0, count: n)
gradientOfDot({ dot($0, $1, $2) }, a, &da, b, &db, n)

// Forward mode: one call per unit direction, e_i on a (b's tangent zero), then e_i on b.
let zero = [Double](repeating: 0, count: n)
var fa = [Double](repeating: 0, count: n)
var fb = [Double](repeating: 0, count: n)
for i in 0..<n {
  var e = zero
  e[i] = 1
  fa[i] = tangentOfDot({ dot($0, $1, $2) }, a, e, b, zero, n)
  fb[i] = tangentOfDot({ dot($0, $1, $2) }, a, zero, b, e, n)
}

print("gradient with respect to a (should be b):")
show("reverse mode, 1 call", da, b)
show("forward mode, \(n) calls", fa, b)
print("gradient with respect to b (should be a):")
show("reverse mode (same call)", db, a)
show("forward mode, \(n) calls", fb, a)

print(failures == 0 ? "all components agree" : "\(failures) component(s) wrong")
exit(failures == 0 ? 0 : 1)
