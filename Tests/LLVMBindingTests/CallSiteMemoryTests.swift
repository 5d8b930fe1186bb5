// Call-site memory effects: a declaration that touches only errno, a call marked memory(none) and
// given its callee's effects back.
import CLLVM
import LLVMBinding
import XCTest

final class CallSiteMemoryTests: XCTestCase {
  let source = """
    declare double @tanh(double) #0
    declare double @exp(double) #1
    declare double @sqrt(double)

    define double @f(double %x) {
      %t = call double @tanh(double %x)
      ret double %t
    }

    attributes #0 = { nounwind memory(errnomem: write) }
    attributes #1 = { nounwind memory(errnomem: write, argmem: read) }
    """

  func testOnlyErrnoIsTheDeclarationThatTouchesErrnoAndNothingElse() throws {
    let module = try parseText(source, context: Context())
    XCTAssertEqual(module.function(named: "tanh")?.touchesOnlyErrno, true)
    XCTAssertEqual(module.function(named: "exp")?.touchesOnlyErrno, false)
    XCTAssertEqual(module.function(named: "sqrt")?.touchesOnlyErrno, false)  // no attribute: anything
  }

  func testMemoryNoneIsSetOnTheCallAndRemovedAgain() throws {
    let module = try parseText(source, context: Context())
    let call = try XCTUnwrap(module.function(named: "f")?.blocks[0].instructions.first)
    XCTAssertFalse(call.hasCallSiteMemoryEffects)
    call.setCallSiteMemoryNone()
    XCTAssertTrue(call.hasCallSiteMemoryEffects)
    XCTAssertTrue(module.text().contains("call double @tanh(double %x) #"), module.text())
    XCTAssertTrue(module.text().contains("{ memory(none) }"), module.text())
    call.removeCallSiteMemoryEffects()
    XCTAssertFalse(call.hasCallSiteMemoryEffects)
    XCTAssertTrue(module.text().contains("call double @tanh(double %x)\n"), module.text())
    try module.verify()
  }
}
