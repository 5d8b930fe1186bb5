// Debug-info metadata: typed locations, the self-referential loop IDs swad rebuilds, and subprograms
// made for new functions, each checked by the verifier.
import CLLVM
import LLVMBinding
import XCTest

final class DebugInfoTests: XCTestCase {
  private let source = """
    define void @loop(i32 %n) !dbg !4 {
    entry:
      br label %body, !dbg !7
    body:
      %i = phi i32 [ 0, %entry ], [ %next, %body ]
      %next = add i32 %i, 1, !dbg !8
      %done = icmp eq i32 %next, %n, !dbg !8
      br i1 %done, label %exit, label %body, !dbg !8, !llvm.loop !9
    exit:
      ret void, !dbg !7
    }
    !llvm.dbg.cu = !{!0}
    !llvm.module.flags = !{!3}
    !0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, emissionKind: FullDebug)
    !1 = !DIFile(filename: "loop.c", directory: "/src")
    !3 = !{i32 2, !"Debug Info Version", i32 3}
    !4 = distinct !DISubprogram(name: "loop", scope: !1, file: !1, line: 3, type: !5, unit: !0, spFlags: DISPFlagDefinition)
    !5 = !DISubroutineType(types: !6)
    !6 = !{}
    !7 = !DILocation(line: 4, scope: !4)
    !8 = !DILocation(line: 5, column: 7, scope: !4)
    !9 = distinct !{!9, !7, !8, !10}
    !10 = !{!"llvm.loop.mustprogress"}
    """

  func testLocationsAndLoopIDsReadBack() throws {
    let context = Context()
    let module = try parseText(source, context: context)
    XCTAssertTrue(module.hasDebugInfo)
    let function = try XCTUnwrap(module.function(named: "loop"))
    let latch = try XCTUnwrap(function.blocks[1].terminator)
    let location = try XCTUnwrap(latch.location)
    XCTAssertEqual(location.line, 5)
    XCTAssertEqual(location.column, 7)
    XCTAssertTrue(location.scope.isSubprogram)
    XCTAssertEqual(location.scope, function.subprogram)
    XCTAssertEqual(location.scope.subprogramLine, 3)
    XCTAssertNil(location.inlinedAt)
    XCTAssertEqual(location.outermost, location)
    let loopID = try XCTUnwrap(latch.metadata("llvm.loop"))
    let operands = MetadataNode.operands(of: loopID, context: context)
    XCTAssertEqual(operands.count, 4)
    XCTAssertEqual(operands[0], loopID)  // the loop ID names itself
    XCTAssertEqual(DebugLocation(operands[2]), location)
    XCTAssertNil(DebugLocation(operands[3]))
  }

  func testSelfReferentialNodeIsADistinctLoopID() throws {
    let context = Context()
    let module = try parseText(source, context: context)
    let latch = try XCTUnwrap(module.function(named: "loop")?.blocks[1].terminator)
    let old = try XCTUnwrap(latch.metadata("llvm.loop"))
    let rest = Array(MetadataNode.operands(of: old, context: context).dropFirst())
    let made = MetadataNode.selfReferential(rest, context: context)
    latch.setMetadata("llvm.loop", made, context: context)
    XCTAssertNotEqual(made, old)
    let operands = MetadataNode.operands(of: made, context: context)
    XCTAssertEqual(operands[0], made)
    XCTAssertEqual(Array(operands.dropFirst()), rest)
    // Two nodes with the same operands stay apart: each is distinct.
    XCTAssertNotEqual(MetadataNode.selfReferential(rest, context: context), made)
    try module.verify()
    let text = module.text()
    let number = try XCTUnwrap(latch.value.description.split(separator: "!llvm.loop !").last)
    XCTAssertTrue(text.contains("!\(number) = distinct !{!\(number), "), text)
  }

  func testSubprogramForANewFunctionVerifies() throws {
    let context = Context()
    let module = try parseText(source, context: context)
    let primal = try XCTUnwrap(module.function(named: "loop"))
    let file = try XCTUnwrap(primal.subprogram?.file)
    let made = module.addFunction(named: "made", type: primal.type)
    made.linkage = LLVMInternalLinkage
    let builder = Builder(context: context)
    builder.position(atEndOf: made.appendBlock(named: "entry"))
    let ret = builder.retVoid()

    let debugInfo = DebugInfoBuilder(module: module)
    let primalSubprogram = try XCTUnwrap(primal.subprogram)
    let subprogram = debugInfo.subprogram(for: made, like: primalSubprogram, line: 3)
    made.subprogram = subprogram
    XCTAssertTrue(subprogram.isSubprogram)
    XCTAssertEqual(subprogram.subprogramLine, 3)
    XCTAssertEqual(subprogram.file, file)
    let included = debugInfo.lexicalBlockFile(in: subprogram, file: file)
    XCTAssertFalse(included.isSubprogram)
    XCTAssertEqual(included.subprogram, subprogram)
    ret.location = DebugLocation(line: 9, column: 2, scope: included, inlinedAt: nil, context: context)
    try module.verify()
    let text = module.text()
    // In the module's one compile unit.
    XCTAssertTrue(text.contains("!llvm.dbg.cu = !{!0}"), text)
    XCTAssertTrue(
      text.contains(
        "name: \"made\", linkageName: \"made\", scope: !1, file: !1, line: 3, type: "), text)
    XCTAssertTrue(
      text.contains(
        "flags: DIFlagArtificial, spFlags: DISPFlagLocalToUnit | DISPFlagDefinition | DISPFlagOptimized, unit: !0)"
      ),
      text)
  }
}
