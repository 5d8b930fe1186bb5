// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: not %swad-api -D ENUM_FIELD %s %S/Inputs/Check.swift -o %t.enum 2>&1 | FileCheck --check-prefix=ENUM %s
// CHECK: checks passed
// Elements with an enum field whose payload is a Double: its bytes say nothing of their content, so
// the copy is an error naming the type, not a derivative that may have lost the payload's adjoint.
// ENUM: swad: error: {{.*}}the elements 'swift_arrayInitWithCopy' copies have fields whose bytes may hold a floating-point value or not (an enum's payload: {{.*}}Layer
// ENUM-SAME: (reached from
// An array of structs that hold an array and a Double (`[Row]`), grown by append: its storage is
// copied element by element by the Swift runtime (`swift_arrayInitWithCopy` when another array still
// shares it, a move otherwise). The same call on the shadows copies the shadows' arrays; the Double
// fields are adjoints, moved back by the reverse sweep like a memcpy's, and tangents in forward mode.
// Before, the call was an error ("no body and no derivative rule", at <compiler-generated>:0).
// Reverse mode against central differences and forward mode.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#endif

struct Row {
  var w: [Double]
  var s: Double
}

@autodiffReverse(name: "d_rows", .duplicated, .active)
@autodiffForward(name: "fwd_rows", .dual, .dual)
func rows(p: [Double]) -> Double {
  var table: [Row] = []
  for i in 0..<p.count { table.append(Row(w: [p[i], 2 * p[i]], s: p[i] * p[i])) }
  let kept = table  // shares the storage: the next append copies the elements
  table.append(Row(w: [p[0] * p[1]], s: 3 * p[1]))
  var total = 0.0
  for row in table { total += row.w[0] * row.s + Double(row.w.count) * row.s }
  for row in kept { total += 0.5 * row.s * row.w[row.w.count - 1] }
  let mapped = (0..<p.count).map { i in Row(w: [p[i]], s: sin(p[i])) }
  for row in mapped { total += row.w[0] * row.s }
  return total
}

#if ENUM_FIELD
  enum Scale {
    case none
    case by(Double)
  }

  struct Layer {
    var w: [Double]
    var scale: Scale
  }

  @autodiffReverse(name: "d_layers", .duplicated, .active)
  func layers(p: [Double]) -> Double {
    var all: [Layer] = []
    for x in p { all.append(Layer(w: [x, x * x], scale: .by(x))) }
    let kept = all
    all.append(Layer(w: [p[0]], scale: .none))
    var total = Double(kept.count)
    for layer in all {
      if case .by(let s) = layer.scale { total += s * layer.w[0] } else { total += layer.w[0] }
    }
    return total
  }
#endif

@main
struct Main {
  static func main() {
    let p = [0.7, -1.2, 0.4]
    #if ENUM_FIELD
      var layerGradient = [Double](repeating: 0, count: p.count)
      print(d_layers(p: p, dp: &layerGradient, seed: 1), layerGradient)
    #endif
    var gradient = [Double](repeating: 0, count: p.count)
    _ = d_rows(p: p, dp: &gradient, seed: 1)
    checkGradient("d/dp", gradient, of: { rows(p: $0) }, at: p, forward: { fwd_rows(p: p, dp: $0).1 })
    finish()
  }
}
