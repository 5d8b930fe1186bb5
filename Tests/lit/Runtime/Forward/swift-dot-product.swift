// RUN: %swiftc-ad %s %S/../Inputs/Check.swift -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang -c %t.opt.bc -o %t.o
// RUN: %swiftc %t.o -o %t
// RUN: %t
// Forward mode from Swift over memory: the gradient of a dot product of UnsafePointer<Double> arrays.
// With no markers, pointers are duplicated (each is followed by its shadow) and Int is constant, so
// the call passes (a, da, b, db, n); seeding da = e_j gives the derivative in a[j], which is b[j].

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

@_silgen_name("__enzyme_fwddiff_dot")
func fwdDot(
  _ f: @convention(c) (UnsafePointer<Double>, UnsafePointer<Double>, Int) -> Double,
  _ a: UnsafePointer<Double>, _ da: UnsafePointer<Double>,
  _ b: UnsafePointer<Double>, _ db: UnsafePointer<Double>,
  _ n: Int) -> Double

@_silgen_name("__enzyme_fwddiff_scale")
func fwdScale(
  _ f: @convention(c) (UnsafeMutablePointer<Double>, Double, Int) -> Void,
  _ v: UnsafeMutablePointer<Double>, _ dv: UnsafeMutablePointer<Double>,
  _ s: Double, _ ds: Double,
  _ n: Int)

func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
  var s = 0.0
  for i in 0..<n { s += a[i] * b[i] }
  return s
}

/// v[i] = sin(v[i]) * s, in place.
func scaleSin(_ v: UnsafeMutablePointer<Double>, _ s: Double, _ n: Int) {
  for i in 0..<n { v[i] = sin(v[i]) * s }
}

@main
struct SwiftDotProduct {
  static func main() {
    let n = 6
    let a = UnsafeMutablePointer<Double>.allocate(capacity: n)
    let b = UnsafeMutablePointer<Double>.allocate(capacity: n)
    let da = UnsafeMutablePointer<Double>.allocate(capacity: n)
    let db = UnsafeMutablePointer<Double>.allocate(capacity: n)
    defer { a.deallocate(); b.deallocate(); da.deallocate(); db.deallocate() }
    for i in 0..<n {
      a[i] = 0.5 + Double(i) * 0.25
      b[i] = 1.0 - Double(i) * 0.5
      db[i] = 0
    }
    for j in 0..<n {
      for i in 0..<n { da[i] = i == j ? 1 : 0 }
      let g = fwdDot({ dot($0, $1, $2) }, a, da, b, db, n)
      check("d dot / d a[\(j)]", g, b[j])
    }
    // Both arrays moving: d/dt (a + t u).(b + t v) = u.b + a.v
    for i in 0..<n {
      da[i] = Double(i % 3) - 1
      db[i] = 0.5 * Double(i)
    }
    var want = 0.0
    for i in 0..<n { want += da[i] * b[i] + a[i] * db[i] }
    check("both directions", fwdDot({ dot($0, $1, $2) }, a, da, b, db, n), want)

    // In place through a mutable pointer: dv[i] <- cos(v[i]) * dv[i] * s + sin(v[i]) * ds
    let v = UnsafeMutablePointer<Double>.allocate(capacity: n)
    let dv = UnsafeMutablePointer<Double>.allocate(capacity: n)
    defer { v.deallocate(); dv.deallocate() }
    for i in 0..<n {
      v[i] = Double(i) * 0.4 - 1
      dv[i] = Double(i) + 1
    }
    let s = 1.5, ds = -0.5
    fwdScale({ scaleSin($0, $1, $2) }, v, dv, s, ds, n)
    for i in 0..<n {
      let v0 = Double(i) * 0.4 - 1, dv0 = Double(i) + 1
      check("primal v[\(i)]", v[i], sin(v0) * s)
      check("tangent v[\(i)]", dv[i], cos(v0) * dv0 * s + sin(v0) * ds)
    }
    finish()
  }
}
