// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: not --crash %t field 2>&1 | FileCheck %s --check-prefix=FIELD
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: not --crash %t.O0 inout 2>&1 | FileCheck %s --check-prefix=INOUT
// RUN: not --crash %t.O0 set 2>&1 | FileCheck %s --check-prefix=SET
// CHECK: checks passed
// A dictionary (or a set) of floating-point values in a differentiated argument: its derivative
// reads and writes elements by bucket, and a shadow dictionary hashes with a seed of its own, so its
// buckets hold other keys. Before, the gradient of d["a"] went to the shadow's d["b"] (or nowhere,
// at -O0) and into the dictionary the shadow was copied from, silently. The program now stops with
// a message; a dictionary of indices beside an array, the way the message suggests, is differentiated.
// FIELD: swad: a Dictionary<String, Double> inside a value of type Named holds floating-point values
// INOUT: swad: a Dictionary<String, Array<Double>> inside a value of type Dictionary<String, Array<Double>> holds floating-point values
// SET: swad: a Set<Double> inside a value of type Tagged holds floating-point values
import SwadAutodiff

struct Named {
  var values: [String: Double]
  var scale: Double
}

struct Indexed {
  var index: [String: Int]
  var values: [Double]
  var scale: Double
}

struct Tagged {
  var marks: Set<Double>
  var scale: Double
}

@autodiffReverse(name: "d_named", .duplicated, .active)
func named(p: inout Named) -> Double { (p.values["a"] ?? 0) * (p.values["b"] ?? 0) * p.scale }

@autodiffReverse(name: "d_rows", .duplicated, .active)
func rows(p: inout [String: [Double]]) -> Double { (p["w"]?[0] ?? 0) * (p["w"]?[1] ?? 0) }

@autodiffReverse(name: "d_tagged", .duplicated, .active)
func tagged(p: inout Tagged) -> Double { p.marks.reduce(0, +) * p.scale }

// a b s, the values found through a dictionary of indices.
@autodiffReverse(name: "d_indexed", .duplicated, .active)
func indexed(p: inout Indexed) -> Double { p.values[p.index["a"]!] * p.values[p.index["b"]!] * p.scale }

@main struct Main {
  static func main() {
    switch CommandLine.arguments.dropFirst().first {
    case "field":
      let zeros: [String: Double] = ["a": 0, "b": 0]
      var p = Named(values: ["a": 2, "b": 3], scale: 1.5)
      var dp = Named(values: zeros, scale: 0)
      _ = d_named(p: &p, dp: &dp, seed: 1)
      print("unreachable: the dictionary was not refused")
    case "inout":
      var p = ["w": [2.0, 3.0]]
      var dp = ["w": [0.0, 0.0]]
      _ = d_rows(p: &p, dp: &dp, seed: 1)
      print("unreachable: the dictionary was not refused")
    case "set":
      var p = Tagged(marks: [2, 3], scale: 1.5)
      var dp = Tagged(marks: [0], scale: 0)
      _ = d_tagged(p: &p, dp: &dp, seed: 1)
      print("unreachable: the set was not refused")
    default:
      let index = ["a": 1, "b": 0]
      for (a, b, s) in [(2.0, 3.0, 1.5), (-0.5, 4.0, 0.25)] {
        var p = Indexed(index: index, values: [b, a], scale: s)
        var dp = Indexed(index: index, values: [0, 0], scale: 0)
        check("indexed value", d_indexed(p: &p, dp: &dp, seed: 1), a * b * s)
        check("indexed gradient", dp.values, [a * s, b * s])
        check("indexed gradient of scale", dp.scale, a * b)
      }
      finish()
    }
  }
}
