// A Swift array allocated inside the differentiated function: its storage gets a shadow object (from
// the same allocation call, contents zeroed), in both modes, freed with the primal (forward) or by the
// reverse sweep; reference counting and bounds-check traps are inactive.
// RUN: %swiftc-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang -c %t.opt.bc -o %t.o
// RUN: %swiftc %t.o -o %t
// RUN: %t

@_silgen_name("__enzyme_autodiff_energy")
func gradient(_ f: @convention(c) (UnsafePointer<Double>, Int) -> Double,
              _ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>, _ n: Int) -> Double

@_silgen_name("__enzyme_fwddiff_energy")
func tangent(_ f: @convention(c) (UnsafePointer<Double>, Int) -> Double,
             _ x: UnsafePointer<Double>, _ dx: UnsafePointer<Double>, _ n: Int) -> Double

/// Σ (i + 1) · x[i]², through a temporary array.
func energy(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  var squares = [Double](repeating: 0, count: n)
  for i in 0..<n { squares[i] = x[i] * x[i] }
  var s = 0.0
  for i in 0..<n { s += squares[i] * Double(i + 1) }
  return s
}

@main struct Main {
  static func main() {
    let n = 7
    let x = UnsafeMutablePointer<Double>.allocate(capacity: n)
    let dx = UnsafeMutablePointer<Double>.allocate(capacity: n)
    defer { x.deallocate(); dx.deallocate() }
    for i in 0..<n { x[i] = Double(i) * 0.5 - 1; dx[i] = 0 }
    _ = gradient({ x, n in energy(x, n) }, x, dx, n)
    var failures = 0
    for i in 0..<n {
      let want = 2 * x[i] * Double(i + 1)
      if abs(dx[i] - want) > 1e-12 * max(1, abs(want)) {
        print("FAIL reverse dx[\(i)] = \(dx[i]), want \(want)")
        failures += 1
      }
    }
    // Forward mode: the directional derivative along v is Σ 2 (i + 1) x[i] v[i].
    let v = UnsafeMutablePointer<Double>.allocate(capacity: n)
    defer { v.deallocate() }
    var want = 0.0
    for i in 0..<n { v[i] = Double(n - i); want += 2 * Double(i + 1) * x[i] * v[i] }
    let got = tangent({ x, n in energy(x, n) }, x, v, n)
    if abs(got - want) > 1e-12 * abs(want) {
      print("FAIL forward \(got), want \(want)")
      failures += 1
    }
    if failures > 0 { fatalError("\(failures) failures") }
    print("ok")
  }
}
