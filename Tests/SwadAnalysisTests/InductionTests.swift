// Integer inductions of loop headers (SwadAnalysis/Inductions.swift).
import LLVMBinding
import SwadAnalysis
import XCTest

final class InductionTests: XCTestCase {
  /// i counts up by 1 from 0, k down by 2 from %k0 (step written first), j down by 3 as a
  /// subtraction, s is a floating-point sum, m doubles (not an addition), w adds a value that is not
  /// constant and r subtracts the phi from a constant (not a step).
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
      %j = phi i32 [ 100, %entry ], [ %j.next, %loop ]
      %r = phi i64 [ 0, %entry ], [ %r.next, %loop ]
      %i.next = add nuw nsw i64 %i, 1
      %k.next = add i32 -2, %k
      %s.next = fadd double %s, 1.0
      %m.next = mul i64 %m, 2
      %w.next = add i64 %w, %d
      %j.next = sub nsw i32 %j, 3
      %r.next = sub i64 5, %r
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
    XCTAssertEqual(k.preheader.name, "entry")
    XCTAssertFalse(k.cannotWrap, "an i32 addition without nsw or nuw may wrap")
    XCTAssertTrue(i.cannotWrap)
    let j = try XCTUnwrap(Induction(phis["j"]!, of: loop, latch: loop.header))
    XCTAssertEqual(j.step, -3)
    XCTAssertTrue(j.cannotWrap)
    XCTAssertNil(Induction(phis["r"]!, of: loop, latch: loop.header))
    XCTAssertNil(Induction(phis["s"]!, of: loop, latch: loop.header))
    XCTAssertNil(Induction(phis["m"]!, of: loop, latch: loop.header))
    XCTAssertNil(Induction(phis["w"]!, of: loop, latch: loop.header))
  }
}
