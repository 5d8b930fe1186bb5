// The derivative's signature for each activity: README's "Swift API" table, row by row, and the
// talk's examples (Rust's std::autodiff generates the same shapes).
import XCTest

final class ReverseSignatureTests: XCTestCase {
  let f = "func f(x: Double, y: Double) -> Double { x * y + sin(x) * y }"

  func testActiveEverywhere() {
    assertSignature(
      "@autodiffReverse(name: \"df\", .active, .active, .active)\n" + f,
      "func df(x: Double, y: Double, seed: Double) -> (Double, Double, Double)")
  }

  func testActiveOnlyResultDropsThePrimal() {
    assertSignature(
      "@autodiffReverse(name: \"df\", .active, .active, .activeOnly)\n" + f,
      "func df(x: Double, y: Double, seed: Double) -> (Double, Double)")
  }

  func testConstParameterHasNoAdjoint() {
    assertSignature(
      "@autodiffReverse(name: \"df\", .active, .const, .active)\n" + f,
      "func df(x: Double, y: Double, seed: Double) -> (Double, Double)")
  }

  func testConstResultHasNoSeed() {
    assertSignature(
      "@autodiffReverse(name: \"df\", .active, .active, .const)\n" + f,
      "func df(x: Double, y: Double) -> (Double, Double, Double)")
  }

  func testOneAdjointAlone() {
    assertSignature(
      "@autodiffReverse(name: \"df\", .active, .activeOnly)\nfunc f(x: Float) -> Float { x * x }",
      "func df(x: Float, seed: Float) -> Float")
  }

  func testFloat() {
    assertSignature(
      "@autodiffReverse(name: \"df\", .active, .active)\nfunc f(x: Float) -> Float { x * x }",
      "func df(x: Float, seed: Float) -> (Float, Float)")
  }

  func testTupleAdjointIsATuple() {
    assertSignature(
      "@autodiffReverse(name: \"df\", .active, .const, .active)\nfunc f(p: (Double, Double), s: Double) -> Double { 0 }",
      "func df(p: (Double, Double), s: Double, seed: Double) -> (Double, (Double, Double))")
  }

  func testPointerShadowIsMutable() {
    assertSignature(
      "@autodiffReverse(name: \"df\", .duplicated, .const, .active)\nfunc f(x: UnsafePointer<Double>, n: Int) -> Double { 0 }",
      "func df(x: UnsafePointer<Double>, dx: UnsafeMutablePointer<Double>, n: Int, seed: Double) -> Double")
  }

  func testDuplicatedOnlyHasTheSameSignature() {
    assertSignature(
      "@autodiffReverse(name: \"df\", .duplicatedOnly, .const, .active)\nfunc f(x: UnsafePointer<Double>, n: Int) -> Double { 0 }",
      "func df(x: UnsafePointer<Double>, dx: UnsafeMutablePointer<Double>, n: Int, seed: Double) -> Double")
  }

  func testBufferPointer() {
    assertSignature(
      "@autodiffReverse(name: \"df\", .duplicated, .activeOnly)\nfunc f(x: UnsafeBufferPointer<Double>) -> Double { 0 }",
      "func df(x: UnsafeBufferPointer<Double>, dx: UnsafeMutableBufferPointer<Double>, seed: Double)")
  }

  func testArrayShadowIsInout() {
    assertSignature(
      "@autodiffReverse(name: \"df\", .duplicated, .const, .active)\nfunc f(x: [Double], w: [Double]) -> Double { 0 }",
      "func df(x: [Double], dx: inout [Double], w: [Double], seed: Double) -> Double")
  }

  func testInout() {
    assertSignature(
      "@autodiffReverse(name: \"df\", .duplicated)\nfunc f(x: inout Double) { x *= x }",
      "func df(x: inout Double, dx: inout Double)")
  }

