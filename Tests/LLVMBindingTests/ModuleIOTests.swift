// Reading and writing modules: bitcode and text round trips, and malformed input as thrown errors.
import CLLVM
import LLVMBinding
import XCTest

final class ModuleIOTests: XCTestCase {
  func testBitcodeRoundTrip() throws {
    let fixture = Fixture(name: "roundtrip")
    fixture.addPolynomial()
    fixture.addPowerLoop()
    let bitcode = fixture.module.bitcode()
    XCTAssertTrue(Module.looksLikeBitcode(bitcode))

    let context = Context()
    let reread = try Module.parse(bitcode, name: "roundtrip", context: context)
    try reread.verify()
    XCTAssertEqual(definedFunctionNames(reread), ["poly", "power"])
    XCTAssertEqual(reread.text(), fixture.module.text())
  }

  func testTextRoundTrip() throws {
    let fixture = Fixture(name: "roundtrip")
    fixture.addPolynomial()
    fixture.addPowerLoop()
    let text = fixture.module.text()
    XCTAssertFalse(Module.looksLikeBitcode(Array(text.utf8)))

    let reread = try parseText(text, name: "roundtrip", context: Context())
    try reread.verify()
    XCTAssertEqual(reread.text(), text)
  }

  func testParsesTextInTheGivenContext() throws {
    let context = Context()
    let module = try parseText(
      """
      @k = global double 3.0
      define double @f(double %x) {
        %k = load double, ptr @k
        %r = fmul double %x, %k
        ret double %r
      }
      declare double @sin(double)
      """, context: context)
    XCTAssertTrue(module.context === context)
    XCTAssertEqual(module.functions.map(\.name), ["f", "sin"])
    XCTAssertEqual(module.functions.map(\.isDeclaration), [false, true])
    XCTAssertEqual(module.global(named: "k")?.initializer?.constantDouble, 3)
  }

  func testMalformedTextThrowsWithLocation() {
    let context = Context()
    XCTAssertThrowsError(
      try parseText(
        "define double @f(double %x) {\n  %r = fmul double %x 2.0\n}\n", name: "bad.ll",
        context: context)
    ) { error in
      guard case LLVMError.malformedInput(let name, let message) = error else {
        return XCTFail("unexpected error \(error)")
      }
      XCTAssertEqual(name, "bad.ll")
      XCTAssertTrue(message.contains("bad.ll:2:"), message)
      XCTAssertTrue(message.contains("expected ','"), message)
      XCTAssertTrue("\(error)".hasPrefix("bad.ll: cannot read module: "), "\(error)")
    }
  }

  func testMalformedBitcodeThrows() {
    let context = Context()
    let garbage: [UInt8] = [0x42, 0x43, 0xC0, 0xDE] + Array("garbage, not bitcode".utf8)
    XCTAssertTrue(Module.looksLikeBitcode(garbage))
    XCTAssertThrowsError(try Module.parse(garbage, name: "bad.bc", context: context)) { error in
      guard case LLVMError.malformedInput(let name, let message) = error else {
        return XCTFail("unexpected error \(error)")
      }
      XCTAssertEqual(name, "bad.bc")
      XCTAssertFalse(message.isEmpty)
    }
  }

  func testTruncatedBitcodeThrows() throws {
    let fixture = Fixture()
    fixture.addPowerLoop()
    let bitcode = fixture.module.bitcode()
    let truncated = Array(bitcode.prefix(bitcode.count / 2))
    XCTAssertThrowsError(try Module.parse(truncated, name: "cut.bc", context: Context())) { error in
      guard case LLVMError.malformedInput(name: "cut.bc", _) = error else {
        return XCTFail("unexpected error \(error)")
      }
    }
  }

  func testEmptyInputIsAnEmptyModule() throws {
    let module = try Module.parse([], name: "empty", context: Context())
    XCTAssertTrue(module.functions.isEmpty)
  }
}
