// swad's own tanh (--vector-library=swad) in Swift code: Swift calls C's tanh as a function that may
// write errno, which keeps libmvec's vector tanh away (README, "Vector math functions"); tanh never
// sets errno, so swad's arithmetic replaces the call all the same, in the primal and in the
// gradient, while exp, which may set errno, stays the C library's call. The gradient of
// Σ v·tanh(w·x) + exp(w) in w against the derivative by hand in Float80, from -O and -Onone input.
// RUN: %swiftc-ad %s -o %t.bc
// RUN: %swad-opt --vector-library=swad %t.bc -o %t.opt.bc
// RUN: %clang -c %t.opt.bc -o %t.o
// RUN: %swiftc %t.o -o %t
// RUN: %t | FileCheck %s
// RUN: %llvm-nm %t | FileCheck %s --check-prefix=SYMBOLS
// RUN: %swiftc -Onone -wmo -parse-as-library -emit-bc %s -o %t.Onone.bc
// RUN: %swad-opt --vector-library=swad %t.Onone.bc -o %t.Onone.opt.bc
// RUN: %clang -c %t.Onone.opt.bc -o %t.Onone.o
// RUN: %swiftc %t.Onone.o -o %t.Onone
// RUN: %t.Onone | FileCheck %s
// RUN: %llvm-nm %t.Onone | FileCheck %s --check-prefix=SYMBOLS
// RUN: %swad-opt %t.bc --remarks -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %swad-opt %t.bc --vector-library=swad --remarks -o /dev/null 2>&1 | FileCheck %s --check-prefix=NO-REMARK
// Without the library, the gradient's loop over tanh is remarked, with the flag that writes it out
// (for a Swift derivative only that: libmvec's would need -fno-math-errno, which Swift lacks).
// REMARK: a loop calls the scalar `tanh` in every iteration: there is no vector tanh to call on several elements at once; swad's own tanh is arithmetic the vectorizers widen (`swad -fveclib=swad`, or `swad-opt --vector-library=swad`){{$}}
// NO-REMARK: synthesized
// NO-REMARK-NOT: scalar `
// SYMBOLS-NOT: U tanh{{(@.*)?$}}
// SYMBOLS: U exp{{(@.*)?$}}
// SYMBOLS-NOT: U tanh{{(@.*)?$}}
#if canImport(Glibc)
  import Glibc
#endif

@_silgen_name("__enzyme_autodiff_layer")
func gradient(_ f: @convention(c) (Double) -> Double, _ w: Double) -> Double

// The data, outside the differentiated function's arguments: constant to it.
let count = 1000
nonisolated(unsafe) let xs = UnsafeMutablePointer<Double>.allocate(capacity: count)
nonisolated(unsafe) let vs = UnsafeMutablePointer<Double>.allocate(capacity: count)

func layer(_ w: Double) -> Double {
  var s = exp(w)
  // A while loop: at -Onone a for-in loop over a range calls IndexingIterator.next() in
  // libswiftCore, which swad cannot differentiate (and says so).
  var i = 0
  while i < count {
    s += vs[i] * tanh(w * xs[i])
    i += 1
  }
  return s
}

@main struct Main {
  static func main() {
    for i in 0..<count { xs[i] = sin(0.37 * Double(i)) * 3; vs[i] = cos(0.11 * Double(i)) }
    let w = 0.8 * Double(CommandLine.arguments.count)  // 0.8, unknown to the constant folder
    let g = gradient({ layer($0) }, w)
    var want: Float80 = exp(Float80(w))
    var scale: Float80 = want
    for i in 0..<count {
      let t = tanh(Float80(w) * Float80(xs[i]))
      let term = Float80(vs[i]) * Float80(xs[i]) * (1 - t * t)
      want += term
      scale += abs(term)
    }
    let error = abs(Float80(g) - want) / scale
    print(error < 1e-14 ? "gradient ok" : "gradient off: \(g) against \(want), error \(error)")
  }
}

// CHECK: gradient ok
