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
    XCTAssertEqual(RemarkName.derivative("diffenet.14"), "the gradient of net")
    XCTAssertEqual(
      RemarkName.derivative("diffe_reverse__Z4lossPKdS0_S0_"),
      "the reverse sweep of loss(double const*, double const*, double const*)")
    XCTAssertEqual(RemarkName.derivative("augmented_f"), "the forward sweep of f")
    XCTAssertEqual(RemarkName.derivative("fwddiffe8rows"), "the derivative of rows")
    XCTAssertEqual(RemarkName.derivative("fwddifferows"), "the derivative of rows")
    XCTAssertEqual(RemarkName.derivative("dgemm_columns"), "dgemm_columns")
  }
}
