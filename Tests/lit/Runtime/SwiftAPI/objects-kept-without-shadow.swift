// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// An array with a derivative kept where nothing holds a shadow: a global, a field of a class
// instance the function does not differentiate. The primal's reference moves into that memory; the
// shadow's, taken by the same mirrored retain or allocation, went nowhere, and every gradient and
// every forward derivative leaked the shadow array (8 KB a call for 1,000 doubles). Its release is
// now registered for when the derivative is done (Reverse/Gradient+ReferenceCounts.swift,
// Forward/Forward+ReferenceCounts.swift). Each case: the derivative against central differences
// and the other mode, the kept array as the primal left it, and the resident memory over 20 000
// calls of each mode.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#endif

final class Log { var last: [Double] = [] }
let log = Log()
nonisolated(unsafe) var kept: [Double] = []

/// The squares plus one, kept in a global, then their sum of squares.
@autodiffReverse(name: "d_keptInGlobal", .duplicated, .active)
@autodiffForward(name: "fwd_keptInGlobal", .dual, .dual)
func keptInGlobal(x: [Double]) -> Double {
  let y = x.map { $0 * $0 + 1 }
  kept = y
  var s = 0.0
  for v in y { s += v * v }
  return s
}

/// The same, logged in a class instance's field.
@autodiffReverse(name: "d_logged", .duplicated, .active)
@autodiffForward(name: "fwd_logged", .dual, .dual)
func logged(x: [Double]) -> Double {
  let y = x.map { $0 * $0 + 1 }
  log.last = y
  var s = 0.0
  for v in y { s += v * v }
  return s
}

/// Kept, then replaced by a second array in the same call; the argument itself kept too.
@autodiffReverse(name: "d_replacedTwice", .duplicated, .active)
@autodiffForward(name: "fwd_replacedTwice", .dual, .dual)
func replacedTwice(x: [Double]) -> Double {
  let y = x.map { $0 * $0 + 1 }
  kept = y
  kept = y.map { 2 * $0 }
  log.last = x
  var s = 0.0
  for (i, v) in y.enumerated() { s += v * x[i] }
  return s
}

typealias Gradient = ([Double], inout [Double]) -> Void
typealias Tangent = ([Double], [Double]) -> Double

/// Checks one function's derivatives at a few points, then that 20 000 calls of each mode leave
/// the resident memory within 2 MiB (a leaked 1,000-double shadow per call would be 160 MB).
func checkKept(
  _ what: String, _ f: @escaping ([Double]) -> Double, gradient: Gradient, tangent: Tangent,
  keeps: ([Double]) -> [Double], expectedKept: ([Double]) -> [Double]
) {
  for scale in [0.5, -1.25] {
    let x = (0..<5).map { scale * (Double($0) - 1.5) }
    var dx = [Double](repeating: 0, count: x.count)
    gradient(x, &dx)
    check("\(what) keeps the primal's array", keeps(x), expectedKept(x))
    checkGradient("\(what) at scale \(scale)", dx, of: f, at: x, forward: { tangent(x, $0) })
  }
  let x = (0..<1000).map { 0.001 * Double($0) }
  let direction = [Double](repeating: 1, count: x.count)
  var dx = [Double](repeating: 0, count: x.count)
  let before = residentBytes()
  var sum = 0.0
  for _ in 0..<20_000 {
    gradient(x, &dx)
    sum += tangent(x, direction)
  }
  let grown = residentBytes() - before
  check("\(what): resident memory growth over 20 000 calls of each mode below 2 MiB", grown < 2 << 20 ? 1.0 : 0.0, 1.0)
  print("\(what): resident memory grew by \(grown) bytes (\(sum > 0))")
}

@main
struct Main {
  static func main() {
    let squares = { (x: [Double]) in x.map { $0 * $0 + 1 } }
    checkKept(
      "global", { keptInGlobal(x: $0) }, gradient: { _ = d_keptInGlobal(x: $0, dx: &$1, seed: 1) },
      tangent: { fwd_keptInGlobal(x: $0, dx: $1).1 },
      keeps: { _ in kept }, expectedKept: squares)
    checkKept(
      "class field", { logged(x: $0) }, gradient: { _ = d_logged(x: $0, dx: &$1, seed: 1) },
      tangent: { fwd_logged(x: $0, dx: $1).1 },
      keeps: { _ in log.last }, expectedKept: squares)
    checkKept(
      "replaced", { replacedTwice(x: $0) }, gradient: { _ = d_replacedTwice(x: $0, dx: &$1, seed: 1) },
      tangent: { fwd_replacedTwice(x: $0, dx: $1).1 },
      keeps: { _ in kept + log.last }, expectedKept: { x in squares(x).map { 2 * $0 } + x })
    finish()
  }
}
