// How remarks name functions (Support/RemarkNames.swift).
import XCTest

@testable import SwadAD

final class RemarkNamesTests: XCTestCase {
  func testCNamesStayAsTheyAre() {
    XCTAssertEqual(RemarkName.function("gmm_objective"), "gmm_objective")
    XCTAssertEqual(RemarkName.function("_Zfoo"), "_Zfoo")  // no demangling: left as it is
  }

  func testCXXTemplateArgumentsAreElided() {
    XCTAssertEqual(
      RemarkName.function("_ZNSt6vectorIdSaIdEE9push_backERKd"), "std::vector<…>::push_back(double const&)")
    XCTAssertEqual(
      RemarkName.function("_Z4lossPKdS0_S0_"), "loss(double const*, double const*, double const*)")
  }

  func testCXXOperatorNamesAreNotBrackets() {
    XCTAssertEqual(RemarkName.function("_ZlsRSoRK1A"), "operator<<(std::ostream&, A const&)")
    XCTAssertEqual(RemarkName.function("_ZNK1AltERKS_"), "A::operator<(A const&) const")
    XCTAssertEqual(RemarkName.function("_ZN1AptEv"), "A::operator->()")
    // An operator template's own arguments are elided too.
    XCTAssertEqual(
      RemarkName.elidingTemplateArguments("A& A::operator=<int>(int const&)"),
      "A& A::operator=<…>(int const&)")
    XCTAssertEqual(
      RemarkName.elidingTemplateArguments("A::operator-=<int>(B<int>)"), "A::operator-=<…>(B<…>)")
    XCTAssertEqual(
      RemarkName.elidingTemplateArguments("bool operator< <int>(A<int>)"), "bool operator< <…>(A<…>)")
    // Brackets that do not pair up: the text as it is.
    XCTAssertEqual(RemarkName.elidingTemplateArguments("f<(1>0)>()"), "f<(1>0)>()")
    XCTAssertEqual(RemarkName.elidingTemplateArguments("g<int"), "g<int")
    // `operator` only as a word.
    XCTAssertEqual(RemarkName.elidingTemplateArguments("Cooperator<int>::run()"), "Cooperator<…>::run()")
  }

  func testSwiftFunctionsAreNamedByTheirLabels() {
    XCTAssertEqual(
      RemarkName.function(
        "$s4sgmm12gmmObjective1d1k1n6alphas5means3icf1x12wishartGamma0G1MSdSi_S2iSaySdGA3LSdSitF"),
      "gmmObjective(d:k:n:alphas:means:icf:x:wishartGamma:wishartM:)")
    XCTAssertEqual(RemarkName.function("$s4main5scaleyS2dF"), "scale(_:)")
    // The standard library's methods keep their type.
    XCTAssertEqual(RemarkName.shortSwift("Swift.Double.squareRoot() -> Swift.Double"), "Double.squareRoot()")
    XCTAssertEqual(
      RemarkName.shortSwift(
        "main.Model.loss(of: (Swift.Double) -> Swift.Double, at: Swift.Int) -> Swift.Double"),
      "Model.loss(of:at:)")
  }

  func testOtherSwiftSymbolsKeepTheirDemanglingWithoutTheStandardLibrarysModule() {
    XCTAssertEqual(RemarkName.function("$s4main3FooV5valueSdvg"), "main.Foo.value.getter : Double")
    XCTAssertEqual(
      RemarkName.shortSwift("closure #1 (Swift.Double) -> Swift.Double in main.outer() -> ()"),
      "closure #1 (Double) -> Double in main.outer() -> ()")
    // The standard library's module only: a module whose name ends in Swift keeps its name.
    XCTAssertEqual(RemarkName.shortSwift("main.f(x: MySwift.Point) -> Swift.Int"), "f(x:)")
    XCTAssertEqual(
      RemarkName.shortSwift("closure #1 in main.f(x: MySwift.Point) -> Swift.Int"),
      "closure #1 in main.f(x: MySwift.Point) -> Int")
  }

  func testDerivativesSayWhatTheyAreAndOfWhat() {
    XCTAssertEqual(RemarkName.derivative("diffenet"), "the gradient of net")
    XCTAssertEqual(RemarkName.derivative("diffenet.14"), "the gradient of net (diffenet.14)")
    XCTAssertEqual(
      RemarkName.derivative("diffe_reverse__Z4lossPKdS0_S0_"),
      "the reverse sweep of loss(double const*, double const*, double const*)")
    XCTAssertEqual(RemarkName.derivative("augmented_f"), "the forward sweep of f")
    XCTAssertEqual(RemarkName.derivative("fwddiffe8rows"), "the derivative of rows (width 8)")
    XCTAssertEqual(RemarkName.derivative("fwddifferows"), "the derivative of rows")
    XCTAssertEqual(
      RemarkName.derivative("augmented_fwdsplit_f"), "the forward sweep of the split derivative of f")
    XCTAssertEqual(RemarkName.derivative("fwdsplit_f"), "the split derivative of f")
    // Not a derivative's symbol: named as a function.
    XCTAssertEqual(RemarkName.derivative("dgemm_columns"), "dgemm_columns")
    XCTAssertEqual(RemarkName.derivative("diffe"), "diffe")
    XCTAssertEqual(RemarkName.derivative("fwddiffe.1"), "fwddiffe.1")
  }

  func testFunctionsThatReadTheSameAreToldApart() {
    let names = RemarkNames()
    let first = "_ZN5Eigen15PlainObjectBaseINS_6MatrixIdLin1ELin1ELi0ELin1ELin1EEEE6resizeEll"
    let second = "_ZN5Eigen15PlainObjectBaseINS_6MatrixIdLin1ELi1ELi0ELin1ELi1EEEE6resizeEll"
    XCTAssertEqual(RemarkName.function(first), RemarkName.function(second))
    XCTAssertEqual(names.function(first), "Eigen::PlainObjectBase<…>::resize(long, long)")
    XCTAssertEqual(names.function(second), "Eigen::PlainObjectBase<…>::resize(long, long) (\(second))")
    XCTAssertEqual(names.function(first), "Eigen::PlainObjectBase<…>::resize(long, long)")
  }
}
