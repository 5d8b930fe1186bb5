// A loop nest copied behind a run-time test of whether its accesses overlap: the test's ranges, the
// two copies, the scopes on the one that runs when nothing overlaps, and the refusals.
import CLLVM
import LLVMBinding
import XCTest

final class LoopNestVersioningTests: XCTestCase {
  /// Versions the nest whose outer loop is block `row` of `@name` in `module`.
  func versionRows(of name: String, in module: Module) throws -> (Function, LoopNestVersion) {
    let function = try XCTUnwrap(module.function(named: name))
    let header = try XCTUnwrap(function.blocks.first { $0.name == "row" })
    return (function, header.versionLoopNestOnDisjointMemory(scopeDomain: "test.domain"))
  }

  /// `for i < 4 { for j < 8 { body } }` as `@name(parameters)`, the body given `%i`, `%j` and
  /// `%base` (8i).
  static func nest(_ name: String, _ parameters: String, _ body: String) -> String {
    """
    define void @\(name)(\(parameters)) {
    entry:
      br label %row
    row:
      %i = phi i64 [ 0, %entry ], [ %i.next, %row.end ]
      %base = mul i64 %i, 8
      br label %column
    column:
      %j = phi i64 [ 0, %row ], [ %j.next, %column ]
    \(body)  %j.next = add i64 %j, 1
      %j.done = icmp eq i64 %j.next, 8
      br i1 %j.done, label %row.end, label %column
    row.end:
      %i.next = add i64 %i, 1
      %i.done = icmp eq i64 %i.next, 4
      br i1 %i.done, label %exit, label %row
    exit:
      ret void
    }

    """
  }

  /// `for i < 4 { for j < 8 { out[j] += w[8i + j] } }`, and a copy of it indexed through `idx`.
  let source =
    LoopNestVersioningTests.nest(
      "accumulate", "ptr %w, ptr %out",
      """
        %k = add i64 %base, %j
        %w.k = getelementptr inbounds double, ptr %w, i64 %k
        %wk = load double, ptr %w.k, align 8
        %out.j = getelementptr inbounds double, ptr %out, i64 %j
        %o = load double, ptr %out.j, align 8
        %sum = fadd double %o, %wk
        store double %sum, ptr %out.j, align 8
      """)
    + LoopNestVersioningTests.nest(
      "indirect", "ptr %w, ptr %out, ptr noalias %idx",
      """
        %idx.j = getelementptr inbounds i64, ptr %idx, i64 %j
        %k = load i64, ptr %idx.j, align 8
        %w.k = getelementptr inbounds double, ptr %w, i64 %k
        %wk = load double, ptr %w.k, align 8
        %out.j = getelementptr inbounds double, ptr %out, i64 %j
        %o = load double, ptr %out.j, align 8
        %sum = fadd double %o, %wk
        store double %sum, ptr %out.j, align 8
      """)

  func testTheNestIsCopiedBehindATestOfItsByteRanges() throws {
    let module = try parseText(source, context: Context())
    let (function, version) = try versionRows(of: "accumulate", in: module)
    guard case .versioned(let choice) = version else {
      return XCTFail("not versioned: \(module.text())")
    }
    try module.verify()
    let text = function.value.description
    // w is read over 4 rows of 8 doubles (256 bytes), out over one row (64 bytes).
    XCTAssertTrue(text.contains("getelementptr i8, ptr %w, i64 256"), text)
    XCTAssertTrue(text.contains("getelementptr i8, ptr %out, i64 64"), text)
    XCTAssertEqual(choice.opcode, LLVMBr)
    XCTAssertEqual(function.blocks.filter { $0.name.hasSuffix(".overlap") }.count, 4, text)  // preheader and loops
    // The loop that runs when nothing overlaps carries the scopes; its copy does not.
    let scoped = function.blocks.filter { block in
      block.instructions.contains { $0.opcode == LLVMStore && $0.metadata("noalias") != nil }
    }
    XCTAssertEqual(scoped.map(\.name), ["column"], text)
    XCTAssertTrue(module.text().contains("!\"test.domain\""), module.text())
    // Declared before the loop, so that copies of what surrounds it get scopes of their own.
    let declarations = text.split(separator: "\n").filter {
      $0.contains("@llvm.experimental.noalias.scope.decl(")
    }
    XCTAssertEqual(declarations.count, 2, text)
    // Made constant, the test leaves the copy as the only way.
    choice.setBranchCondition(always: true, context: module.context)
    try module.verify()
    XCTAssertTrue(function.value.description.contains("br i1 true"))
  }

  func testAnAddressThatIsNoAffineFunctionOfTheIterationsIsRefused() throws {
    let module = try parseText(source, context: Context())
    let before = try XCTUnwrap(module.function(named: "indirect")).blocks.count
    let (function, version) = try versionRows(of: "indirect", in: module)
    guard case .refused(let reason) = version else {
      return XCTFail("versioned: \(module.text())")
    }
    XCTAssertEqual(reason, "an address the loop accesses is not an affine function of its iterations")
    try module.verify()
    XCTAssertLessThanOrEqual(function.blocks.count, before + 2)  // at most the loop's form (exits, preheader)
  }

