// RUN: %swad-api %s -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: d/dm = {{\[}}[0.0, 1.0, 0.0], [1.0, 0.0]] second 2
// The largest element of each row (`max()`, which calls its `<` through a closure pointer) in a
// program that also splits a string (`split(separator:)`, whose test closure throws: its last
// parameter is the error slot, `swifterror`, where `<` takes its context). Both closures have the
// same IR type; swad's promotion of the closure call took the throwing one for a candidate and the
// module failed verification (an internal error). Candidates must take their arguments as the call
// passes them.
import SwadAutodiff

@autodiffReverse(name: "d_fit", .duplicated, .active)
func fit(m: [[Double]]) -> Double {
  var t = 0.0
  for row in m { t += row.max()! }
  return t
}

func second(_ line: String) -> Int { Int(line.split(separator: " ")[1]) ?? 0 }

let m: [[Double]] = [[0.3, 0.8, -0.5], [1.1, -0.4]]
var dm = m.map { [Double](repeating: 0, count: $0.count) }
_ = d_fit(m: m, dm: &dm, seed: 1)
print("d/dm =", dm, "second", second("1 2 3"))
