// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// A model configured by a constant string parsed inside the differentiated function: split into
// "key=value" parts, the keys matched (a switch over String(part), a hasPrefix case, a character
// of a Substring), the values parsed with Double(Substring) and Int(Substring). Substring's members
// and a number parsed from text were refused (functions of libswiftCore without a rule); they are
// text, and a parsed number a constant (Rules/SwiftRuntime.swift, isText). Both modes against hand
// derivatives and central differences, at the default level and at -O0.
import SwadAutodiff

// scale · Σ pᵢ^power + shift · p₀, the constants read from spec in the function itself.
@autodiffReverse(name: "d_model", .duplicated, .const, .active)
@autodiffForward(name: "fwd_model", .dual, .const, .dual)
func model(p: [Double], spec: String) -> Double {
  var scale = 1.0, power = 1, shift = 0.0
  for part in spec.split(separator: ";") {
    let pair = part.split(whereSeparator: { $0 == "=" || $0 == ":" })
    guard pair.count == 2 else { continue }
    switch String(pair[0]) {
    case "scale": scale = Double(pair[1]) ?? 1
    case "power": power = Int(pair[1]) ?? 1
    case let key where key.hasPrefix("shift"):
      // A sign given as the value's first character.
      let sign = pair[1][pair[1].startIndex] == "-" ? -1.0 : 1.0
      shift = sign * (Double(pair[1].dropFirst()) ?? 0)
    default: break
    }
  }
  var sum = 0.0
  for v in p {
    var term = 1.0
    for _ in 0..<power { term *= v }
    sum += term
  }
  return scale * sum + shift * p[0]
}

@main struct Main {
  static func main() {
    let spec = "scale=2.5;power:3;shift=-0.75;unused=x"
    let p = [0.5, -1.25, 2.0]
    var gradient = [Double](repeating: 0, count: p.count)
    _ = d_model(p: p, dp: &gradient, spec: spec, seed: 1)
    // By hand: 2.5 · 3 pᵢ², and -0.75 more for p₀.
    check("gradient", gradient, p.enumerated().map { 7.5 * $1 * $1 + ($0 == 0 ? -0.75 : 0) })
    checkGradient(
      "model", gradient, of: { model(p: $0, spec: spec) }, at: p,
      forward: { fwd_model(p: p, dp: $0, spec: spec).1 })
    finish()
  }
}
