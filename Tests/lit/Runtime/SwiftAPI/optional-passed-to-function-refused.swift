// RUN: not %swad-api %s -o %t 2>&1 | FileCheck %s
// RUN: not %swad-api -O0 %s -o %t.O0 2>&1 | FileCheck %s
// An array's element passed as a `Double?` to a function that is not inlined, which stores it into
// an array of optionals: Swift passes the optional as its payload word (an `i64`) and a tag, and the
// element was loaded as that integer. The gradient of the element was silently 0 (its tangent its
// own value). swad refuses it, naming the call, until it carries derivatives through such words.
// CHECK: error: {{.*}}floating-point memory is loaded as an integer here, and the integer reaches a call of {{.*}}putD
import SwadAutodiff

@inline(never) func putD(_ a: inout [Double?], _ v: Double?) { a[0] = v }

@autodiffReverse(name: "d_h", .duplicated, .active)
func h(p: [Double]) -> Double {
  var b = [Double?](repeating: nil, count: 1)
  putD(&b, p[0])
  return (b[0] ?? 1) * p[1]
}

@main struct Main {
  static func main() {
    var d = [0.0, 0.0]
    _ = d_h(p: [3, 4], dp: &d, seed: 1)
    print(d)
  }
}
