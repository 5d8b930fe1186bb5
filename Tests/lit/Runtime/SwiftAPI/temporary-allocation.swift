// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Scratch space from withUnsafeTemporaryAllocation, both modes against central differences. Its
// rethrowing closure takes the error register; once the closure was inlined, the register's slot
// was no longer passed to any call, forward mode gave it a shadow as any stack slot, and the module
// failed verification (a memset of an `alloca swifterror`): an internal error for a plain program.
// Also an array made with `unsafeUninitializedCapacity` and moved within itself with
// `update(from:count:)` of a count computed at run time, which crashed swad (specialized, the copy
// had a constant length on a path never taken, and a negative one).
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#endif

@autodiffReverse(name: "d_scratch", .duplicated, .active)
@autodiffForward(name: "fwd_scratch", .dual, .dual)
func scratch(p: [Double]) -> Double {
  let n = p.count
  return withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { tmp -> Double in
    for i in 0..<n { tmp[i] = exp(p[i]) * p[(i + 1) % n] }
    var acc = 0.0
    for i in 0..<n { acc += tmp[i] * tmp[(i + 2) % n] }
    return acc
  }
}

@autodiffReverse(name: "d_shifted", .duplicated, .active)
@autodiffForward(name: "fwd_shifted", .dual, .dual)
func shifted(p: [Double]) -> Double {
  let n = p.count
  var squares = [Double](unsafeUninitializedCapacity: n) { buffer, count in
    for i in 0..<n { buffer[i] = p[i] * p[i] }
    count = n
  }
  // Each element one place up, the first kept: a memmove of n - 1 elements within the buffer.
  squares.withUnsafeMutableBufferPointer { b in
    (b.baseAddress! + 1).update(from: b.baseAddress!, count: n - 1)
  }
  var s = 0.0
  for (i, v) in squares.enumerated() { s += Double(i + 1) * v }
  return s
}

@main
struct Main {
  static func main() {
    for p in [[0.3, -0.7, 1.1], [1.5, 2.0, -0.25, 0.5]] {
      var g = [Double](repeating: 0, count: p.count)
      _ = d_scratch(p: p, dp: &g, seed: 1)
      checkGradient("scratch", g, of: { scratch(p: $0) }, at: p, forward: { fwd_scratch(p: p, dp: $0).1 })
      g = [Double](repeating: 0, count: p.count)
      _ = d_shifted(p: p, dp: &g, seed: 1)
      checkGradient("shifted", g, of: { shifted(p: $0) }, at: p, forward: { fwd_shifted(p: p, dp: $0).1 })
    }
    finish()
  }
}
