// A loop nest copied once per answer to a run-time test of whether its accesses overlap.
import CLLVM
import LLVMExtensions

/// What `BasicBlock.versionLoopNestOnDisjointMemory` did.
public enum LoopNestVersion {
  /// The nest was copied: `choice` is the conditional branch before the two, whose condition is the
  /// test "the bytes the stores reach may overlap another access's" (true runs the copy).
  case versioned(choice: Instruction)
  /// Nothing was copied, for the reason given.
  case refused(String)
}

extension BasicBlock {
  /// Copies the loop this block heads (with the loops in it) so that a test before them chooses:
  /// the copy runs when the bytes the loop's stores reach may overlap what its other accesses reach
  /// (ranges by LLVM's ScalarEvolution); the loop itself runs when they do not, its accesses marked
  /// with alias scopes of a new domain named `scopeDomain` that say so.
  public func versionLoopNestOnDisjointMemory(scopeDomain: String) -> LoopNestVersion {
    var reason: UnsafeMutablePointer<CChar>?
    guard let choice = swadVersionLoopNestOnDisjointMemory(ref, scopeDomain, &reason) else {
      defer { LLVMDisposeMessage(reason) }
      return .refused(reason.map { String(cString: $0) } ?? "unknown")
    }
    return .versioned(choice: Instruction(choice))
  }
}

extension Instruction {
  /// Makes this conditional branch take its first successor always (`i1 true`) or never.
  public func setBranchCondition(always taken: Bool, context: Context) {
    LLVMSetCondition(ref, Value.constInt(IRType.int(1, in: context), taken ? 1 : 0).ref)
  }
}
