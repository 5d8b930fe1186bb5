// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// A print left in the function being differentiated, to watch it: print and debugPrint, string
// interpolation (long literals too), String(x), String(format:), a number's description, the
// interpolation of an array, a slice and an optional. They were refused (functions
// of libswiftCore without a rule: Array.description for "\(w)"); they are output, without derivative (Rules/SwiftRuntime.swift, isText), and
// the [Any] array print builds gets no shadow: a shadow of zeros crashed when it was released
// (its elements' type fields are the primal's alone). The gradients against hand derivatives and
// forward mode; what is printed is what the primal prints, once per derivative call.
// CHECK: the loss at this iteration is 10.0 (2.000)
// CHECK-NEXT: loss at 2.0 is 10.0
// CHECK-NEXT: terms [1.0, 8.0, 27.0] weights [1.0, 2.0, 3.0] sum 36.0 of 3
// CHECK-NEXT: w = [1.0, 2.0, 3.0], rest [2.0, 3.0], last Optional(3.0)
// CHECK-NEXT: 36.0
// CHECK-NEXT: terms [1.0, 8.0, 27.0] weights [1.0, 2.0, 3.0] sum 36.0 of 3
// CHECK-NEXT: w = [1.0, 2.0, 3.0], rest [2.0, 3.0], last Optional(3.0)
// CHECK-NEXT: 36.0
// CHECK-NEXT: checks passed
import Foundation
import SwadAutodiff

@autodiffReverse(name: "d_loss", .active, .active)
func loss(_ w: Double) -> Double {
  let y = w * w + 3 * w
  print("the loss at this iteration is \(y) (\(String(format: "%.3f", w)))")
  print("loss at", w, "is", y)
  return y
}

// s = Σ (i+1) wᵢ², f = s·w₀
@autodiffReverse(name: "d_fit", .duplicated, .active)
@autodiffForward(name: "jvp_fit", .dual, .dual)
func fit(_ w: [Double]) -> Double {
  var s = 0.0
  var terms: [Double] = []
  for (i, v) in w.enumerated() {
    let t = v * v * Double(i + 1)
    terms.append(t)
    s += t
  }
  print("terms", terms, "weights", w, "sum \(s) of \(terms.count)")
  print("w = \(w), rest \(w.dropFirst()), last \(String(describing: w.last))")
  debugPrint(s)
  let label = "s=" + String(s) + " " + s.description
  if label.isEmpty { return 0 }
  return s * w[0]
}

@main
struct Main {
  static func main() {
    let (value, derivative) = d_loss(2.0, seed: 1)
    check("loss", value, 10)
    check("d loss", derivative, 7)
    let w = [1.0, 2.0, 3.0]
    var dw = [0.0, 0.0, 0.0]
    let f = d_fit(w, &dw, seed: 1)
    let s = 36.0
    check("fit", f, s * w[0])
    check("d fit", dw, [s + 2 * w[0] * w[0], 4 * w[1] * w[0], 6 * w[2] * w[0]])
    let (y, tangent) = jvp_fit(w, [0, 1, 0])
    check("fit (forward)", y, s * w[0])
    check("tangent", tangent, dw[1])
    finish()
  }
}