  func testABlockThatHeadsNoLoopIsRefused() throws {
    let module = try parseText(source, context: Context())
    let entry = try XCTUnwrap(module.function(named: "accumulate")?.blocks.first)
    guard case .refused(let reason) = entry.versionLoopNestOnDisjointMemory(scopeDomain: "test.domain") else {
      return XCTFail("versioned")
    }
    XCTAssertEqual(reason, "the block heads no loop")
  }

  /// Five outputs beside one input: fifteen pairs to test, more than fit in one block.
  let fiveOutputs = LoopNestVersioningTests.nest(
    "five", "ptr %w, ptr %a, ptr %b, ptr %c, ptr %d, ptr %e",
    """
      %k = add i64 %base, %j
      %w.k = getelementptr inbounds double, ptr %w, i64 %k
      %wk = load double, ptr %w.k, align 8
      %a.j = getelementptr inbounds double, ptr %a, i64 %j
      store double %wk, ptr %a.j, align 8
      %b.j = getelementptr inbounds double, ptr %b, i64 %j
      store double %wk, ptr %b.j, align 8
      %c.j = getelementptr inbounds double, ptr %c, i64 %j
      store double %wk, ptr %c.j, align 8
      %d.j = getelementptr inbounds double, ptr %d, i64 %j
      store double %wk, ptr %d.j, align 8
      %e.j = getelementptr inbounds double, ptr %e, i64 %j
      store double %wk, ptr %e.j, align 8
    """)

  func testManyPairsAreTestedInALoopOverATable() throws {
    let module = try parseText(fiveOutputs, context: Context())
    let (function, version) = try versionRows(of: "five", in: module)
    guard case .versioned(let choice) = version else {
      return XCTFail("not versioned: \(module.text())")
    }
    try module.verify()
    let text = module.text()
    XCTAssertTrue(text.contains("@swad.nest.pairs = private unnamed_addr constant [15 x [2 x i32]]"), text)
    XCTAssertTrue(text.contains("alloca [6 x ptr]"), text)
    XCTAssertTrue(text.contains("!\"llvm.loop.unroll.disable\""), text)
    // The choice follows the loop of tests, on its result.
    let test = try XCTUnwrap(function.blocks.first { $0.name.hasPrefix("swad.nest.test") })
    XCTAssertEqual(choice.parent.predecessors, [test])
    let frozen = try XCTUnwrap(choice.operand(0).asInstruction)
    XCTAssertEqual(frozen.opcode, LLVMFreeze)
    XCTAssertEqual(frozen.operand(0).asInstruction?.parent, test)
  }

  /// The nest of `accumulate` with its store made conditional, and one reading another address space.
  let conditionalAndAddressSpaces =
    """
    define void @conditional(ptr %w, ptr %out, i1 %flag) {
    entry:
      br label %row
    row:
      %i = phi i64 [ 0, %entry ], [ %i.next, %row.end ]
      br label %column
    column:
      %j = phi i64 [ 0, %row ], [ %j.next, %latch ]
      %w.j = getelementptr inbounds double, ptr %w, i64 %j
      %wj = load double, ptr %w.j, align 8
      br i1 %flag, label %write, label %latch
    write:
      %out.j = getelementptr inbounds double, ptr %out, i64 %j
      store double %wj, ptr %out.j, align 8
      br label %latch
    latch:
      %j.next = add i64 %j, 1
      %j.done = icmp eq i64 %j.next, 8
      br i1 %j.done, label %row.end, label %column
    row.end:
      %i.next = add i64 %i, 1
      %i.done = icmp eq i64 %i.next, 4
      br i1 %i.done, label %exit, label %row
    exit:
      ret void
    }

    """
    + LoopNestVersioningTests.nest(
      "spaces", "ptr addrspace(1) %w, ptr %out",
      """
        %w.j = getelementptr inbounds double, ptr addrspace(1) %w, i64 %j
        %wj = load double, ptr addrspace(1) %w.j, align 8
        %out.j = getelementptr inbounds double, ptr %out, i64 %j
        store double %wj, ptr %out.j, align 8
      """)

  /// An access made only in some iterations is refused: its address in an iteration that skips it
  /// may wrap around; and two address spaces, whose pointers do not compare.
  func testConditionalAccessesAndTwoAddressSpacesAreRefused() throws {
    let module = try parseText(conditionalAndAddressSpaces, context: Context())
    for (name, why) in [
      ("conditional", "an access runs only in some iterations"),
      ("spaces", "the loop accesses memory in two address spaces"),
    ] {
      guard case .refused(let reason) = try versionRows(of: name, in: module).1 else {
        return XCTFail("\(name) versioned: \(module.text())")
      }
      XCTAssertEqual(reason, why)
    }
    try module.verify()
  }

}
