// The talk's example in Swift, differentiated by swad: f(x, y) = x*y + sin(x)*y.
//
//   df/dx = y + cos(x)*y        df/dy = x + sin(x)
//
// Swift reaches Enzyme's entry points through @_silgen_name declarations: the function to
// differentiate is passed as a @convention(c) closure, then its arguments. Doubles default to active:
// reverse mode (__enzyme_autodiff) returns their adjoints, a tuple when there are several; forward
// mode (__enzyme_fwddiff) takes a tangent after each and returns the directional derivative.
//
// Build and run (from the repository root):
//   swad ir-samples/demo.swift -o demo-swift && ./demo-swift
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@_silgen_name("__enzyme_fwddiff_f")
func tangent(_ f: @convention(c) (Double, Double) -> Double, _ x: Double, _ dx: Double, _ y: Double,
             _ dy: Double) -> Double

@_silgen_name("__enzyme_autodiff_f")
func gradient(_ f: @convention(c) (Double, Double) -> Double, _ x: Double, _ y: Double) -> (Double, Double)

func f(_ x: Double, _ y: Double) -> Double { x * y + sin(x) * y }

var failures = 0

/// Prints one derivative next to its hand-derived value and counts disagreements.
func report(_ what: String, _ ad: Double, _ expected: Double) {
  let ok = abs(ad - expected) <= 1e-12 * max(1, abs(expected))
  let pad = String(repeating: " ", count: max(0, 28 - what.count))
  print("  \(what)\(pad) swad \(ad)   by hand \(expected)   \(ok ? "ok" : "MISMATCH")")
  if !ok { failures += 1 }
}

let (x, y) = (2.0, 3.0)
print("f(x, y) = x*y + sin(x)*y at x = \(x), y = \(y): f = \(f(x, y))")

print("forward mode (__enzyme_fwddiff):")
report("df/dx, tangent (1, 0)", tangent({ f($0, $1) }, x, 1, y, 0), y + cos(x) * y)
report("df/dy, tangent (0, 1)", tangent({ f($0, $1) }, x, 0, y, 1), x + sin(x))

print("reverse mode (__enzyme_autodiff):")
let (dx, dy) = gradient({ f($0, $1) }, x, y)
report("df/dx, adjoint", dx, y + cos(x) * y)
report("df/dy, adjoint", dy, x + sin(x))

print(failures == 0 ? "all derivatives agree" : "\(failures) derivative(s) disagree")
exit(failures == 0 ? 0 : 1)
