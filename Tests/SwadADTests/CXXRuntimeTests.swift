// The C++ runtime's table: which mangled names are inactive (Rules/CXXRuntime.swift).
import XCTest

@testable import SwadAD

final class CXXRuntimeTests: XCTestCase {
  func testStandardExceptionConstructorsDestructorsAndWhatAreInactive() {
    let inactive = [
      "_ZNSt16invalid_argumentC1ERKNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEE",
      "_ZNSt13runtime_errorC1EPKc", "_ZNSt12length_errorC2EPKc", "_ZNSt12out_of_rangeD1Ev",
      "_ZNSt11logic_errorD0Ev", "_ZNKSt11logic_error4whatEv", "_ZNSt9bad_allocD2Ev",
    ]
    for name in inactive { XCTAssertTrue(CXXRuntime.isInactive(name), name) }
    let active = [
      "_ZNSt6vectorIdSaIdEE9push_backERKd",  // not an exception class
      "_ZNSt13runtime_error5resetEv",  // a member that is neither constructor, destructor nor what()
      "_ZNSt13runtime_errC1EPKc",  // the length says 13, the name is shorter
      "_ZNSt99invalid_argumentC1EPKc",  // a length past the end
      "_ZN7clmodel13runtime_errorC1EPKc",  // a user's class of the same name, outside std
    ]
    for name in active { XCTAssertFalse(CXXRuntime.isInactive(name), name) }
  }
}
