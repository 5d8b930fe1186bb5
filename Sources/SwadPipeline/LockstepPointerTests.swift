// Tests of whether two pointers that a loop advances together are equal, answered once before the
// loop.
import CLLVM
import LLVMBinding
import SwadAnalysis

/// A loop that walks memory through a pointer (C++ iterators, Eigen's `setZero` and linear
/// traversals) walks the pointer's shadow beside it, by the same step. Where the shadow may be the
/// primal pointer itself (`ConstantShadows`), the derivative tests `shadow == primal` in every
/// iteration. The answer is the same in all of them: two pointers that start `d` bytes apart and
/// advance by the same number of bytes stay `d` apart. LLVM does not see it (the two phis are
/// separate inductions), so the test stays in the loop, the loop is not unswitched
/// (`VersionedLoopUnswitching`) and does not vectorize: the forward sweep of an Eigen MLP zeroed its
/// 64×512 hidden layer one double at a time, with a branch each (5% of the gradient).
///
/// This stage replaces such a test by the test of the two starting values, made before the loop.
enum LockstepPointerTests {
  /// Rewrites the tests in `function`; returns how many.
  @discardableResult
  static func hoist(in function: Function, context: Context) -> Int {
    guard !function.isDeclaration else { return 0 }
    let dominators = DominatorTree(function: function)
    let loops = LoopInfo(function: function, dominators: dominators)
    let builder = Builder(context: context)
    var rewritten = 0
    for loop in loops.loops where loop.latches.count == 1 {
      let latch = loop.latches[0]
      let inductions = loop.header.instructions.prefix(while: \.isPhi).filter(\.type.isPointer)
        .compactMap { Induction($0, of: loop, latch: latch) }
      guard inductions.count >= 2 else { continue }
      let byPhi = Dictionary(inductions.map { ($0.phi.value, $0) }, uniquingKeysWith: { first, _ in first })
      for block in loop.blocks {
        for test in block.instructions where test.opcode == LLVMICmp {
          let predicate = LLVMGetICmpPredicate(test.ref)
          guard predicate == LLVMIntEQ || predicate == LLVMIntNE,
            let a = byPhi[test.operand(0)], let b = byPhi[test.operand(1)], a.phi != b.phi,
            a.step == b.step, a.preheader == b.preheader,
            let end = a.preheader.terminator
          else { continue }
          builder.position(before: end)
          let before = builder.icmp(predicate, a.start, b.start, "lockstep.test")
          test.value.replaceAllUses(with: before)
          test.eraseFromParent()
          rewritten += 1
        }
      }
    }
    return rewritten
  }
}
