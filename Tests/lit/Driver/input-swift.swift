// A Swift input with top-level code (a script, no main attribute): compiled by swiftc as one module, linked with swiftc
// (the Swift runtime is needed). The Enzyme entry points are reached through @_silgen_name
// declarations taking @convention(c) closures.
// RUN: %swad %s -o %t
// RUN: %t | FileCheck %s
// CHECK: reverse (1.751559490358572{{[0-9]*}}, 2.909297426825682{{[0-9]*}})
// CHECK: forward 1.751559490358572{{[0-9]*}}
// CHECK: ok
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@_silgen_name("__enzyme_autodiff_xy")
func gradient(_ f: @convention(c) (Double, Double) -> Double, _ x: Double, _ y: Double) -> (Double, Double)

@_silgen_name("__enzyme_fwddiff_xy")
func tangent(_ f: @convention(c) (Double, Double) -> Double, _ x: Double, _ dx: Double, _ y: Double,
             _ dy: Double) -> Double

func f(_ x: Double, _ y: Double) -> Double { x * y + sin(x) * y }

let (x, y) = (2.0, 3.0)
let g = gradient({ f($0, $1) }, x, y)
let t = tangent({ f($0, $1) }, x, 1, y, 0)
print("reverse \(g)")
print("forward \(t)")
let want = (y + cos(x) * y, x + sin(x))
let close = { (a: Double, b: Double) in abs(a - b) <= 1e-12 * abs(b) }
guard close(g.0, want.0), close(g.1, want.1), close(t, want.0) else { print("FAIL"); exit(1) }
print("ok")
