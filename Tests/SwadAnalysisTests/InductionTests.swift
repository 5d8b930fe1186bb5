// Integer inductions of loop headers (SwadAnalysis/Inductions.swift).
import LLVMBinding
import SwadAnalysis
import XCTest

final class InductionTests: XCTestCase {
  /// i counts up by 1 from 0, k down by 2 from %k0 (step written first), s is a floating-point sum,
  /// m doubles (not an addition) and w adds a value that is not constant.
  let source = """
    define void @f(i64 %n, i32 %k0, i64 %d) {
    entry:
      br label %loop
    loop:
      %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
      %k = phi i32 [ %k0, %entry ], [ %k.next, %loop ]
      %s = phi double [ 0.0, %entry ], [ %s.next, %loop ]
      %m = phi i64 [ 1, %entry ], [ %m.next, %loop ]
      %w = phi i64 [ 0, %entry ], [ %w.next, %loop ]
      %i.next = add nuw nsw i64 %i, 1
      %k.next = add i32 -2, %k
      %s.next = fadd double %s, 1.0
      %m.next = mul i64 %m, 2
      %w.next = add i64 %w, %d
      %done = icmp eq i64 %i.next, %n
      br i1 %done, label %exit, label %loop
    exit:
      ret void
    }
    """

  func testRecognizesConstantSteppedIntegerPhisOnly() throws {
    let context = Context()
    let module = try Module.parse(Array(source.utf8), name: "inductions.ll", context: context)
    let function = module.function(named: "f")!
    let dominators = DominatorTree(function: function)
    let loop = LoopInfo(function: function, dominators: dominators).loops[0]
    let phis = Dictionary(
      uniqueKeysWithValues: loop.header.instructions.filter(\.isPhi).map { ($0.value.name, $0) })

    let i = try XCTUnwrap(Induction(phis["i"]!, of: loop, latch: loop.header))
    XCTAssertEqual(i.step, 1)
    XCTAssertEqual(i.start.constantInt, 0)
    XCTAssertEqual(i.next.value.name, "i.next")
    let k = try XCTUnwrap(Induction(phis["k"]!, of: loop, latch: loop.header))
    XCTAssertEqual(k.step, -2)
    XCTAssertEqual(k.start, function.parameter(1))
    XCTAssertNil(Induction(phis["s"]!, of: loop, latch: loop.header))
    XCTAssertNil(Induction(phis["m"]!, of: loop, latch: loop.header))
    XCTAssertNil(Induction(phis["w"]!, of: loop, latch: loop.header))
  }
}
