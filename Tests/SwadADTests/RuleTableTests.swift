// The derivative rule table: every spelling resolves, intrinsic type suffixes are looked through,
// and partials read what they say.
import SwadAD
import XCTest

final class RuleTableTests: XCTestCase {
  func testEverySpellingOfAFunctionFamilyFindsTheSameRule() {
    for name in ["sin", "sinf", "sinl", "llvm.sin.f64", "llvm.sin.f32", "llvm.sin.v4f64"] {
      let rule = DerivativeRules.function(named: name)
      XCTAssertNotNil(rule, name)
      XCTAssertEqual(rule?.partials.first??.description, "cos(x0)", name)
    }
    XCTAssertNotNil(DerivativeRules.function(named: "llvm.powi.f64.i32"))
    XCTAssertNotNil(DerivativeRules.function(named: "llvm.fmuladd.v2f64"))
  }

  func testTheIssueListHasRules() {
    let required = [
      "sqrt", "pow", "llvm.powi", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan",
      "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "fabs", "copysign", "fmin", "fmax", "llvm.minnum",
      "llvm.maxnum", "fma", "llvm.fmuladd", "floor", "ceil", "trunc", "round", "cbrt", "hypot", "erf", "erfc",
    ]
    for name in required {
      XCTAssertNotNil(DerivativeRules.function(named: name), name)
      XCTAssertNotNil(DerivativeRules.function(named: name.hasPrefix("llvm.") ? name : name + "f"), name + "f")
    }
    for opcode in ["fadd", "fsub", "fmul", "fdiv", "frem", "fneg"] {
      XCTAssertNotNil(DerivativeRules.instruction(opcode), opcode)
    }
  }

  func testIssue9FunctionsHaveRulesInEverySpelling() {
    for name in ["ldexp", "frexp", "modf", "fmod", "remainder", "remquo", "copysign", "fdim", "erf", "erfc",
                 "tgamma", "lgamma", "scalbn"] {
      for spelling in [name, name + "f", name + "l"] {
        XCTAssertNotNil(DerivativeRules.function(named: spelling), spelling)
      }
    }
    for name in ["llvm.ldexp.f64.i32", "llvm.frexp.f64.i32", "llvm.modf.f32", "llvm.copysign.f64", "llvm.fabs.v2f64"] {
      XCTAssertNotNil(DerivativeRules.function(named: name), name)
    }
    // Pair-returning intrinsics: the partials are of the first element.
    XCTAssertEqual(DerivativeRules.function(named: "llvm.frexp.f64.i32")?.resultElement, 0)
    XCTAssertEqual(DerivativeRules.function(named: "llvm.modf.f64")?.resultElement, 0)
    // Values written through pointers: frexp's integer exponent, modf's integral part.
    XCTAssertEqual(DerivativeRules.function(named: "frexp")?.outputs.map(\.operand), [1])
    XCTAssertEqual(DerivativeRules.function(named: "frexp")?.outputs.map(\.isInteger), [true])
    XCTAssertEqual(DerivativeRules.function(named: "modff")?.outputs.map(\.isInteger), [false])
    XCTAssertEqual(DerivativeRules.function(named: "fabs")?.partials[0]?.description, "copysign(1.0, x0)")
    XCTAssertEqual(DerivativeRules.function(named: "fmod")?.partials[1]?.description, "-trunc((x0 / x1))")
    XCTAssertEqual(DerivativeRules.function(named: "remainder")?.partials[1]?.description, "-roundeven((x0 / x1))")
    XCTAssertEqual(DerivativeRules.function(named: "lgamma")?.partials[0]?.description, "digamma(x0)")
  }

  func testPartialsReadWhatTheyNeed() {
    let fdiv = DerivativeRules.instruction("fdiv")!
    XCTAssertEqual(fdiv.partials[0]?.operandsRead, [1])
    XCTAssertTrue(fdiv.partials[1]!.readsResult)
    XCTAssertTrue(DerivativeRules.function(named: "exp")!.readsResult)
    XCTAssertFalse(DerivativeRules.function(named: "sin")!.readsResult)
    // powi's integer exponent carries no derivative.
    XCTAssertNil(DerivativeRules.function(named: "llvm.powi")!.partials[1])
  }

  func testRoundingHasZeroDerivative() {
    for name in ["floor", "ceil", "trunc", "round", "llvm.rint.f64", "nearbyintf"] {
      XCTAssertEqual(DerivativeRules.function(named: name)?.partials, [.constant(0)], name)
    }
  }

  func testUnknownNamesHaveNoRule() {
    XCTAssertNil(DerivativeRules.function(named: "my_function"))
    XCTAssertNil(DerivativeRules.function(named: "llvm.memcpy.p0.p0.i64"))
    XCTAssertNil(DerivativeRules.instruction("add"))
  }
}
