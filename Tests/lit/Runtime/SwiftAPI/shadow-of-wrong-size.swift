// RUN: %swad-api %s -o %t
// RUN: not --crash %t 2>&1 | FileCheck %s
// RUN: %swad-api -O0 %s -o %t.O0
// RUN: not --crash %t.O0 2>&1 | FileCheck %s
// A shadow array with fewer elements than its primal stops the program with a message naming the
// derivative and the arrays; in an optimized build, `precondition` dropped the message, and the
// program ended on an illegal instruction with nothing said.
// CHECK: d_f: the shadow 'dp' needs as many elements as 'p'
import SwadAutodiff

@autodiffReverse(name: "d_f", .duplicated, .active)
func f(p: [Double]) -> Double { p[0] * p[1] }

@main
struct Main {
  static func main() {
    var d = [0.0]
    print(d_f(p: [1.5, 2.0], dp: &d, seed: 1), d)
  }
}
