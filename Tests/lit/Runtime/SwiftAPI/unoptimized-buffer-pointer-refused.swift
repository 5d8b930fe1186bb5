// RUN: %swad-api %s -o %t
// RUN: %t | FileCheck %s
// RUN: rm -f %t.Onone
// RUN: not %swad-api -Xswiftc -Onone %s -o %t.Onone 2>&1 | FileCheck %s --check-prefix=ONONE
// RUN: not test -e %t.Onone
// CHECK: reverse [6.0, -2.0] forward 2.0
// A function of an UnsafeBufferPointer, differentiated from optimized code (right) and from
// unoptimized code (-Onone), where the derivative's closure rebuilds the buffer by calling the
// library's `UnsafeBufferPointer.init(start:count:)`: a function without a body in the module,
// taking the address as an integer and returning it as one. The shadow cannot come back through
// it; the gradient was silently 0 in both modes. Now an error naming the call, which says to build
// with -O.
// ONONE: swad: error: in function '{{.*}}': an address with a derivative goes through 'Swift.UnsafeBufferPointer.init(start: {{.*}}', which has no body in this module, as an integer, and what it returns is made a pointer again here: {{.*}}; compile the Swift code with -O
import SwadAutodiff

@autodiffReverse(name: "d_energy", .duplicated, .active)
@autodiffForward(name: "energy_fwd", .dual, .dual)
func energy(x: UnsafeBufferPointer<Double>) -> Double { x[0] * x[0] + x[0] * x[1] - x[1] * x[1] }

let xs = [2.0, 2.0]
var g = [0.0, 0.0]
xs.withUnsafeBufferPointer { x in g.withUnsafeMutableBufferPointer { gx in _ = d_energy(x: x, dx: gx, seed: 1) } }
let direction = [1.0, 2.0]
let tangent = xs.withUnsafeBufferPointer { x in
  direction.withUnsafeBufferPointer { dx in energy_fwd(x: x, dx: dx).1 }
}
print("reverse", g, "forward", tangent)
