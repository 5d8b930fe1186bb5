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
/// "Large" is more than `instructionLimit` instructions for a derivative the user's code calls (the
/// gradient of the function handed to an entry point), and more than `calleeInstructionLimit` for
/// one that only other derivatives call (the derivatives of a call that survived the pre-AD
/// inliner). LLVM judged the primal of the latter not worth inlining where it is called; its
/// derivatives, each with one caller, would be inlined anyway for the single-caller bonus, and the
/// chain of derivatives above it simplified again with them inside. On the Eigen MLP, whose gradient
/// is a tree of such derivatives of Eigen's kernels, the lower limit for them took 14% off the
/// instructions swad-opt runs (5.31 G to 4.55 G under callgrind) with the same instructions in the
/// gradient (488 M); on the C benchmarks, whose derivatives are either small or the entry's, nothing
/// changed. The entry's derivative keeps the higher limit: inlined into the loop that calls it,
/// the sine fit's gradient runs 1.6% fewer instructions than as a call.
///
/// A derivative that a caller hands one of its stack slots is left to the inliner whatever its size:
/// inlined, the slot becomes registers. That is the tape header of a gradient (the slot with the
/// tape's top and end that the wrapper passes to the augmented forward and the reverse sweep): kept
/// out of line, every push and pop goes through memory, and GMM's gradient at d = 10 took 40% longer
/// for 3% more instructions.
///
/// Such a derivative is counted as part of the caller that hands it a slot. A gradient's wrapper is
/// a dozen instructions that call the augmented forward and the reverse sweep with its tape header;
/// counted alone, it went into the user's function with both sweeps inside it.
///
/// Under the standard post-AD pipelines the sweeps go into their wrapper before the passes start
/// (`markSweepsIntoWrappers`): the inliner, working bottom-up, simplified each sweep on its own
/// before putting it in the wrapper and simplifying it again there. With both changes, the post-AD
/// passes go through GMM's gradient once instead of three times, and swad-opt takes a quarter less
/// time.
public enum DerivativesOutOfLine {
  /// Derivatives that the user's code calls, with more instructions than this, are not inlined after
  /// AD.
  public static let instructionLimit = 500
  /// Derivatives that only other derivatives call, with more instructions than this, are not inlined
  /// after AD.
  public static let calleeInstructionLimit = 150

  /// Marks `noinline` every function of `functions` that is defined, internal (only then does the
  /// inliner's single-caller bonus apply), not `alwaysinline` and larger than `limit` instructions,
  /// or `calleeLimit` when only functions of `functions` call it, counting in those it is handed a
  /// stack slot by. Returns the functions marked.
  @discardableResult
  public static func mark(
    _ functions: [Function], limit: Int = instructionLimit, calleeLimit: Int = calleeInstructionLimit
  ) -> [Function] {
    var marked: [Function] = []
    let synthesized = Set(functions)
    let slotReceivers = slotReceivers(among: functions)
    for function in functions where isInternal(function) && !function.isDeclaration {
      let limit = isCalledOnly(function, from: synthesized) ? calleeLimit : limit
      guard !function.hasAttribute("alwaysinline"), !function.hasAttribute("noinline"),
        !slotReceivers.contains(function),
        inlinedSize(function, absorbing: slotReceivers, above: limit) > limit
      else { continue }
      function.addAttribute("noinline")
      marked.append(function)
    }
    return marked
  }

  /// Marks `alwaysinline` the functions of `functions` handed a stack slot by the one call that calls
  /// them, in a function of `functions` that is not itself handed one: the sweeps of a gradient, to
  /// be inlined into its wrapper before the post-AD passes (`Stage.sweepsIntoWrappers`). Returns the
  /// functions marked.
  @discardableResult
  public static func markSweepsIntoWrappers(_ functions: [Function]) -> [Function] {
    let synthesized = Set(functions)
    let slotReceivers = slotReceivers(among: functions)
    var marked: [Function] = []
    for function in functions where slotReceivers.contains(function) && isInternal(function) {
      guard !function.hasAttribute("alwaysinline"), !function.hasAttribute("noinline"),
        let caller = onlyCaller(of: function), synthesized.contains(caller), !slotReceivers.contains(caller)
      else { continue }
      function.addAttribute("alwaysinline")
      marked.append(function)
    }
    return marked
  }

  /// The defined functions of `functions` that a call in one of them hands a stack slot.
  static func slotReceivers(among functions: [Function]) -> Set<Function> {
    let synthesized = Set(functions)
    return Set(functions.filter { !$0.isDeclaration && receivesStackSlot($0, from: synthesized) })
  }

  /// Whether every use of `function` is a call in one of `callers` (and there is one).
  static func isCalledOnly(_ function: Function, from callers: Set<Function>) -> Bool {
    let users = function.value.users
    return !users.isEmpty
      && users.allSatisfy { user in
        guard LLVMIsACallInst(user.ref) != nil || LLVMIsAInvokeInst(user.ref) != nil else { return false }
        let call = Instruction(user.ref)
        return call.calledOperand == function.value && callers.contains(call.function)
      }
  }

  static func isInternal(_ function: Function) -> Bool {
    function.linkage == LLVMInternalLinkage || function.linkage == LLVMPrivateLinkage
  }

  /// The function that calls `function`, when that call is its one use.
  static func onlyCaller(of function: Function) -> Function? {
    let users = function.value.users
    guard users.count == 1, let call = users.first, LLVMIsACallInst(call.ref) != nil,
      Instruction(call.ref).calledOperand == function.value
    else { return nil }
    return Instruction(call.ref).function
  }

  /// Whether a call of `function` in one of `callers` passes it an `alloca` of the caller. Only
  /// derivatives' own slots count (the tape header): a user's function that hands a gradient the
  /// address of a local (`&err`) saves a store and a load by inlining it, not the pushes and pops.
  static func receivesStackSlot(_ function: Function, from callers: Set<Function>) -> Bool {
    function.value.users.contains { user in
      guard LLVMIsACallInst(user.ref) != nil || LLVMIsAInvokeInst(user.ref) != nil,
        callers.contains(Instruction(user.ref).function)
      else { return false }
      let arguments = Int(LLVMGetNumArgOperands(user.ref))
      return (0..<arguments).contains { index in
        LLVMIsAAllocaInst(Value(LLVMGetOperand(user.ref, UInt32(index))).strippingPointerCasts.ref) != nil
      }
    }
  }

  /// The number of instructions of `function` once the functions of `absorbed` it calls are inlined
  /// into it (and theirs into them), counted no further than `limit + 1`.
  static func inlinedSize(
    _ function: Function, absorbing absorbed: Set<Function>, above limit: Int, visiting: Set<Function> = []
  ) -> Int {
    var count = instructionCount(function, above: limit)
    guard !absorbed.isEmpty else { return count }
    let visiting = visiting.union([function])
    for block in function.blocks {
      for instruction in block.instructions where count <= limit && instruction.isCall {
        guard let callee = instruction.calledFunction, absorbed.contains(callee), !visiting.contains(callee)
        else { continue }
        count += inlinedSize(callee, absorbing: absorbed, above: limit, visiting: visiting)
      }
    }
    return count
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
