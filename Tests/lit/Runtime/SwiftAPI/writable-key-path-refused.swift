// RUN: rm -f %t
// RUN: not %swad-api %s -o %t 2>&1 | FileCheck %s
// RUN: not test -e %t
// RUN: rm -f %t.O0
// RUN: not %swad-api -O0 %s -o %t.O0 2>&1 | FileCheck %s
// RUN: not test -e %t.O0
// A property changed through a writable key path in a generic helper (`xs[i][keyPath: path] *= s`)
// is left to the Swift runtime (`swift_modifyAtWritableKeyPath`), which swad cannot see into. The
// error named the runtime function and sent the user to register a derivative for it; it now says
// what to write instead, as for key paths that read (programs-as-written.swift).
// CHECK: swad: error: in function '{{.*}}scaled{{.*}}': cannot differentiate a call of 'swift_modifyAtWritableKeyPath': a writable key path (`v[keyPath: path] *= s`, `v[keyPath: path] = x`) changes a property that swad cannot see; pass a closure that takes the value `inout` instead (`{ $0.y *= s }`)
import SwadAutodiff

struct Point { var x: Double; var y: Double }

func scaleAll<T>(_ xs: inout [T], _ path: WritableKeyPath<T, Double>, _ s: Double) {
  for i in xs.indices { xs[i][keyPath: path] *= s }
}

@autodiffReverse(name: "d_scaled", .duplicated, .active)
func scaled(p: [Double]) -> Double {
  var points = [Point(x: p[0], y: p[1])]
  scaleAll(&points, \.y, p[0])
  return points[0].y
}

@main
struct Main {
  static func main() {
    var g = [0.0, 0.0]
    _ = d_scaled(p: [0.7, -1.1], dp: &g, seed: 1)
    print(g)
  }
}
