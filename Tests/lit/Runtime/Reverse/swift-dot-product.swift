// RUN: %swiftc-ad %s %S/../Inputs/Check.swift -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang -c %t.opt.bc -o %t.o
// RUN: %swiftc %t.o -o %t
// RUN: %t
// Swift, reverse mode, with pointers: UnsafePointer<Double> arguments each followed by an
// UnsafeMutablePointer<Double> shadow (pointers default to duplicated, Int to constant). The
// gradient of a dot product with respect to each vector is the other one, ADDED into the shadow.
// And an in-place update through an UnsafeMutablePointer, whose shadow holds the seed on entry.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@_silgen_name("__enzyme_autodiff_dot")
func gradientOfDot(
  _ f: @convention(c) (UnsafePointer<Double>, UnsafePointer<Double>, Int) -> Double,
  _ a: UnsafePointer<Double>, _ da: UnsafeMutablePointer<Double>,
  _ b: UnsafePointer<Double>, _ db: UnsafeMutablePointer<Double>, _ n: Int)

@_silgen_name("__enzyme_autodiff_update")
func gradientOfUpdate(
  _ f: @convention(c) (UnsafeMutablePointer<Double>, Int) -> Void,
  _ x: UnsafeMutablePointer<Double>, _ dx: UnsafeMutablePointer<Double>, _ n: Int)

func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
  var s = 0.0
  for i in 0..<n { s += a[i] * b[i] }
  return s
}

/// x[i] = sin(x[i]) * x[i]
func update(_ x: UnsafeMutablePointer<Double>, _ n: Int) {
  for i in 0..<n { x[i] = sin(x[i]) * x[i] }
}

@main struct Main {
  static func main() {
    let n = 23
    let a = (0..<n).map { Double($0) * 0.25 - 2.0 }
    let b = (0..<n).map { cos(Double($0)) }
    var da = [Double](repeating: 0.5, count: n)
    var db = (0..<n).map { -Double($0) }
    let db0 = db
    a.withUnsafeBufferPointer { ap in
      b.withUnsafeBufferPointer { bp in
        da.withUnsafeMutableBufferPointer { dap in
          db.withUnsafeMutableBufferPointer { dbp in
            gradientOfDot({ a, b, n in dot(a, b, n) }, ap.baseAddress!, dap.baseAddress!, bp.baseAddress!,
                          dbp.baseAddress!, n)
          }
        }
      }
    }
    for i in 0..<n {
      check("da[\(i)]", da[i], 0.5 + b[i])
      check("db[\(i)]", db[i], db0[i] + a[i])
    }

    let x0 = (0..<n).map { Double($0) * 0.3 - 3.0 }
    let seed = (0..<n).map { 1.0 + Double($0 % 4) }
    var x = x0
    var dx = seed
    x.withUnsafeMutableBufferPointer { xp in
      dx.withUnsafeMutableBufferPointer { dxp in
        gradientOfUpdate({ x, n in update(x, n) }, xp.baseAddress!, dxp.baseAddress!, n)
      }
    }
    for i in 0..<n {
      check("x[\(i)]", x[i], sin(x0[i]) * x0[i])
      check("dx[\(i)]", dx[i], (cos(x0[i]) * x0[i] + sin(x0[i])) * seed[i])
    }
    finish()
  }
}
