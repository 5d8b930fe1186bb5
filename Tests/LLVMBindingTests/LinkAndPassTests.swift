// Linking modules and running pass pipelines given as text.
import CLLVM
import LLVMBinding
import XCTest

final class LinkAndPassTests: XCTestCase {
  func testLinkingResolvesADeclaration() throws {
    let context = Context()
    let caller = try parseText(
      """
      declare double @square(double)
      define double @quartic(double %x) {
        %s = call double @square(double %x)
        %q = call double @square(double %s)
        ret double %q
      }
      """, name: "caller.ll", context: context)
    let callee = try parseText(
      """
      define double @square(double %x) {
        %r = fmul double %x, %x
        ret double %r
      }
      """, name: "callee.ll", context: context)

    try caller.link(consuming: callee)
    try caller.verify()
    XCTAssertEqual(definedFunctionNames(caller).sorted(), ["quartic", "square"])
    XCTAssertEqual(caller.function(named: "square")?.isDeclaration, false)
  }

  func testLinkingTwoDefinitionsOfOneSymbolFails() throws {
    let context = Context()
    let source = "define i32 @answer() {\n  ret i32 42\n}\n"
    let a = try parseText(source, name: "a.ll", context: context)
    let b = try parseText(source, name: "b.ll", context: context)
    XCTAssertThrowsError(try a.link(consuming: b)) { error in
      guard case LLVMError.linkFailed(let message) = error else {
        return XCTFail("unexpected error \(error)")
      }
      XCTAssertTrue(message.contains("answer"), message)
    }
  }

  func testPassPipelineTransformsTheModule() throws {
    let module = try parseText(
      """
      define double @f(double %x) {
        %slot = alloca double
        store double %x, ptr %slot
        %v = load double, ptr %slot
        %r = fmul double %v, 1.0
        ret double %r
      }
      """, context: Context())
    let f = try XCTUnwrap(module.function(named: "f"))
    XCTAssertEqual(opcodes(f), [LLVMAlloca, LLVMStore, LLVMLoad, LLVMFMul, LLVMRet])

    try module.runPasses("function(mem2reg)")
    XCTAssertEqual(opcodes(f), [LLVMFMul, LLVMRet])
    try module.runPasses("default<O2>", options: PassOptions(loopVectorization: false, loopUnrolling: false))
    XCTAssertEqual(opcodes(f), [LLVMRet])
    XCTAssertEqual(f.blocks[0].terminator?.operand(0), f.parameter(0))
    try module.verify()
  }

  func testPassPipelineWithATargetMachine() throws {
    let fixture = Fixture()
    fixture.addPowerLoop()
    let machine = try TargetMachine()
    fixture.module.targetTriple = machine.triple
    fixture.module.dataLayout = machine.dataLayout
    try fixture.module.runPasses("default<O3>", targetMachine: machine)
    try fixture.module.verify()
    XCTAssertNotNil(fixture.module.function(named: "power"))
  }

  func testUnknownPassIsAnError() throws {
    let fixture = Fixture()
    fixture.addPolynomial()
    XCTAssertThrowsError(try fixture.module.runPasses("no-such-pass")) { error in
      guard case LLVMError.passPipeline(let pipeline, let message) = error else {
        return XCTFail("unexpected error \(error)")
      }
      XCTAssertEqual(pipeline, "no-such-pass")
      XCTAssertTrue(message.contains("no-such-pass"), message)
    }
  }

  /// `default<On>` as text: top-level passes that run back, in two halves, as the whole does.
  func testDefaultPipelineTextRunsInParts() throws {
    let machine = try TargetMachine()
    let passes = DefaultPipelineText.topLevelPasses(level: 2, targetMachine: machine)
    // The simplification's inliner and the optimization's first pass (where PostADScope splits).
    XCTAssertTrue(passes.contains { $0.hasPrefix("cgscc(") }, "\(passes)")
    let split = try XCTUnwrap(passes.firstIndex(of: "elim-avail-extern"), "\(passes)")
    XCTAssertTrue(passes[split...].contains { $0.contains("loop-vectorize") }, "\(passes)")
    // Parentheses and angle brackets hold their commas.
    XCTAssertFalse(DefaultPipelineText.topLevelPasses(level: 1, targetMachine: nil).contains(""))
    for parts in [Array(passes[..<split]), Array(passes[split...])] {
      XCTAssertTrue(parts.filter { $0.contains("(") }.allSatisfy { $0.last == ")" }, "\(parts)")
    }

    let fixture = Fixture()
    fixture.addPowerLoop()
    fixture.module.targetTriple = machine.triple
    fixture.module.dataLayout = machine.dataLayout
    try fixture.module.runPasses(passes[..<split].joined(separator: ","), targetMachine: machine)
    try fixture.module.runPasses(passes[split...].joined(separator: ","), targetMachine: machine)
    try fixture.module.verify()
    XCTAssertNotNil(fixture.module.function(named: "power"))
  }
}
