// Swift arrays that grow inside the differentiated function, in both modes, against central
// differences: append in a loop, +=, insert, reserveCapacity, removeAll(keepingCapacity:),
// Array(repeating:count:), map/filter/reduce, zip over slices, array literals (objects on the stack,
// swift_initStackObject), map on a zip and sort(by:) (rethrowing closures: Swift's error register,
// swifterror, is passed on by the derivatives and has no shadow), arrays of arrays (grown by
// libswiftCore's Array<AnyObject> functions, called again on the shadows). The standard library's growth path
// (_consumeAndCreateNew, reserveCapacity, append(contentsOf:)) is specialized into the module: new
// storage is a shadowed allocation, elements move by memcpy/memmove, and the count and capacity are
// mirrored into the shadow storage.
// RUN: %swiftc-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang -c %t.opt.bc -o %t.o
// RUN: %swiftc %t.o -o %t
// RUN: %t | FileCheck %s
// The same program through the driver:
// RUN: %swad %s -o %t.driver
// RUN: %t.driver | FileCheck %s
#if canImport(Glibc)
  import Glibc
#endif

@_silgen_name("__enzyme_autodiff_f")
func gradient(_ f: @convention(c) (UnsafePointer<Double>, Int) -> Double,
              _ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>, _ n: Int) -> Double
@_silgen_name("__enzyme_fwddiff_f")
func tangent(_ f: @convention(c) (UnsafePointer<Double>, Int) -> Double,
             _ x: UnsafePointer<Double>, _ dx: UnsafePointer<Double>, _ n: Int) -> Double

@inline(never) func appendLoop(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  var a: [Double] = []
  for i in 0..<n { a.append(x[i] * x[i]) }
  var s = 0.0; for (i, v) in a.enumerated() { s += v * Double(i + 1) }; return s
}

@inline(never) func plusEquals(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  var a: [Double] = []
  a.append(x[0] * x[1])
  var b: [Double] = []
  for i in 0..<n { b.append(sin(x[i])) }
  a += b
  a += b
  var s = 0.0; for (i, v) in a.enumerated() { s += v * Double(i + 1) }; return s
}

@inline(never) func insertFront(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  var a: [Double] = []
  for i in 0..<n { a.insert(x[i] * Double(i + 2), at: 0) }
  a.insert(x[0] * x[0], at: 1)
  var s = 0.0; for (i, v) in a.enumerated() { s += v * v * Double(i + 1) }; return s
}

@inline(never) func reserve(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  var a: [Double] = []
  a.reserveCapacity(n)
  for i in 0..<n { a.append(exp(x[i])) }
  a.reserveCapacity(4 * n)
  for i in 0..<n { a.append(x[i]) }
  var s = 0.0; for (i, v) in a.enumerated() { s += v * Double(i + 1) }; return s
}

@inline(never) func removeAllKeeping(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  var a: [Double] = []
  var s = 0.0
  for round in 0..<3 {
    a.removeAll(keepingCapacity: true)
    for i in 0..<n { a.append(x[i] * Double(round + 1)) }
    for v in a { s += v * v }
  }
  return s
}

@inline(never) func repeating(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  var a = Array(repeating: x[0], count: n)
  for i in 0..<n { a[i] *= x[i] }
  var s = 0.0; for v in a { s += v }; return s
}

@inline(never) func mapFilterReduce(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  let xs = Array(UnsafeBufferPointer(start: x, count: n))
  let ys = xs.map { $0 * $0 }.filter { $0 > 0.5 }
  return ys.reduce(0, +) + xs.map { sin($0) }.reduce(1, *)
}

@inline(never) func zipSlices(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  let xs = Array(UnsafeBufferPointer(start: x, count: n))
  let tail = xs[1...], head = xs[..<(n - 1)]
  var s = 0.0
  for (a, b) in zip(head, tail) { s += a * b }
  return s + Array(tail.reversed())[0] * 2 + xs[2..<4].reduce(0, +)
}

