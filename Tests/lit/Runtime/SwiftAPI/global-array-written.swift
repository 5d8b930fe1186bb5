// RUN: %swad-api -g %s -o %t
// RUN: %t ok | FileCheck %s --check-prefix=OK
// RUN: not %t reverse 2>&1 | FileCheck %s
// RUN: not %t forward 2>&1 | FileCheck %s
// RUN: %swad-api -O0 -g %s -o %t.O0
// RUN: %t.O0 ok | FileCheck %s --check-prefix=OK
// RUN: not %t.O0 reverse 2>&1 | FileCheck %s
// RUN: not %t.O0 forward 2>&1 | FileCheck %s
// A Swift global array written by the differentiated function and read back: globals get no shadow
// in Swift (their storage is the runtime's to initialize), so the new row's derivative was lost
// where it was stored, and the gradient through the row read back was silently 0. Now the read
// stops the program with an error naming the store (Support/UnshadowedMemory.swift). A global
// only written (a history the function keeps and never reads) is no error, and the gradient is
// right; its array's storage, grown by the derivative, has no shadow of its own, and its growth
// must not release it a second time (a shadow that is its primal counts nothing: 200 gradients in
// a row crashed when it did).
// CHECK: swad: error: a derivative would be wrong: {{.*}}a load of a 'ptr' in function '{{.*}}cached(x: Swift.Array<Swift.Double>) -> Swift.Double {{.*}} reads memory that has no shadow, where {{.*}}global-array-written.swift:[[@LINE+10]]:{{[0-9]+}}: a store of an address with a shadow in function '{{.*}}cached
// OK: history 200, gradient right
import SwadAutodiff

var cache: [[Double]] = [[1, 2], [3, 4]]
var history: [Double] = []

@autodiffReverse(name: "d_cached", .duplicated, .active)
@autodiffForward(name: "fwd_cached", .dual, .dual)
func cached(x: [Double]) -> Double {
  cache[0] = [x[0], 1]
  return cache[0][0] * x[1] + cache[1][1]
}

@autodiffReverse(name: "d_logged", .duplicated, .active)
func logged(x: [Double]) -> Double {
  let value = x[0] * x[1]
  history.append(value)
  return value * x[0]
}

@main
struct Main {
  static func main() {
    let x = [1.5, -2.0]
    switch CommandLine.arguments.dropFirst().first ?? "ok" {
    case "reverse":
      var dx = [0.0, 0.0]
      _ = d_cached(x: x, dx: &dx, seed: 1)
      print("no error: \(dx)")
    case "forward":
      print("no error: \(fwd_cached(x: x, dx: [1, 0]).1)")
    default:
      var dx = [0.0, 0.0]
      for _ in 0..<200 {
        dx = [0.0, 0.0]
        _ = d_logged(x: x, dx: &dx, seed: 1)
      }
      let right = dx == [2 * x[0] * x[1], x[0] * x[0]]
      print("history \(history.count), gradient \(right ? "right" : "wrong: \(dx)")")
    }
  }
}
