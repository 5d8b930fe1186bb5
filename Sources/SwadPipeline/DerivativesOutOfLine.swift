// Large derivatives stay out of line: the post-AD optimization does not inline them into their
// callers.
import CLLVM
import LLVMBinding

/// The functions AD synthesizes (augmented forward sweeps, reverse sweeps, tangents) are internal and
/// each has one caller, so LLVM's inliner takes them whatever their size (its bonus for the last call
/// of an internal function is worth thousands of instructions). For a large one that gains nothing at
/// run time (a call costs a few cycles, the body thousands) but costs compile time: the inliner's
/// caller is simplified again with the body inside it, then the caller's caller, so the same
/// derivative code goes through instcombine, GVN, LICM ... once per level of the chain
/// (a gradient's reverse sweep, its wrapper, the user's function that asked for it). On the
/// benchmarks that is a quarter to a third of the post-AD optimization. A large derivative is
/// therefore marked `noinline`; small ones (where the call would cost something) are left to the
/// inliner's cost model.
///
/// "Large" is more than `instructionLimit` instructions. The primal of such a function had already
/// survived the pre-AD inliner as a call (or was the function handed to the entry point), so LLVM's
/// own judgement on the primal is kept for its derivatives.
///
/// A derivative that a caller hands one of its stack slots is left to the inliner whatever its size:
/// inlined, the slot becomes registers. That is the tape header of a gradient (the slot with the
/// tape's top and end that the wrapper passes to the augmented forward and the reverse sweep): kept
/// out of line, every push and pop goes through memory, and GMM's gradient at d = 10 took 40% longer
/// for 3% more instructions.
public enum DerivativesOutOfLine {
  /// Derivatives with more instructions than this are not inlined after AD.
  public static let instructionLimit = 500

  /// Marks `noinline` every function of `functions` that is defined, internal (only then does the
  /// inliner's single-caller bonus apply), not `alwaysinline` and larger than `limit` instructions.
  /// Returns the functions marked.
  @discardableResult
  public static func mark(_ functions: [Function], limit: Int = instructionLimit) -> [Function] {
    var marked: [Function] = []
    for function in functions where !function.isDeclaration {
      guard function.linkage == LLVMInternalLinkage || function.linkage == LLVMPrivateLinkage,
        !function.hasAttribute("alwaysinline"), !function.hasAttribute("noinline"),
        instructionCount(function, above: limit) > limit, !receivesStackSlot(function)
      else { continue }
      function.addAttribute("noinline")
      marked.append(function)
    }
    return marked
  }

  /// Whether a call of `function` passes it an `alloca` of the caller.
  static func receivesStackSlot(_ function: Function) -> Bool {
    function.value.users.contains { user in
      guard LLVMIsACallInst(user.ref) != nil || LLVMIsAInvokeInst(user.ref) != nil else { return false }
      let arguments = Int(LLVMGetNumArgOperands(user.ref))
      return (0..<arguments).contains { index in
        LLVMIsAAllocaInst(Value(LLVMGetOperand(user.ref, UInt32(index))).strippingPointerCasts.ref) != nil
      }
    }
  }

  /// The number of instructions of `function`, counted no further than `limit + 1`.
  static func instructionCount(_ function: Function, above limit: Int) -> Int {
    var count = 0
    var block = LLVMGetFirstBasicBlock(function.ref)
    while let current = block, count <= limit {
      var instruction = LLVMGetFirstInstruction(current)
      while let each = instruction, count <= limit {
        count += 1
        instruction = LLVMGetNextInstruction(each)
      }
      block = LLVMGetNextBasicBlock(current)
    }
    return count
  }
}
