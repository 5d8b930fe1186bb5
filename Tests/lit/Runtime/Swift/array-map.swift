// An array made by `map` inside the differentiated function (storage allocated, grown and released
// by the standard library): forward and reverse mode. The Swift runtime's own objects, such as the
// empty array storage, get no shadow.
// RUN: %swiftc-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clang -c %t.opt.bc -o %t.o
// RUN: %swiftc %t.o -o %t
// RUN: %t | FileCheck %s
@_silgen_name("__enzyme_fwddiff_f")
func tangent(_ f: @convention(c) (UnsafePointer<Double>, Int) -> Double,
             _ x: UnsafePointer<Double>, _ dx: UnsafePointer<Double>, _ n: Int) -> Double
@_silgen_name("__enzyme_autodiff_f")
func gradient(_ f: @convention(c) (UnsafePointer<Double>, Int) -> Double,
             _ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>, _ n: Int) -> Double
func f(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  let squares = (0..<n).map { x[$0] * x[$0] }
  var s = 0.0; for v in squares { s += v }; return s
}
@main struct Main {
  static func main() {
    let x = [0.5, 1.0, 1.5]
    print(tangent({ f($0, $1) }, x, [1, 0, 0], 3))
    var g = [0.0, 0.0, 0.0]
    _ = gradient({ f($0, $1) }, x, &g, 3)
    print(g)
  }
}

// CHECK: 1.0
// CHECK-NEXT: [1.0, 2.0, 3.0]
