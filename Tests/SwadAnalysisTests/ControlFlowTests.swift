// Dominators, natural loops and cycles of small functions written as textual IR.
import LLVMBinding
import SwadAnalysis
import XCTest

final class ControlFlowTests: XCTestCase {
  /// entry → outer ⟲ (inner ⟲) → exit, plus an irreducible pair a ⇄ b entered from two places.
  let source = """
    define void @nested(i1 %c) {
    entry:
      br label %outer
    outer:
      br label %inner
    inner:
      br i1 %c, label %inner, label %latch
    latch:
      br i1 %c, label %outer, label %exit
    exit:
      ret void
    }

    define void @irreducible(i1 %c) {
    entry:
      br i1 %c, label %a, label %b
    a:
      br i1 %c, label %b, label %done
    b:
      br i1 %c, label %a, label %done
    done:
      ret void
    }
    """

  func blocks(_ function: Function) -> [String: BasicBlock] {
    Dictionary(uniqueKeysWithValues: function.blocks.map { ($0.name, $0) })
  }

  func testDominatorsAndNaturalLoopsNest() throws {
    let context = Context()
    let module = try Module.parse(Array(source.utf8), name: "cfg.ll", context: context)
    let function = module.function(named: "nested")!
    let b = blocks(function)
    let dominators = DominatorTree(function: function)
    XCTAssertTrue(dominators.dominates(b["entry"]!, b["exit"]!))
    XCTAssertTrue(dominators.dominates(b["outer"]!, b["latch"]!))
    XCTAssertFalse(dominators.dominates(b["latch"]!, b["inner"]!))
    XCTAssertEqual(dominators.immediateDominator(of: b["latch"]!), b["inner"]!)

    let loops = LoopInfo(function: function, dominators: dominators)
    XCTAssertEqual(loops.loops.count, 2)
    let inner = loops.loop(containing: b["inner"]!)!
    let outer = loops.loop(containing: b["latch"]!)!
    XCTAssertEqual(inner.header, b["inner"]!)
    XCTAssertEqual(outer.header, b["outer"]!)
    XCTAssertTrue(inner.parent === outer)
    XCTAssertEqual(inner.depth, 2)
    XCTAssertEqual(Set(outer.blocks.map(\.name)), ["outer", "inner", "latch"])
    XCTAssertEqual(outer.exitEdges.map { "\($0.from.name)→\($0.to.name)" }, ["latch→exit"])
    XCTAssertNil(loops.loop(containing: b["exit"]!))
  }

  func testCyclesIncludeIrreducibleOnes() throws {
    let context = Context()
    let module = try Module.parse(Array(source.utf8), name: "cfg.ll", context: context)
    let function = module.function(named: "irreducible")!
    let b = blocks(function)
    let cycles = CycleInfo(function: function)
    XCTAssertTrue(cycles.isCyclic(b["a"]!))
    XCTAssertTrue(cycles.shareCycle(b["a"]!, b["b"]!))
    XCTAssertFalse(cycles.isCyclic(b["entry"]!))
    XCTAssertFalse(cycles.shareCycle(b["a"]!, b["done"]!))
    // Neither a nor b dominates the other: no natural loop, although they form a cycle.
    let loops = LoopInfo(function: function, dominators: DominatorTree(function: function))
    XCTAssertTrue(loops.loops.isEmpty)
  }

  func testReversePostOrderPutsDefinitionsFirst() throws {
    let context = Context()
    let module = try Module.parse(Array(source.utf8), name: "cfg.ll", context: context)
    let order = reversePostOrder(module.function(named: "nested")!).map(\.name)
    XCTAssertEqual(order.first, "entry")
    XCTAssertLessThan(order.firstIndex(of: "outer")!, order.firstIndex(of: "inner")!)
    XCTAssertLessThan(order.firstIndex(of: "inner")!, order.firstIndex(of: "latch")!)
  }
}