  /// The talk's appendix: f(x: &[f32;2], y: &mut [f32;1]) with Duplicated, Duplicated.
  func testTalkOutputThroughPointer() {
    assertSignature(
      "@autodiffReverse(name: \"df\", .duplicated, .duplicated)\n"
        + "func f(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) { y[0] = x[0] * x[0] + x[1] * x[0] }",
      "func df(x: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>, y: UnsafeMutablePointer<Float>, "
        + "dy: UnsafeMutablePointer<Float>)")
  }

  /// The talk's d_sse: Const, Active, Active, Active, Active, Active; called as d_sse(temps, a, b, p, c, 1.0).
  func testTalkSineFitLoss() {
    assertSignature(
      "@autodiffReverse(name: \"d_sse\", .const, .active, .active, .active, .active, .active)\n"
        + "func sse(temps: [Float], a: Float, b: Float, p: Float, c: Float) -> Float { 0 }",
      "func d_sse(temps: [Float], a: Float, b: Float, p: Float, c: Float, seed: Float) -> (Float, Float, Float, Float, Float)")
  }

  /// The talk's d_f_affine: Active, Const, Active gives (y, dx) from (x, bias, df).
  func testTalkAffine() {
    assertSignature(
      "@autodiffReverse(name: \"d_f_affine\", .active, .const, .active)\nfunc f_affine(x: Double, bias: Double) -> Double { x + bias }",
      "func d_f_affine(x: Double, bias: Double, seed: Double) -> (Double, Double)")
  }

  func testUnlabeledParametersGetUnlabeledShadows() {
    assertSignature(
      "@autodiffReverse(name: \"df\", .duplicated, .active, .active)\nfunc f(_ x: UnsafePointer<Double>, _ y: Double) -> Double { 0 }",
      "func df(_ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>, _ y: Double, seed: Double) -> (Double, Double)")
  }

  func testShadowNamesAvoidExistingParameters() {
    assertSignature(
      "@autodiffReverse(name: \"df\", .duplicated, .active, .active)\nfunc f(x: UnsafePointer<Double>, dx: Double) -> Double { 0 }",
      "func df(x: UnsafePointer<Double>, dx_: UnsafeMutablePointer<Double>, dx: Double, seed: Double) -> (Double, Double)")
  }

  func testMembersKeepStaticAndAccess() {
    assertSignature(
      "enum M {\n@autodiffReverse(name: \"d_h\", .active, .active)\npublic static func h(_ x: Double) -> Double { x }\n}",
      "public static func d_h(_ x: Double, seed: Double) -> (Double, Double)")
    assertSignature(
      "struct P {\nvar c: Double\n@autodiffReverse(name: \"d_eval\", .active, .active)\nfunc eval(at x: Double) -> Double { c * x }\n}",
      "func d_eval(at x: Double, seed: Double) -> (Double, Double)")
  }

  func testConstantOfAnyType() {
    assertSignature(
      "@autodiffReverse(name: \"df\", .const, .active, .active)\nfunc f(p: Params, x: Double) -> Double { 0 }",
      "func df(p: Params, x: Double, seed: Double) -> (Double, Double)")
  }
}

final class ForwardSignatureTests: XCTestCase {
  let f = "func f(x: Double, y: Double) -> Double { x * y + sin(x) * y }"

  func testDualEverywhere() {
    assertSignature(
      "@autodiffForward(name: \"df\", .dual, .dual, .dual)\n" + f,
      "func df(x: Double, dx: Double, y: Double, dy: Double) -> (Double, Double)")
  }

  /// The talk's d_f_affine in forward mode: Dual, Const, Dual gives (y, dy) from (x, dx, bias).
  func testTalkAffine() {
    assertSignature(
      "@autodiffForward(name: \"d_f_affine\", .dual, .const, .dual)\nfunc f_affine(x: Double, bias: Double) -> Double { x + bias }",
      "func d_f_affine(x: Double, dx: Double, bias: Double) -> (Double, Double)")
  }

