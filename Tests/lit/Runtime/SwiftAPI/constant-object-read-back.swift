// RUN: %swad-api -g %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
// RUN: %swad-api -O0 -g %s -o %t.O0
// RUN: not %t.O0 2>&1 | FileCheck %s
// A value with a derivative kept in a constant object (a class instance: no shadow) and read back:
// the sum of two such reads is not itself varied, so the read did not count as feeding the
// derivative and was not checked, and the gradient lost that term silently ([0, 1] instead of
// [3, 4]). Reads feed the derivative through arithmetic that is not varied too now
// (Support/UnshadowedMemory.swift, feedsDerivative): the unshadowed-memory error names the read
// and the store.
// CHECK: swad: error: a derivative would be wrong: {{.*}}constant-object-read-back.swift:[[@LINE+12]]:{{[0-9]+}}: a load of a {{.*}} reads memory that has no shadow, where {{.*}}constant-object-read-back.swift:[[@LINE+11]]:{{[0-9]+}}: a store
import SwadAutodiff

final class Cache {
  var last: [Double] = []
  var lastScalar = 0.0
}

@autodiffReverse(name: "d_f", .duplicated, .const, .active)
func f(x: [Double], cache: Cache) -> Double {
  cache.lastScalar = x[0] * x[0]
  cache.last = x.map { 3 * $0 }
  return cache.lastScalar + cache.last[1] + x[1]
}

@main
struct Main {
  static func main() {
    var dx = [0.0, 0.0]
    print(d_f(x: [1.5, 2.0], dx: &dx, cache: Cache(), seed: 1), dx)
  }
}
