// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: 18 checks passed
// Casts of class references to a class that is not final: `as?`, `is`, `case let x as T` and
// `compactMap { $0 as? T }` call `swift_dynamicCastClass`, which the derivative repeats on the
// shadow objects. Forward mode passed the class metadata's tangent (null) instead of the metadata
// and crashed in the runtime; reverse mode was right. Both modes against central differences.
import SwadAutodiff

class Shape {
  func area() -> Double { 0 }
}
class Circle: Shape {
  let r: Double
  init(r: Double) { self.r = r }
  override func area() -> Double { Double.pi * r * r }
}
class Rect: Shape {
  let w: Double
  let h: Double
  init(w: Double, h: Double) {
    self.w = w
    self.h = h
  }
  override func area() -> Double { w * h }
}
final class Square: Rect {
  init(side: Double) { super.init(w: side, h: side) }
  override func area() -> Double { super.area() + 0.5 * w }
}

// The width of the first rectangle among the shapes (a square is one), by `as?`.
@autodiffReverse(name: "d_width", .duplicated, .active)
@autodiffForward(name: "jvp_width", .dual, .dual)
func width(p: [Double]) -> Double {
  let shapes: [Shape] = [Circle(r: p[0]), Square(side: p[1]), Rect(w: p[2], h: 2)]
  return (shapes[1] as? Rect)?.w ?? 0 + p[0]
}

// Areas weighted by what each shape is, by `is` and `case let … as …`.
@autodiffReverse(name: "d_weighted", .duplicated, .active)
@autodiffForward(name: "jvp_weighted", .dual, .dual)
func weighted(p: [Double]) -> Double {
  let shapes: [Shape] = [Circle(r: p[0]), Rect(w: p[1], h: p[2]), Square(side: p[1] * p[2])]
  var total = 0.0
  for shape in shapes {
    switch shape {
    case let rect as Rect where rect is Square: total += 3 * rect.area()
    case let rect as Rect: total += 2 * rect.area() + rect.h
    default: total += shape is Circle ? shape.area() : 0
    }
  }
  return total
}

// The radii of the circles among the shapes, by `compactMap { $0 as? Circle }`.
@autodiffReverse(name: "d_radii", .duplicated, .active)
@autodiffForward(name: "jvp_radii", .dual, .dual)
func radii(p: [Double]) -> Double {
  let shapes: [Shape] = [Circle(r: p[0]), Rect(w: p[1], h: p[2]), Circle(r: p[1] * p[2])]
  let circles = shapes.compactMap { $0 as? Circle }
  return circles.reduce(0) { $0 + $1.r * $1.r }
}

@main struct Main {
  static func main() {
    let p = [0.7, -0.4, 1.3]
    checkBoth("width", p, reverse: { _ = d_width(p: p, dp: &$0, seed: 1) }, forward: { jvp_width(p: p, dp: $0).1 }) {
      width(p: $0)
    }
    checkBoth(
      "weighted", p, reverse: { _ = d_weighted(p: p, dp: &$0, seed: 1) }, forward: { jvp_weighted(p: p, dp: $0).1 }
    ) { weighted(p: $0) }
    checkBoth("radii", p, reverse: { _ = d_radii(p: p, dp: &$0, seed: 1) }, forward: { jvp_radii(p: p, dp: $0).1 }) {
      radii(p: $0)
    }
    finish()
  }
}