  func testDualOnlyResultIsTheTangent() {
    assertSignature(
      "@autodiffForward(name: \"df\", .dual, .dual, .dualOnly)\n" + f,
      "func df(x: Double, dx: Double, y: Double, dy: Double) -> Double")
  }

  func testConstResultIsThePrimal() {
    assertSignature(
      "@autodiffForward(name: \"df\", .dual, .dual, .const)\n" + f,
      "func df(x: Double, dx: Double, y: Double, dy: Double) -> Double")
  }

  func testDualOnlyParameterHasTheSameSignature() {
    assertSignature(
      "@autodiffForward(name: \"df\", .dualOnly, .const, .dual)\n" + f,
      "func df(x: Double, dx: Double, y: Double) -> (Double, Double)")
  }

  func testWidthGivesOneTangentPerLane() {
    assertSignature(
      "@autodiffForward(name: \"df\", width: 2, .dual, .dual, .dual)\n" + f,
      "func df(x: Double, dx_0: Double, dx_1: Double, y: Double, dy_0: Double, dy_1: Double) -> (Double, Double, Double)")
    assertSignature(
      "@autodiffForward(name: \"df\", width: 2, .dual, .dual, .dualOnly)\n" + f,
      "func df(x: Double, dx_0: Double, dx_1: Double, y: Double, dy_0: Double, dy_1: Double) -> (Double, Double)")
  }

  func testDualvGivesOneVectorShadow() {
    assertSignature(
      "@autodiffForward(name: \"df\", width: 3, .dualv, .dualv, .dualv)\n" + f,
      "func df(x: Double, dx: (Double, Double, Double), y: Double, dy: (Double, Double, Double)) -> (Double, (Double, Double, Double))")
    assertSignature(
      "@autodiffForward(name: \"df\", width: 3, .dualvOnly, .dualv, .dualvOnly)\n" + f,
      "func df(x: Double, dx: (Double, Double, Double), y: Double, dy: (Double, Double, Double)) -> (Double, Double, Double)")
  }

  /// The talk's d_f_dot in forward mode: Dual, Dual, Dual; shadows of the same types.
  func testTalkDotProduct() {
    assertSignature(
      "@autodiffForward(name: \"d_f_dot\", .dual, .dual, .dual)\nfunc f_dot(x: UnsafeBufferPointer<Float>, w: [Float]) -> Float { 0 }",
      "func d_f_dot(x: UnsafeBufferPointer<Float>, dx: UnsafeBufferPointer<Float>, w: [Float], dw: [Float]) -> (Float, Float)")
  }

  func testPointersKeepTheirType() {
    assertSignature(
      "@autodiffForward(name: \"df\", .dual, .dual)\nfunc f(x: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>) { }",
      "func df(x: UnsafePointer<Double>, dx: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>, dy: UnsafeMutablePointer<Double>)")
  }

  func testInout() {
    assertSignature(
      "@autodiffForward(name: \"df\", .dual)\nfunc f(x: inout Double) { x *= x }",
      "func df(x: inout Double, dx: inout Double)")
    assertSignature(
      "@autodiffForward(name: \"df\", width: 2, .dualv)\nfunc f(x: inout Double) { x *= x }",
      "func df(x: inout Double, dx: inout (Double, Double))")
  }

  func testDualvBufferHoldsAllLanes() {
    assertSignature(
      "@autodiffForward(name: \"df\", width: 4, .dualv, .dualvOnly)\nfunc f(x: UnsafeBufferPointer<Double>) -> Double { 0 }",
      "func df(x: UnsafeBufferPointer<Double>, dx: UnsafeBufferPointer<Double>) -> (Double, Double, Double, Double)")
  }

  func testTupleTangentIsATuple() {
    assertSignature(
      "@autodiffForward(name: \"df\", .dual, .dual)\nfunc f(p: (a: Double, b: Double)) -> Double { p.a * p.b }",
      "func df(p: (a: Double, b: Double), dp: (a: Double, b: Double)) -> (Double, Double)")
  }
}

