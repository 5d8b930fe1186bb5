// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Typed throws (`throws(MathError)`) and `Result.get()`: the runtime's debugger hook for a typed
// error (`swift_willThrowTypedImpl`) touches no values, but was refused as a call without a body
// or a rule; it is inactive now, as `swift_willThrow` is (Rules/SwiftRuntime.swift). The throws
// are not taken here. Both modes against central differences. (A typed error with a `Double`
// payload, returned beside the result by a function not inlined, is still refused: its payload
// travels as an integer.)
import Foundation
import SwadAutodiff

enum MathError: Error { case negative(Int), tooBig }

func step(_ x: Double) throws(MathError) -> Double {
  if x.isNaN { throw .tooBig }
  if x < -10 { throw .negative(Int(x)) }
  return x * x - 0.3
}

@autodiffReverse(name: "d_typed", .duplicated, .active)
@autodiffForward(name: "fwd_typed", .dual, .dual)
func typed(p: [Double]) -> Double {
  do { return try step(p[0]) * p[1] + sin(p[2]) } catch { return -1 }
}

@autodiffReverse(name: "d_result", .duplicated, .active)
@autodiffForward(name: "fwd_result", .dual, .dual)
func result(p: [Double]) -> Double {
  let r: Result<Double, MathError> = p[0] > 100 ? .failure(.tooBig) : .success(p[0] * p[1])
  do { return try r.get() * p[2] } catch { return 0 }
}

@main
struct Main {
  static func main() {
    let p = [0.7, -1.1, 0.4]
    checkBoth(
      "typed", p, reverse: { _ = d_typed(p: p, dp: &$0, seed: 1) }, forward: { fwd_typed(p: p, dp: $0).1 }
    ) { typed(p: $0) }
    checkBoth(
      "result", p, reverse: { _ = d_result(p: p, dp: &$0, seed: 1) }, forward: { fwd_result(p: p, dp: $0).1 }
    ) { result(p: $0) }
    finish()
  }
}
