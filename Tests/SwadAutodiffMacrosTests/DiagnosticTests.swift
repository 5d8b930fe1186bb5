// Compile-time diagnostics: an activity that does not fit its parameter's type or its mode, a wrong
// number of activities, names Swift does not let the macro introduce, and functions that cannot go
// through a C entry point; with fix-its where one is natural.
import SwadAutodiffMacros
import SwiftSyntaxMacrosTestSupport
import XCTest

final class DiagnosticTests: XCTestCase {
  /// Asserts that expanding `source` gives one error with `message` at `line`:`column`, no derivative,
  /// and, when `fixIt` is given, that applying it gives `fixed`.
  func assertError(
    _ source: String, _ message: String, line: Int, column: Int, fixIt: String? = nil, fixed: String? = nil,
    file: StaticString = #filePath, testLine: UInt = #line
  ) {
    let withoutAttribute = source.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("@autodiff") }.joined(separator: "\n")
    assertMacroExpansion(
      source, expandedSource: withoutAttribute,
      diagnostics: [
        DiagnosticSpec(
          message: message, line: line, column: column,
          fixIts: fixIt.map { [FixItSpec(message: $0, originatorFile: file, originatorLine: testLine)] } ?? [],
          originatorFile: file, originatorLine: testLine)
      ],
      macros: autodiffMacros, applyFixIts: fixIt.map { [$0] }, fixedSource: fixed, file: file, line: testLine)
  }

  // MARK: - Activities against types

  func testDuplicatedOnAScalar() {
    assertError(
      "@autodiffReverse(name: \"df\", .duplicated, .active)\nfunc f(x: Double) -> Double { x }",
      "'.duplicated' needs a pointer, buffer pointer, array or inout parameter; parameter 'x' of type Double is "
        + "passed by value: use .active (its adjoint is returned)",
      line: 1, column: 30, fixIt: "use '.active'",
      fixed: "@autodiffReverse(name: \"df\", .active, .active)\nfunc f(x: Double) -> Double { x }")
  }

  func testActiveOnAPointer() {
    assertError(
      "@autodiffReverse(name: \"df\", .active, .const, .active)\nfunc f(x: UnsafePointer<Double>, n: Int) -> Double { x[0] }",
      "'.active' needs a Float, Double or a tuple of them; parameter 'x' of type UnsafePointer<Double> is a "
        + "pointer, whose adjoint is added into a shadow: use .duplicated",
      line: 1, column: 30, fixIt: "use '.duplicated'",
      fixed: "@autodiffReverse(name: \"df\", .duplicated, .const, .active)\n"
        + "func f(x: UnsafePointer<Double>, n: Int) -> Double { x[0] }")
  }

  func testActiveOnAnInteger() {
    assertError(
      "@autodiffReverse(name: \"df\", .active, .active, .active)\nfunc f(x: Double, n: Int) -> Double { x }",
      "parameter 'n' of type Int cannot be differentiated; mark it .const",
      line: 1, column: 39, fixIt: "use '.const'",
      fixed: "@autodiffReverse(name: \"df\", .active, .const, .active)\nfunc f(x: Double, n: Int) -> Double { x }")
  }

  func testActiveOnAStruct() {
    assertError(
      "@autodiffReverse(name: \"df\", .active, .active, .active)\nfunc f(p: Params, x: Double) -> Double { x }",
      "parameter 'p' of type Params cannot be differentiated (the macros differentiate Float, Double, tuples of "
        + "them, pointers, buffer pointers, arrays and inout parameters); mark it .const",
      line: 1, column: 30, fixIt: "use '.const'",
      fixed: "@autodiffReverse(name: \"df\", .const, .active, .active)\nfunc f(p: Params, x: Double) -> Double { x }")
  }

  func testActiveOnlyOnAParameter() {
    assertError(
      "@autodiffReverse(name: \"df\", .activeOnly, .active)\nfunc f(x: Double) -> Double { x }",
      "'.activeOnly' applies to the result (its primal value is then not returned); for parameter 'x' of type "
        + "Double use .active",
      line: 1, column: 30, fixIt: "use '.active'",
      fixed: "@autodiffReverse(name: \"df\", .active, .active)\nfunc f(x: Double) -> Double { x }")
  }

  func testDuplicatedResult() {
    assertError(
      "@autodiffReverse(name: \"df\", .active, .duplicated)\nfunc f(x: Double) -> Double { x }",
      "'.duplicated' is for parameters; a Double result is .active (seeded, and returned first) or .activeOnly "
        + "(seeded, not returned)",
      line: 1, column: 39, fixIt: "use '.active'",
      fixed: "@autodiffReverse(name: \"df\", .active, .active)\nfunc f(x: Double) -> Double { x }")
  }

  func testDualvOnAPointerWithoutCount() {
    assertError(
      "@autodiffForward(name: \"df\", width: 2, .dualv, .dual)\nfunc f(x: UnsafePointer<Double>) -> Double { x[0] }",
      "'.dualv' needs to know how many elements parameter 'x' of type UnsafePointer<Double> has, to find the "
        + "lanes in its one shadow: use a buffer pointer or an array, or .dual (one shadow pointer per lane)",
      line: 1, column: 40, fixIt: "use '.dual'",
      fixed: "@autodiffForward(name: \"df\", width: 2, .dual, .dual)\nfunc f(x: UnsafePointer<Double>) -> Double { x[0] }")
  }

  func testDualvOnAnInoutArray() {
    assertError(
      "@autodiffForward(name: \"df\", width: 2, .dualv, .dual)\nfunc f(x: inout [Double]) -> Double { 0 }",
      "'.dualv' on parameter 'x' of type inout [Double] is not supported (each lane needs its own shadow); use .dual",
      line: 1, column: 40, fixIt: "use '.dual'",
      fixed: "@autodiffForward(name: \"df\", width: 2, .dual, .dual)\nfunc f(x: inout [Double]) -> Double { 0 }")
  }

  // MARK: - Activities against modes

  func testForwardActivityInReverseMode() {
    assertError(
      "@autodiffReverse(name: \"df\", .dual, .active)\nfunc f(x: Double) -> Double { x }",
      "'.dual' is a forward-mode activity; @autodiffReverse takes .const, .active (Float, Double and tuples of "
        + "them), .duplicated or .duplicatedOnly (pointers, buffer pointers, arrays, inout)",
      line: 1, column: 30, fixIt: "use '.active'",
      fixed: "@autodiffReverse(name: \"df\", .active, .active)\nfunc f(x: Double) -> Double { x }")
  }

  func testReverseActivityInForwardMode() {
    assertError(
      "@autodiffForward(name: \"df\", .active, .dual)\nfunc f(x: Double) -> Double { x }",
      "'.active' is a reverse-mode activity; @autodiffForward takes .const, .dual, .dualOnly, .dualv or .dualvOnly",
      line: 1, column: 30, fixIt: "use '.dual'",
      fixed: "@autodiffForward(name: \"df\", .dual, .dual)\nfunc f(x: Double) -> Double { x }")
  }

  func testReverseResultActivityInForwardMode() {
    assertError(
      "@autodiffForward(name: \"df\", .dual, .activeOnly)\nfunc f(x: Double) -> Double { x }",
      "'.activeOnly' is a reverse-mode activity; the result of a @autodiffForward function is .const, .dual, "
        + ".dualOnly, .dualv or .dualvOnly",
      line: 1, column: 37, fixIt: "use '.dualOnly'",
      fixed: "@autodiffForward(name: \"df\", .dual, .dualOnly)\nfunc f(x: Double) -> Double { x }")
  }

  func testNotAnActivity() {
    assertError(
      "@autodiffReverse(name: \"df\", .activ, .active)\nfunc f(x: Double) -> Double { x }",
      "'.activ' is not an activity; activities are .const, .active, .activeOnly, .duplicated, .duplicatedOnly, "
        + ".dual, .dualOnly, .dualv, .dualvOnly",
      line: 1, column: 30)
  }

  // MARK: - Counts

  func testTooFewActivities() {
    assertError(
      "@autodiffReverse(name: \"df\", .active)\nfunc f(x: Double, p: UnsafePointer<Double>, n: Int) -> Double { x }",
      "@autodiffReverse on 'f' needs 4 activities (3 for its parameters, then 1 for its Double result); found 1",
      line: 1, column: 1, fixIt: "add .duplicated, .const, .active",
      fixed: "@autodiffReverse(name: \"df\", .active, .duplicated, .const, .active)\n"
        + "func f(x: Double, p: UnsafePointer<Double>, n: Int) -> Double { x }")
  }

  func testTooManyActivities() {
    assertError(
      "@autodiffForward(name: \"df\", .dual, .dual)\nfunc f(x: inout Double) { x *= x }",
      "@autodiffForward on 'f' needs 1 activity (1 for its parameter), none for its result (it returns "
        + "nothing); found 2",
      line: 1, column: 1, fixIt: "remove .dual",
      fixed: "@autodiffForward(name: \"df\", .dual)\nfunc f(x: inout Double) { x *= x }")
  }

  // MARK: - Names

  func testNameSwiftDoesNotAllow() {
    assertError(
      "@autodiffReverse(name: \"derivativeOfF\", .active, .active)\nfunc f(x: Double) -> Double { x }",
      "Swift lets a peer macro introduce only the names its declaration lists: the derivative of 'f' can be named "
        + "df, d_f, ddf, dd_f, grad_f, gradient_f, jvp_f, f_d, f_grad, f_gradient, fGrad, fGradient, ... (a prefix "
        + "d, d_, dd, grad_, jvp_, vjp_, hvp_ or a suffix _grad, Gradient, Derivative, Tangent, ... of 'f'), or df, "
        + "ddf, grad, gradient, jvp, vjp, hvp, derivative, tangent; not 'derivativeOfF'",
      line: 1, column: 24, fixIt: "name it 'd_f'",
      fixed: "@autodiffReverse(name: \"d_f\", .active, .active)\nfunc f(x: Double) -> Double { x }")
  }

  func testInvalidName() {
    assertError(
      "@autodiffReverse(name: \"d f\", .active, .active)\nfunc f(x: Double) -> Double { x }",
      "'d f' is not a valid name for the derivative", line: 1, column: 24, fixIt: "name it 'd_f'",
      fixed: "@autodiffReverse(name: \"d_f\", .active, .active)\nfunc f(x: Double) -> Double { x }")
  }

  // MARK: - Functions that cannot be differentiated this way

  func testNotAFunction() {
    assertError(
      "@autodiffReverse(name: \"df\", .active, .active)\nvar x: Double = 0",
      "@autodiffReverse can only be attached to a function", line: 1, column: 1)
  }

  func testGenericFunction() {
    assertError(
      "@autodiffReverse(name: \"df\", .active, .active)\nfunc f<T>(x: Double) -> Double { x }",
      "@autodiffReverse cannot differentiate a generic function: the derivative is taken of compiled code, one "
        + "specialization at a time; write a non-generic wrapper", line: 2, column: 7)
  }

  func testThrowingFunction() {
    assertError(
      "@autodiffForward(name: \"df\", .dual, .dual)\nfunc f(x: Double) throws -> Double { x }",
      "@autodiffForward cannot differentiate a throwing function", line: 2, column: 19)
  }

  func testVariadicParameter() {
    assertError(
      "@autodiffReverse(name: \"df\", .active, .active)\nfunc f(x: Double...) -> Double { 0 }",
      "@autodiffReverse cannot differentiate a variadic parameter", line: 2, column: 17)
  }

  func testTupleResult() {
    assertError(
      "@autodiffReverse(name: \"df\", .active, .active)\nfunc f(x: Double) -> (Double, Double) { (x, x) }",
      "a result of type (Double, Double) cannot be returned through the C entry point that swad differentiates; "
        + "return a Float or a Double, or write results through a pointer, buffer or inout parameter",
      line: 2, column: 22)
  }

  func testNothingToDifferentiate() {
    assertError(
      "@autodiffReverse(name: \"df\", .const, .active)\nfunc f(x: Double) -> Double { x }",
      "every parameter of 'f' is .const: there is nothing to differentiate", line: 1, column: 1)
  }

  func testBadWidth() {
    assertError(
      "@autodiffForward(name: \"df\", width: 0, .dual, .dual)\nfunc f(x: Double) -> Double { x }",
      "the width must be an integer literal from 1 to 64 (the number of directions)", line: 1, column: 37)
  }

  func testBadWidthInReverseMode() {
    assertError(
      "@autodiffReverse(name: \"df\", width: 65, .active, .active)\nfunc f(x: Double) -> Double { x }",
      "the width must be an integer literal from 1 to 64 (the number of lanes, each seeded on its own)",
      line: 1, column: 37)
    assertError(
      "@autodiffReverse(name: \"df\", width: 0, .active, .active)\nfunc f(x: Double) -> Double { x }",
      "the width must be an integer literal from 1 to 64 (the number of lanes, each seeded on its own)",
      line: 1, column: 37)
    assertError(
      "@autodiffReverse(name: \"df\", width: lanes, .active, .active)\nfunc f(x: Double) -> Double { x }",
      "the width must be an integer literal from 1 to 64 (the number of lanes, each seeded on its own)",
      line: 1, column: 37)
  }

  /// Reverse mode has no activity for enzyme_dupv: each lane gets its own shadow.
  func testVectorShadowInReverseMode() {
    assertError(
      "@autodiffReverse(name: \"df\", width: 2, .dualv, .active)\nfunc f(x: UnsafeBufferPointer<Double>) -> Double { 0 }",
      "'.dualv' is a forward-mode activity; @autodiffReverse takes .const, .active (Float, Double and tuples of "
        + "them), .duplicated or .duplicatedOnly (pointers, buffer pointers, arrays, inout); one shadow holding all "
        + "lanes (Enzyme's enzyme_dupv) is not supported in reverse mode: with width: N, .duplicated takes N "
        + "shadows, one per lane",
      line: 1, column: 40, fixIt: "use '.duplicated'",
      fixed: "@autodiffReverse(name: \"df\", width: 2, .duplicated, .active)\n"
        + "func f(x: UnsafeBufferPointer<Double>) -> Double { 0 }")
  }

  func testLocalFunction() {
    assertMacroExpansion(
      "func g() {\n@autodiffReverse(name: \"df\", .active, .active)\nfunc f(x: Double) -> Double { x }\n}",
      expandedSource: "func g() {\nfunc f(x: Double) -> Double { x }\n}",
      diagnostics: [
        DiagnosticSpec(
          message: "@autodiffReverse works on functions at file scope and members of types; Swift does not look up "
            + "names that a macro adds beside a local function", line: 3, column: 6)
      ], macros: autodiffMacros)
  }

  func testMutatingMethod() {
    assertMacroExpansion(
      "struct S {\n@autodiffReverse(name: \"df\", .active, .active)\nmutating func f(x: Double) -> Double { x }\n}",
      expandedSource: "struct S {\nmutating func f(x: Double) -> Double { x }\n}",
      diagnostics: [
        DiagnosticSpec(
          message: "@autodiffReverse cannot differentiate a mutating method; make it static with an inout parameter",
          line: 3, column: 1)
      ], macros: autodiffMacros)
  }

  func testMemberOfAGenericType() {
    assertMacroExpansion(
      "struct S<T> {\n@autodiffReverse(name: \"df\", .active, .active)\nstatic func f(x: Double) -> Double { x }\n}",
      expandedSource: "struct S<T> {\nstatic func f(x: Double) -> Double { x }\n}",
      diagnostics: [
        DiagnosticSpec(message: "@autodiffReverse cannot differentiate a member of a generic type", line: 3, column: 13)
      ], macros: autodiffMacros)
  }
}
