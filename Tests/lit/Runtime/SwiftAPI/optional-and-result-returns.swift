// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Functions that are not inlined returning `Double?`, `Result<Double, E>` and an enum with `Double`
// payloads, and one taking a `Double?`. Swift returns them as `{ i64, i8 }`, the payload's bits and
// the case, which the caller bitcasts to `double` when it unwraps them: the derivative was lost on
// the way, and AD refused the function ("a floating-point value (double) is reinterpreted as an
// integer ... reaches the return"). The call now returns the payload as a `double`
// (Support/FloatsReturnedAsIntegers.swift). Both modes against the hand derivative and central
// differences, at points that take every case.
import Glibc
import SwadAutodiff

enum DomainError: Error { case negative }
enum Reading { case value(Double), missing, scaled(Double, Double) }

@inline(never)
func safeLog(_ x: Double) -> Double? { x > 0 ? log(x) : nil }

@inline(never)
func largest(_ xs: [Double]) -> Double? { xs.max() }

@inline(never)
func checkedSqrt(_ x: Double) -> Result<Double, DomainError> {
  x >= 0 ? .success(sqrt(x)) : .failure(.negative)
}

@inline(never)
func read(_ x: Double, _ k: Int) -> Reading {
  switch k % 3 {
  case 0: return .value(x * x)
  case 1: return .scaled(x, 3)
  default: return .missing
  }
}

@inline(never)
func orZero(_ x: Double?) -> Double { (x ?? 0) * 2 }

func model(_ x: Double, _ y: Double) -> Double {
  var s = (safeLog(x * y) ?? 0) * (largest([x, y, x * y]) ?? 0) + (safeLog(-x) ?? 1) * y
  if case .success(let r) = checkedSqrt(x * y) { s += r }
  if case .success(let r) = checkedSqrt(-x) { s += r * 100 }
  for k in 0..<3 {
    switch read(x + y, k) {
    case .value(let v): s += v
    case .scaled(let v, let c): s += v * c
    case .missing: s += 1
    }
  }
  return s + orZero(y > 0 ? x : nil)
}

@autodiffForward(name: "fwd_f", .dual, .dual, .dual)
@autodiffReverse(name: "rev_f", .active, .active, .active)
func f(x: Double, y: Double) -> Double { model(x, y) }

@main
struct Main {
  static func main() {
    // x, y > 0: log(xy) max(x, y, xy) + y + sqrt(xy) + (x+y)² + 3(x+y) + 1 + 2x.
    // x, y < 0 (xy > 0): log(xy) max(x, y, xy) + log(-x) y + sqrt(xy) + 100 sqrt(-x) + ... + 0.
    for (x, y) in [(1.5, 2.5), (0.6, 0.8), (-0.7, -1.3)] {
      let r = rev_f(x: x, y: y, seed: 1)
      check("value at \(x), \(y)", r.0, model(x, y))
      let dx = centralDifference({ model($0, y) }, at: x)
      let dy = centralDifference({ model(x, $0) }, at: y)
      check("reverse d/dx at \(x), \(y)", r.1, dx, tolerance: 1e-7)
      check("reverse d/dy at \(x), \(y)", r.2, dy, tolerance: 1e-7)
      check("forward d/dx at \(x), \(y)", fwd_f(x: x, dx: 1, y: y, dy: 0).1, r.1)
      check("forward d/dy at \(x), \(y)", fwd_f(x: x, dx: 0, y: y, dy: 1).1, r.2)
    }
    // The first point by hand: max is xy = 3.75.
    let (x, y) = (1.5, 2.5)
    let handX = y * log(x * y) + y + 0.5 * y / sqrt(x * y) + 2 * (x + y) + 3 + 2
    check("reverse d/dx by hand", rev_f(x: x, y: y, seed: 1).1, handX)
    finish()
  }
}
