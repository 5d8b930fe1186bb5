// The verifier: valid modules pass, broken ones throw the verifier's own message.
import CLLVM
import LLVMBinding
import XCTest

final class VerifierTests: XCTestCase {
  func testReturnOfTheWrongTypeFailsWithTheVerifierMessage() {
    let fixture = Fixture()
    let f = fixture.module.addFunction(named: "broken", type: .function(returning: fixture.double, []))
    fixture.builder.position(atEndOf: f.appendBlock(named: "entry"))
    fixture.builder.ret(.constInt(fixture.i32, 1))

    XCTAssertThrowsError(try fixture.module.verify()) { error in
      guard case LLVMError.verificationFailed(let message) = error else {
        return XCTFail("unexpected error \(error)")
      }
      XCTAssertTrue(
        message.contains("Function return type does not match operand type of return inst!"),
        message)
      XCTAssertFalse(message.hasSuffix("\n"))
      XCTAssertTrue("\(error)".hasPrefix("module fails verification: "))
    }
  }

  func testBlockWithoutTerminatorFails() {
    let fixture = Fixture()
    let f = fixture.module.addFunction(named: "open", type: .function(returning: fixture.double, []))
    _ = f.appendBlock(named: "entry")
    XCTAssertThrowsError(try fixture.module.verify()) { error in
      guard case LLVMError.verificationFailed(let message) = error else {
        return XCTFail("unexpected error \(error)")
      }
      XCTAssertTrue(message.contains("does not have terminator"), message)
    }
  }

  func testUseNotDominatedByDefinitionFails() throws {
    let module = try parseText(
      """
      define i32 @f(i32 %x) {
      entry:
        %b = add i32 %a, 1
        %a = add i32 %x, 1
        ret i32 %b
      }
      """, context: Context())
    XCTAssertThrowsError(try module.verify()) { error in
      XCTAssertEqual(
        error as? LLVMError,
        .verificationFailed(
          "Instruction does not dominate all uses!\n  %a = add i32 %x, 1\n  %b = add i32 %a, 1"))
    }
  }
}