@inline(never) func literals(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  var a = [x[0] * x[1]]
  a += (0..<n).map { sin(x[$0]) }
  a += [x[n - 1] * 3, x[1]]
  var s = 0.0; for (i, v) in a.enumerated() { s += v * Double(i + 1) }; return s
}

@inline(never) func zipMap(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  let xs = Array(UnsafeBufferPointer(start: x, count: n))
  return zip(xs, xs.reversed()).map { $0 * $1 }.filter { $0 > 0.2 }.reduce(0, +)
}

@inline(never) func sorting(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  var xs = Array(UnsafeBufferPointer(start: x, count: n)).map { sin(3 * $0) }
  xs.sort(by: >)
  var s = 0.0; for (i, v) in xs.enumerated() { s += v * Double(i + 1) }
  return s + xs.sorted()[0]
}

@inline(never) func nested(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  var rows: [[Double]] = []
  for i in 0..<n { rows.append(Array(repeating: x[i], count: i + 1)) }
  rows[0].append(x[1] * x[0])
  rows[n - 1] += [sin(x[0])]
  var s = 0.0
  for r in rows { for (j, e) in r.enumerated() { s += e * e * Double(j + 1) } }
  return s
}

nonisolated(unsafe) var failures = 0

/// Compares the gradient `g` and the tangents `t` (one per unit direction) with central differences.
func check(_ name: String, _ x: [Double], _ g: [Double], _ t: [Double], _ f: (UnsafePointer<Double>, Int) -> Double) {
  var bad = 0
  for i in x.indices {
    var xp = x, xm = x
    let h = 1e-6
    xp[i] += h
    xm[i] -= h
    let want = (f(xp, x.count) - f(xm, x.count)) / (2 * h)
    for (mode, got) in [("reverse", g[i]), ("forward", t[i])] where abs(got - want) > 1e-6 * max(1, abs(want)) {
      print("FAIL \(name) \(mode) [\(i)]: got \(got), want \(want)")
      bad += 1
    }
  }
  failures += bad
  if bad == 0 { print("\(name) ok") }
}

