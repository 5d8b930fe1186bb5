// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// A lazy map and filter over an array, walked backwards (`reversed()` of the lazy collection):
// Swift copies the array kept in the lazy collection through `Array<Double>`'s value witness table
// (an outlined copy calling `initializeWithCopy` in the runtime library). Derivative code stopped
// there when it ran, the call's target being outside the module. Such witness calls of `Array`,
// `ContiguousArray`, `Dictionary` and `Set` are now the load, retain and store they are
// (Support/SwiftValueWitnessCalls.swift). Both modes, against central differences.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#endif

func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map(*).reduce(0, +) }

@autodiffReverse(name: "d_backwards", .duplicated, .active)
@autodiffForward(name: "fwd_backwards", .dual, .dual)
func backwards(p: [Double]) -> Double {
  let squares = p.lazy.map { $0 * $0 }.filter { $0 > 0.1 }
  return dot(Array(squares), Array(squares.reversed()))
}

@autodiffReverse(name: "d_windows", .duplicated, .active)
@autodiffForward(name: "fwd_windows", .dual, .dual)
func windows(p: [Double]) -> Double {
  let scaled = p.lazy.map { sin($0) * 2 }
  var total = 0.0
  for (k, v) in scaled.reversed().enumerated() { total += v * Double(k + 1) }
  return total + scaled.filter { $0 < 1 }.reversed().reduce(0, +)
}

@main
struct Main {
  static func main() {
    // Elements on both sides of the filter's cut.
    for p in [[0.8, -1.3, 0.4, 0.9, 1.1, -0.2], [0.1, 0.7, -0.6, 0.05, 2.0, -1.5]] {
      checkBoth(
        "backwards", p, reverse: { _ = d_backwards(p: p, dp: &$0, seed: 1) },
        forward: { fwd_backwards(p: p, dp: $0).1 }
      ) { backwards(p: $0) }
      checkBoth(
        "windows", p, reverse: { _ = d_windows(p: p, dp: &$0, seed: 1) },
        forward: { fwd_windows(p: p, dp: $0).1 }
      ) { windows(p: $0) }
    }
    finish()
  }
}
