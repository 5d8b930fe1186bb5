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

  func testVectorReductionsAreMadeForTheLanesAsked() {
    let sum = DerivativeRules.function(named: "llvm.vector.reduce.fadd.v64f32")
    XCTAssertEqual(sum?.elementPartials?.first?.count, 65)  // the start value and 64 lanes
    XCTAssertEqual(sum?.elementPartials?.first?.allSatisfy { $0 == .constant(1) }, true)
    let product = DerivativeRules.function(named: "llvm.vector.reduce.fmul.v3f64")?.elementPartials?.first
    XCTAssertEqual(product?.map { $0?.description }, ["((x1 * x2) * x3)", "((x0 * x2) * x3)", "((x0 * x1) * x3)", "((x0 * x1) * x2)"])
    for name in ["fmax", "fmin", "fmaximum", "fminimum"] {
      let lanes = DerivativeRules.function(named: "llvm.vector.reduce.\(name).v32f64")?.elementPartials?.first
      XCTAssertEqual(lanes?.count, 32, name)  // no start value
      XCTAssertTrue(lanes?.first??.readsResult ?? false, name)
    }
    // Beyond the widths the rules are for, other element types, malformed names: no rule, and the
    // call is reported as a function without one.
    for name in ["llvm.vector.reduce.fadd.v65f64", "llvm.vector.reduce.fmul.v33f64", "llvm.vector.reduce.fmax.v33f32",
                 "llvm.vector.reduce.fadd.v1f64", "llvm.vector.reduce.fadd.v4f16", "llvm.vector.reduce.add.v4i64",
                 "llvm.vector.reduce.fadd.nxv2f64", "llvm.vector.reduce.fadd", "llvm.vector.reduce.fadd.vf64"] {
      XCTAssertNil(DerivativeRules.function(named: name), name)
    }
  }

  func testUnknownNamesHaveNoRule() {
    XCTAssertNil(DerivativeRules.function(named: "my_function"))
    XCTAssertNil(DerivativeRules.function(named: "llvm.memcpy.p0.p0.i64"))
    XCTAssertNil(DerivativeRules.instruction("add"))
  }

  func testComplexFunctionsHaveRulesOverTheScalarsOfTheirOperands() {
    for name in ["cabs", "carg", "cexp", "clog", "csqrt", "cpow", "csin", "ccos", "ctan", "csinh", "ccosh", "ctanh",
                 "casin", "cacos", "catan", "casinh", "cacosh", "catanh", "conj", "cproj", "creal", "cimag"] {
      for spelling in [name, name + "f"] {
        XCTAssertNotNil(DerivativeRules.function(named: spelling)?.elementPartials, spelling)
      }
      // Long double complex goes through memory: no rule rather than a wrong one.
      XCTAssertNil(DerivativeRules.function(named: name + "l"), name + "l")
    }
    for name in ["__muldc3", "__mulsc3", "__divdc3", "__divsc3"] {
      // Two complex operands (four scalars), a complex result (two rows).
      let rows = DerivativeRules.function(named: name)?.elementPartials
      XCTAssertEqual(rows?.count, 2, name)
      XCTAssertEqual(rows?.map(\.count), [4, 4], name)
    }
    // cexp' = cexp: the Jacobian [[re f, −im f], [im f, re f]].
    let cexp = DerivativeRules.function(named: "cexp")!.elementPartials!
    XCTAssertEqual(cexp.map { $0.map { $0?.description ?? "nil" } },
                   [["result[0]", "-result[1]"], ["result[1]", "result[0]"]])
    XCTAssertTrue(DerivativeRules.function(named: "cexpf")!.readsResult)
    // |z| is real: one row, re/|z| and im/|z| (0 at 0).
    let cabs = DerivativeRules.function(named: "cabs")!.elementPartials!
    XCTAssertEqual(cabs.count, 1)
    XCTAssertEqual(cabs[0][0]?.description, "(result == 0.0 ? 0.0 : (x0 / result))")
    // __muldc3(a, b, c, d) = (a + bi)(c + di): ∂re/∂a = c, ∂re/∂b = −d, ∂re/∂c = a, ∂re/∂d = −b.
    let mul = DerivativeRules.function(named: "__muldc3")!.elementPartials!
    XCTAssertEqual(mul[0].map { $0?.description ?? "nil" }, ["x2", "-x3", "x0", "-x1"])
  }

  func testX86HorizontalAddsAreLinearRules() {
    // hadd.pd.256(a, b) = [a0+a1, b0+b1, a2+a3, b2+b3].
    let rows = DerivativeRules.function(named: "llvm.x86.avx.hadd.pd.256")!.elementPartials!
    let ones = rows.map { row in row.indices.filter { row[$0] != nil } }
    XCTAssertEqual(ones, [[0, 1], [4, 5], [2, 3], [6, 7]])
    let hsub = DerivativeRules.function(named: "llvm.x86.sse3.hsub.ps")!.elementPartials!
    XCTAssertEqual(hsub[0][1], .constant(-1))
  }
}