/// `@autodiffReverse(width: N)`: batched reverse mode, one lane per seed of the outputs.
final class BatchedReverseSignatureTests: XCTestCase {
  let f = "func f(x: Double, y: Double) -> Double { x * y + sin(x) * y }"

  func testWidthGivesOneSeedPerLaneAndAdjointTuples() {
    assertSignature(
      "@autodiffReverse(name: \"df\", width: 2, .active, .active, .active)\n" + f,
      "func df(x: Double, y: Double, seed_0: Double, seed_1: Double) -> (Double, (Double, Double), (Double, Double))")
    assertSignature(
      "@autodiffReverse(name: \"df\", width: 3, .active, .const, .activeOnly)\n" + f,
      "func df(x: Double, y: Double, seed_0: Double, seed_1: Double, seed_2: Double) -> (Double, Double, Double)")
  }

  func testWidthOneIsTheUnbatchedSignature() {
    assertSignature(
      "@autodiffReverse(name: \"df\", width: 1, .active, .active, .active)\n" + f,
      "func df(x: Double, y: Double, seed: Double) -> (Double, Double, Double)")
  }

  func testConstResultHasNoSeeds() {
    assertSignature(
      "@autodiffReverse(name: \"df\", width: 2, .active, .const, .const)\n" + f,
      "func df(x: Double, y: Double) -> (Double, (Double, Double))")
  }

  func testTupleAdjointIsATupleOfLanes() {
    assertSignature(
      "@autodiffReverse(name: \"df\", width: 2, .active, .activeOnly)\nfunc f(p: (a: Double, b: Double)) -> Double { 0 }",
      "func df(p: (a: Double, b: Double), seed_0: Double, seed_1: Double) -> ((a: Double, b: Double), (a: Double, b: Double))")
  }

  func testDuplicatedGivesOneShadowPerLane() {
    assertSignature(
      "@autodiffReverse(name: \"df\", width: 2, .duplicated, .const, .active)\nfunc f(x: UnsafePointer<Double>, n: Int) -> Double { 0 }",
      "func df(x: UnsafePointer<Double>, dx_0: UnsafeMutablePointer<Double>, dx_1: UnsafeMutablePointer<Double>, n: Int, "
        + "seed_0: Double, seed_1: Double) -> Double")
    assertSignature(
      "@autodiffReverse(name: \"df\", width: 2, .duplicatedOnly, .activeOnly)\nfunc f(x: UnsafeBufferPointer<Float>) -> Float { 0 }",
      "func df(x: UnsafeBufferPointer<Float>, dx_0: UnsafeMutableBufferPointer<Float>, "
        + "dx_1: UnsafeMutableBufferPointer<Float>, seed_0: Float, seed_1: Float)")
    assertSignature(
      "@autodiffReverse(name: \"df\", width: 3, .duplicated, .duplicated)\nfunc f(x: [Double], y: inout [Double]) { }",
      "func df(x: [Double], dx_0: inout [Double], dx_1: inout [Double], dx_2: inout [Double], y: inout [Double], "
        + "dy_0: inout [Double], dy_1: inout [Double], dy_2: inout [Double])")
    assertSignature(
      "@autodiffReverse(name: \"df\", width: 2, .duplicated)\nfunc f(_ z: inout (Double, Double)) { }",
      "func df(_ z: inout (Double, Double), _ dz_0: inout (Double, Double), _ dz_1: inout (Double, Double))")
  }

  func testSeedNamesAvoidExistingParameters() {
    assertSignature(
      "@autodiffReverse(name: \"df\", width: 2, .active, .activeOnly)\nfunc f(seed_0: Double) -> Double { 0 }",
      "func df(seed_0: Double, seed_0_: Double, seed_1: Double) -> (Double, Double)")
  }
}
