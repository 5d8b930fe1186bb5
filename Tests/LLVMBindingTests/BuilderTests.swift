// Building functions with the Builder: straight-line arithmetic and a loop with phi nodes.
import CLLVM
import LLVMBinding
import XCTest

final class BuilderTests: XCTestCase {
  func testStraightLineArithmeticVerifies() throws {
    let fixture = Fixture()
    let f = fixture.addPolynomial()
    try fixture.module.verify()

    XCTAssertEqual(f.name, "poly")
    XCTAssertFalse(f.isDeclaration)
    XCTAssertEqual(f.returnType, fixture.double)
    XCTAssertEqual(f.type.parameterTypes, [fixture.double, fixture.double])
    XCTAssertEqual(opcodes(f), [LLVMFMul, LLVMFAdd, LLVMRet])

    let text = fixture.module.text()
    XCTAssertTrue(text.contains("define double @poly(double %x, double %y)"), text)
    XCTAssertTrue(text.contains("%xy = fmul double %x, %y"), text)
    XCTAssertTrue(text.contains("%r = fadd double %xy, %x"), text)
  }

  func testLoopWithPhisVerifies() throws {
    let fixture = Fixture()
    let f = fixture.addPowerLoop()
    try fixture.module.verify()

    XCTAssertEqual(f.blocks.map(\.name), ["entry", "loop", "exit"])
    let loop = f.blocks[1]
    XCTAssertEqual(Set(loop.successors), Set([f.blocks[2], loop]))
    let phis = loop.instructions.filter(\.isPhi)
    XCTAssertEqual(phis.count, 2)
    XCTAssertEqual(phis[1].incoming.map(\.block), [f.blocks[0], loop])
    XCTAssertEqual(phis[1].incoming[0].value.constantDouble, 1)
    XCTAssertEqual(loop.firstNonPhi?.opcode, LLVMFMul)
    XCTAssertEqual(f.blocks[2].terminator?.opcode, LLVMRet)
  }

  func testConstantsReadBack() {
    let fixture = Fixture()
    XCTAssertEqual(Value.constReal(fixture.double, 2.5).constantDouble, 2.5)
    XCTAssertEqual(Value.constInt(fixture.i32, -7).constantInt, -7)
    XCTAssertNil(Value.constInt(fixture.i32, 1).constantDouble)
    XCTAssertTrue(Value.null(fixture.double).isNull)
    let vector = IRType.vector(of: fixture.double, count: 4)
    XCTAssertEqual(Value.constReal(vector, 1).type, vector)
  }
}
