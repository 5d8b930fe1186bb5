// Reverse loops that test, in every iteration, a condition fixed before they start are copied once
// per outcome before the post-AD passes.
import LLVMBinding
import SwadAD

/// Some reverse loops branch on a flag the reverse sweep sets before entering them: whether the
/// pending sums of `Gradient+RotatedAdjoints` passed their run-time overlap check. Beside it often
/// sits the test of whether a shadow is its primal, fixed before the loop too, which is also what
/// the run-time checks of reads and writes through such shadows test (`UnshadowedMemory`). Until
/// the loop is unswitched (copied once per outcome, the test moved in front), the tests stay in
/// every iteration and the loop does not vectorize. LLVM's default<O2> unswitches only trivially (a branch that
/// leaves the loop): copying a loop is left to O3.
///
/// AD marks the functions with such loops (`LoopVersioning.attribute`). This stage unswitches their
/// loops, after SROA and instcombine have made the flags values the loops do not change; the
/// unswitching pass's own size limit keeps large loops whole. Swift GMM at d = 64, whose triangle's
/// reverse loop is one of them, went from 2.8-3.1 times the primal to 2.1-2.5 (interleaved runs).
public enum VersionedLoopUnswitching {
  /// What runs over a marked function: first the clean-up that makes the flags values, then (after
  /// `LockstepPointerTests`) the unswitching.
  public static let pipeline = [
    "sroa,early-cse<memssa>,instcombine<no-verify-fixpoint>,simplifycfg",
    "loop-mssa(licm,simple-loop-unswitch<nontrivial>)",
  ]

  /// The unswitching pass's size limit for these loops (LLVM's default is 50). A loop of a forward
  /// sweep may test several shadows that may be their primals (`UnshadowedMemory`'s checks of the
  /// reads and writes through them), each fixed before the loop: the copy in which every shadow is
  /// real is the one without checks, which vectorizes. An Eigen MLP's loop of `tanh` over a matrix,
  /// three such tests, needed 80 to reach that copy; its gradient with libmvec's vector `tanh` went
  /// from 2.0 to 1.1 ms. Only for this stage: LLVM's O3 unswitches the program's own loops with its
  /// own limit.
  static let unswitchThreshold = "100"

  /// Unswitches the loops of `module`'s marked functions and removes the marks. Returns the
  /// functions it ran on.
  @discardableResult
  public static func run(on module: Module, targetMachine: TargetMachine?) throws -> [Function] {
    let marked = removeMarks(in: module)
    guard !marked.isEmpty else { return marked }
    try LLVMCommandLine.withOptionUnlessGiven("unswitch-threshold", unswitchThreshold) {
      for function in marked {
        try function.runPasses(pipeline[0], targetMachine: targetMachine)
        LockstepPointerTests.hoist(in: function, context: module.context)
        try function.runPasses(pipeline[1], targetMachine: targetMachine)
      }
    }
    return marked
  }

  /// Removes the marks, as every pipeline must before its output is written. Returns the functions
  /// that had one.
  @discardableResult
  public static func removeMarks(in module: Module) -> [Function] {
    let marked = module.functions.filter {
      !$0.isDeclaration && $0.hasStringAttribute(LoopVersioning.attribute)
    }
    for function in marked { function.removeStringAttribute(LoopVersioning.attribute) }
    return marked
  }
}
