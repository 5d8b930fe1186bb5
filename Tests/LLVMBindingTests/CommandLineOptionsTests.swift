// LLVM's own options as swad sets them for one stage of a pipeline.
import LLVMBinding
import XCTest

final class CommandLineOptionsTests: XCTestCase {
  /// An option set for a body is LLVM's default again after it, so that it does not reach the
  /// passes that follow (the unswitching threshold of `VersionedLoopUnswitching`).
  func testOptionSetForABodyIsGivenBackAfterIt() throws {
    XCTAssertEqual(LLVMCommandLine.isGiven("unswitch-threshold"), false)
    let seen = try LLVMCommandLine.withOptionUnlessGiven("unswitch-threshold", "100") {
      LLVMCommandLine.isGiven("unswitch-threshold")
    }
    XCTAssertEqual(seen, true)
    XCTAssertEqual(LLVMCommandLine.isGiven("unswitch-threshold"), false)
  }

  func testAnOptionLLVMDoesNotHaveIsAnError() {
    XCTAssertNil(LLVMCommandLine.isGiven("no-such-option-of-llvm"))
    XCTAssertThrowsError(try LLVMCommandLine.withOptionUnlessGiven("no-such-option-of-llvm", "1") {})
  }
}