@main struct Main {
  static func main() {
    let n = 5
    let x = (0..<n).map { 0.3 + 0.25 * Double($0) }
    do {
      var g = [Double](repeating: 0, count: n)
      _ = gradient({ appendLoop($0, $1) }, x, &g, n)
      var t: [Double] = []
      for i in 0..<n {
        var e = [Double](repeating: 0, count: n)
        e[i] = 1
        t.append(tangent({ appendLoop($0, $1) }, x, e, n))
      }
      check("appendLoop", x, g, t, appendLoop)
    }
    do {
      var g = [Double](repeating: 0, count: n)
      _ = gradient({ plusEquals($0, $1) }, x, &g, n)
      var t: [Double] = []
      for i in 0..<n {
        var e = [Double](repeating: 0, count: n)
        e[i] = 1
        t.append(tangent({ plusEquals($0, $1) }, x, e, n))
      }
      check("plusEquals", x, g, t, plusEquals)
    }
    do {
      var g = [Double](repeating: 0, count: n)
      _ = gradient({ insertFront($0, $1) }, x, &g, n)
      var t: [Double] = []
      for i in 0..<n {
        var e = [Double](repeating: 0, count: n)
        e[i] = 1
        t.append(tangent({ insertFront($0, $1) }, x, e, n))
      }
      check("insertFront", x, g, t, insertFront)
    }
    do {
      var g = [Double](repeating: 0, count: n)
      _ = gradient({ reserve($0, $1) }, x, &g, n)
      var t: [Double] = []
      for i in 0..<n {
        var e = [Double](repeating: 0, count: n)
        e[i] = 1
        t.append(tangent({ reserve($0, $1) }, x, e, n))
      }
      check("reserve", x, g, t, reserve)
    }
    do {
      var g = [Double](repeating: 0, count: n)
      _ = gradient({ removeAllKeeping($0, $1) }, x, &g, n)
      var t: [Double] = []
      for i in 0..<n {
        var e = [Double](repeating: 0, count: n)
        e[i] = 1
        t.append(tangent({ removeAllKeeping($0, $1) }, x, e, n))
      }
      check("removeAllKeeping", x, g, t, removeAllKeeping)
    }
    do {
      var g = [Double](repeating: 0, count: n)
      _ = gradient({ repeating($0, $1) }, x, &g, n)
      var t: [Double] = []
      for i in 0..<n {
        var e = [Double](repeating: 0, count: n)
        e[i] = 1
        t.append(tangent({ repeating($0, $1) }, x, e, n))
      }
      check("repeating", x, g, t, repeating)
    }
    do {
      var g = [Double](repeating: 0, count: n)
      _ = gradient({ mapFilterReduce($0, $1) }, x, &g, n)
      var t: [Double] = []
      for i in 0..<n {
        var e = [Double](repeating: 0, count: n)
        e[i] = 1
        t.append(tangent({ mapFilterReduce($0, $1) }, x, e, n))
      }
      check("mapFilterReduce", x, g, t, mapFilterReduce)
    }
    do {
      var g = [Double](repeating: 0, count: n)
      _ = gradient({ zipSlices($0, $1) }, x, &g, n)
      var t: [Double] = []
      for i in 0..<n {
        var e = [Double](repeating: 0, count: n)
        e[i] = 1
        t.append(tangent({ zipSlices($0, $1) }, x, e, n))
      }
      check("zipSlices", x, g, t, zipSlices)
    }
    do {
      var g = [Double](repeating: 0, count: n)
      _ = gradient({ literals($0, $1) }, x, &g, n)
      var t: [Double] = []
      for i in 0..<n {
        var e = [Double](repeating: 0, count: n)
        e[i] = 1
        t.append(tangent({ literals($0, $1) }, x, e, n))
      }
      check("literals", x, g, t, literals)
    }
    do {
      var g = [Double](repeating: 0, count: n)
      _ = gradient({ zipMap($0, $1) }, x, &g, n)
      var t: [Double] = []
      for i in 0..<n {
        var e = [Double](repeating: 0, count: n)
        e[i] = 1
        t.append(tangent({ zipMap($0, $1) }, x, e, n))
      }
      check("zipMap", x, g, t, zipMap)
    }
    do {
      var g = [Double](repeating: 0, count: n)
      _ = gradient({ sorting($0, $1) }, x, &g, n)
      var t: [Double] = []
      for i in 0..<n {
        var e = [Double](repeating: 0, count: n)
        e[i] = 1
        t.append(tangent({ sorting($0, $1) }, x, e, n))
      }
      check("sorting", x, g, t, sorting)
    }
    do {
      var g = [Double](repeating: 0, count: n)
      _ = gradient({ nested($0, $1) }, x, &g, n)
      var t: [Double] = []
      for i in 0..<n {
        var e = [Double](repeating: 0, count: n)
        e[i] = 1
        t.append(tangent({ nested($0, $1) }, x, e, n))
      }
      check("nested", x, g, t, nested)
    }
    if failures > 0 { fatalError("\(failures) failures") }
  }
}

// CHECK: appendLoop ok
// CHECK-NEXT: plusEquals ok
// CHECK-NEXT: insertFront ok
// CHECK-NEXT: reserve ok
// CHECK-NEXT: removeAllKeeping ok
// CHECK-NEXT: repeating ok
// CHECK-NEXT: mapFilterReduce ok
// CHECK-NEXT: zipSlices ok
// CHECK-NEXT: literals ok
// CHECK-NEXT: zipMap ok
// CHECK-NEXT: sorting ok
// CHECK-NEXT: nested ok
