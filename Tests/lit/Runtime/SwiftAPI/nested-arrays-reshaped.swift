// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: not --crash %t rows 2>&1 | FileCheck %s --check-prefix=ROWS
// RUN: not --crash %t optional 2>&1 | FileCheck %s --check-prefix=OPTIONAL
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: not --crash %t.O0 swapped 2>&1 | FileCheck %s --check-prefix=SWAPPED
// RUN: not --crash %t.O0 shrunk 2>&1 | FileCheck %s --check-prefix=SHRUNK
// CHECK: checks passed
// Arrays nested in arguments whose shape differs from their shadow's, or that the function reshapes.
// Before, each was silently wrong or crashed: a shadow row shorter than the primal's lost adjoints
// (longer primal rows corrupted memory), a nil optional array in the shadow crashed, rows swapped
// in an `inout [[Double]]` left their adjoints in the swapped order while the scalars of an
// `inout [Layer]` moved back, and an array in a struct that shrank (`removeLast`) dropped the
// adjoints of the removed elements. Now the shapes are checked at the call and the reshaping after
// it (reverse mode), each a message; forward mode, where tangents follow the final values, rows
// appended after the others (with capacity reserved too: the row pointers of the outer shadow were
// taken for seeds, and the call refused) and in-place updates are differentiated.
// ROWS: d_rowSums: the arrays inside 'dm' need the shape of those inside 'm' (as many arrays, each with as many elements, the same optionals present): 'm' has [3, 2] elements, 'dm' [2, 3]
// OPTIONAL: d_scaled: the arrays inside 'dl' need the shape of those inside 'l'
// SWAPPED: d_swapped: an array inside 'm' got new storage, moved, or was removed or inserted before others
// SHRUNK: d_popped: an array inside 'l' has fewer elements after the derivative than at the call
import SwadAutodiff

struct Layer {
  var w: [Double]
  var bias: [Double]?
  var k: Double
}

// Σ_i (i + 1) Σ_j m_ij²
@autodiffReverse(name: "d_rowSums", .duplicated, .active)
func rowSums(m: [[Double]]) -> Double {
  var total = 0.0
  for i in m.indices { for x in m[i] { total += Double(i + 1) * x * x } }
  return total
}

// k (w0 + w1) + bias0, the weights scaled in place first.
@autodiffReverse(name: "d_scaled", .duplicated, .active)
func scaled(l: inout Layer) -> Double {
  for i in l.w.indices { l.w[i] *= 3 }
  return l.k * (l.w[0] + l.w[1]) + (l.bias?[0] ?? 0)
}

// 10 m00 + m11 after the rows are swapped.
@autodiffReverse(name: "d_swapped", .duplicated, .active)
@autodiffForward(name: "jvp_swapped", .dual, .dual)
func swapped(m: inout [[Double]]) -> Double {
  m.swapAt(0, 1)
  return 10 * m[0][0] + m[1][1]
}

// 5 m00² + m10, a copy of the first row appended and scaled (rows appended after the others).
@autodiffReverse(name: "d_appended", .duplicated, .active)
func appended(m: inout [[Double]]) -> Double {
  m.append(m[0])
  m[2][0] *= 5
  return m[2][0] * m[0][0] + m[1][0]
}

// 10 w_last + w0 w1 with the last weight popped.
@autodiffReverse(name: "d_popped", .duplicated, .active)
func popped(l: inout Layer) -> Double {
  let last = l.w.removeLast()
  return 10 * last + l.w[0] * l.w[1]
}

@main struct Main {
  static func main() {
    switch CommandLine.arguments.dropFirst().first {
    case "rows":
      var dm = [[0.0, 0.0], [0.0, 0.0, 0.0]]
      _ = d_rowSums(m: [[1, 2, 3], [4, 5]], dm: &dm, seed: 1)
    case "optional":
      var l = Layer(w: [1, 2], bias: [0.5], k: 2)
      var dl = Layer(w: [0, 0], bias: nil, k: 0)
      _ = d_scaled(l: &l, dl: &dl, seed: 1)
    case "swapped":
      var m = [[1.0, 2.0], [3.0, 4.0]]
      var dm = [[0.0, 0.0], [0.0, 0.0]]
      _ = d_swapped(m: &m, dm: &dm, seed: 1)
    case "shrunk":
      var l = Layer(w: [2, 3, 5], bias: nil, k: 1)
      var dl = Layer(w: [0, 0, 0], bias: nil, k: 0)
      _ = d_popped(l: &l, dl: &dl, seed: 1)
    default:
      let m = [[1.0, 2.0, 3.0], [4.0, 5.0]]
      var dm = [[0.0, 0.0, 0.0], [0.0, 0.0]]
      check("rows value", d_rowSums(m: m, dm: &dm, seed: 1), 14 + 2 * 41)
      check("rows gradient", dm.flatMap { $0 }, [2, 4, 6, 16, 20])

      var l = Layer(w: [1, 2], bias: [0.5], k: 2)
      var dl = Layer(w: [0, 0], bias: [0], k: 0)
      check("layer value", d_scaled(l: &l, dl: &dl, seed: 1), 2 * 9 + 0.5)
      check("layer gradient", dl.w, [6, 6])
      check("layer gradient of bias", dl.bias ?? [], [1])
      check("layer gradient of k", dl.k, 9)

      for reserved in [false, true] {
        var a = [[1.5], [2.0]]
        var da = [[0.0], [0.0]]
        if reserved {
          a.reserveCapacity(4)
          da.reserveCapacity(4)
        }
        check("appended value", d_appended(m: &a, dm: &da, seed: 1), 5 * 1.5 * 1.5 + 2)
        check("appended gradient", da.flatMap { $0 }, [10 * 1.5, 1])
      }

      var s = [[1.0, 2.0], [3.0, 4.0]]
      var ds = [[0.0, 1.0], [1.0, 0.0]]
      // 10 m10 + m01 after the swap: the tangent along m01 + m10.
      check("swapped tangent", jvp_swapped(m: &s, dm: &ds).1, 11)
      finish()
      return
    }
    print("unreachable: not refused")
  }
}
