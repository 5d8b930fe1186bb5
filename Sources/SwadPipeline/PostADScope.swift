// The post-AD `default<On>` simplifies again only what is new since the pre-AD simplification.
import CLLVM
import LLVMBinding
import SwadAnalysis

/// `default<On>` is LLVM's module simplification (the inliner, with SROA, GVN and instcombine on
/// each function) followed by its optimization (vectorizers, unrolling). The pre-AD passes ran the
/// simplification over the functions AD reads (`PreADScope`). Those AD leaves as they were would be
/// simplified a second time for nothing: they get only the optimization, as clang's `-O2` gives a
/// function once simplified. AD's derivatives, the functions that call them, and everything the
/// pre-AD passes skipped get both halves.
///
/// A function keeps its pre-AD simplification only when no call of it could be inlined into code
/// that is simplified now (`optnone` beside the `noinline` LLVM requires would stop that): it is
/// `noinline` already, or it is visible outside the module and every call of it is in a derivative
/// or in another such function. A call in a derivative copies a call of the primal, which the
/// pre-AD inliner saw and declined; a local function may lose its other callers to AD and then be
/// inlined into its last one, so only a `noinline` one is kept. A function whose address is taken,
/// or that a pass after the pre-AD ones changed (its `Fingerprint` differs), is simplified again.
/// So is one with a loop that exits on a comparison with a constant: the pre-AD passes do not
/// unroll, and the simplification's full unrolling would open such a loop before the vectorizers.
/// Only at `-O2`, the default: at `-O3` LLVM's printed pipeline reads back with O2's inlining and
/// unrolling settings. Skipping is never a question of correctness: a function wrongly kept gets
/// `default<On>`'s optimization half all the same.
enum PostADScope {
  /// The shape of a function's code: enough to tell that a pass changed it, cheap to take. Blocks
  /// that only branch on are left out: AD gives loops dedicated exit blocks (`LoopExits`), which
  /// the optimization half's CFG simplification removes again.
  struct Fingerprint: Equatable {
    let instructions: Int
    let hash: Int

    init(_ function: Function) {
      var hasher = Hasher()
      var instructions = 0
      for block in function.blocks {
        let body = block.instructions
        if body.count == 1, body[0].opcode == LLVMBr, body[0].operandCount == 1 { continue }
        for instruction in body {
          instructions += 1
          hasher.combine(instruction.opcode.rawValue)
          hasher.combine(instruction.operandCount)
          if let callee = instruction.isCall ? instruction.calledFunction : nil {
            hasher.combine(callee.name)
          }
        }
      }
      self.instructions = instructions
      self.hash = hasher.finalize()
    }
  }

  /// The fingerprints of `functions` as the pre-AD passes leave them, by function and name (a pass
  /// may delete a function and another take its place).
  static func fingerprints(of functions: [Function]) -> [Function: (name: String, fingerprint: Fingerprint)] {
    Dictionary(
      uniqueKeysWithValues: functions.filter { !$0.isDeclaration }.map { ($0, ($0.name, Fingerprint($0))) })
  }

  /// Runs `default<O\(level)>` over `module`, its simplification half without the functions that keep
  /// their pre-AD simplification (of those in `simplifiedBeforeAD`). `derivatives` are the functions
  /// AD made. Returns how many functions were kept so. Without any, or with a pipeline text
  /// that does not split where expected, the pipeline runs whole.
  @discardableResult
  static func run(
    level: Int, on module: Module, simplifiedBeforeAD: [Function: (name: String, fingerprint: Fingerprint)],
    derivatives: Set<Function>, targetMachine: TargetMachine?
  ) throws -> Int {
    let whole = "default<O\(level)>"
    let kept = functionsKeepingSimplification(in: module, simplifiedBeforeAD, derivatives: derivatives)
    let passes =
      kept.isEmpty ? [] : DefaultPipelineText.topLevelPasses(level: level, targetMachine: targetMachine)
    // The optimization half starts by dropping available_externally bodies (LLVM 22's
    // buildModuleOptimizationPipeline); everything before it is the simplification.
    guard let split = passes.firstIndex(of: "elim-avail-extern") else {
      try module.runPasses(whole, targetMachine: targetMachine)
      return 0
    }
    // LLVM reads a pipeline's text whole before it runs a pass: a text it does not take back (not
    // seen with LLVM 22) changes nothing, and the named pipeline runs instead.
    do {
      try SkippedFunctions.run(skipping: kept, in: module) {
        try module.runPasses(passes[..<split].joined(separator: ","), targetMachine: targetMachine)
      }
    } catch {
      try module.runPasses(whole, targetMachine: targetMachine)
      return 0
    }
    do {
      try module.runPasses(passes[split...].joined(separator: ","), targetMachine: targetMachine)
    } catch {
      // The whole pipeline after its first half: simplified twice, as before this stage existed.
      try module.runPasses(whole, targetMachine: targetMachine)
      return 0
    }
    return kept.count
  }

  /// Whether a loop of `function` leaves on a comparison with a constant integer: a trip count the
  /// simplification's full unrolling may know.
  private static func hasLoopExitingOnAConstant(_ function: Function) -> Bool {
    let loops = LoopInfo(function: function, dominators: DominatorTree(function: function)).loops
    return loops.contains { loop in
      loop.exitEdges.contains { edge in
        guard let branch = edge.from.terminator, branch.opcode == LLVMBr, branch.operandCount == 3,
          let compare = branch.condition.asInstruction, compare.opcode == LLVMICmp
        else { return false }
        return compare.operands.contains { LLVMIsAConstantInt($0.ref) != nil }
      }
    }
  }

  private static func functionsKeepingSimplification(
    in module: Module, _ simplified: [Function: (name: String, fingerprint: Fingerprint)],
    derivatives: Set<Function>
  ) -> Set<Function> {
    var kept = Set(
      module.functions.filter { function in
        guard let (name, fingerprint) = simplified[function], function.name == name, !function.isDeclaration
        else { return false }
        guard SkippedFunctions.canSkip(function) else { return false }
        let local = [LLVMInternalLinkage, LLVMPrivateLinkage].contains(function.linkage)
        if local && !function.hasAttribute("noinline") { return false }
        return Fingerprint(function) == fingerprint && !hasLoopExitingOnAConstant(function)
      })
    // Drop those that a simplified caller could inline, until none is left to drop.
    var changed = true
    while changed {
      changed = false
      for function in kept where !function.hasAttribute("noinline") {
        let inlinable = function.value.users.contains { user in
          guard let call = user.asInstruction, call.isCall || call.opcode == LLVMInvoke,
            call.calledOperand == function.value
          else { return true }  // its address: a call through it may become direct and be inlined
          return !kept.contains(call.function) && !derivatives.contains(call.function)
        }
        if inlinable {
          kept.remove(function)
          changed = true
        }
      }
    }
    return kept
  }
}
