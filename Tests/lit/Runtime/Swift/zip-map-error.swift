// `map` on a `zip` (a Sequence, not an array) takes its closure with Swift's error register
// (`swifterror`), which swad does not pass through derivatives yet: an error naming the demangled
// callee in both modes, not a module that fails verification. `for (a, b) in zip(...)` works
// (array-growth.swift).
// RUN: %swiftc-ad %s -o %t.bc
// RUN: not %swad-opt %t.bc -o /dev/null 2>&1 | FileCheck %s
// CHECK: error: in function '{{.*}}zipMap{{.*}}': cannot differentiate the call of '{{.*}}Swift.Zip2Sequence{{.*}}Swift.Sequence.map{{.*}}': it passes Swift's error register

@_silgen_name("__enzyme_autodiff_f")
func gradient(_ f: @convention(c) (UnsafePointer<Double>, Int) -> Double,
              _ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>, _ n: Int) -> Double

@inline(never) func zipMap(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  let xs = Array(UnsafeBufferPointer(start: x, count: n))
  return zip(xs, xs.reversed()).map { $0 * $1 }.reduce(0, +)
}

@main struct Main {
  static func main() {
    let x = [1.0, 2.0, 3.0]
    var g = [0.0, 0.0, 0.0]
    _ = gradient({ zipMap($0, $1) }, x, &g, 3)
    print(g)
  }
}
