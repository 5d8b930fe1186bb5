// The middle of the compilation pipeline as named stages: simplify, differentiate, optimize.
import LLVMBinding
import SwadAD

/// One step of the pipeline that runs over a linked module.
public enum Stage: Equatable, CustomStringConvertible {
  /// A new-pass-manager pipeline, with its tuning.
  case passes(String, PassOptions)
  /// Synthesize derivatives for every Enzyme-style call and replace the calls.
  case differentiate
  /// Mark `noinline` the functions the last `differentiate` made that have more than this many
  /// instructions, or more than `calleeInstructions` when only other derivatives call them
  /// (`DerivativesOutOfLine`), so the post-AD passes do not simplify them once per caller they would
  /// be inlined into.
  case derivativesOutOfLine(instructions: Int, calleeInstructions: Int)
  /// Inline the sweeps the last `differentiate` made into their gradient's wrapper, so that an
  /// inliner in the passes that follow does not simplify each on its own first
  /// (`DerivativesOutOfLine.markSweepsIntoWrappers`). Only before the standard pipelines: a pipeline
  /// given by hand gets the sweeps as AD made them.
  case sweepsIntoWrappers
  /// Run backwards the inner loops of the functions AD reads that update an array in place from a
  /// start that moves with the enclosing loop (`ShiftedLoopReversal`), so that their vector code
  /// does not wait on the stores of the previous run. Only before the standard pipelines (the ones
  /// that vectorize).
  case reverseShiftedLoops
  /// Read again, in the functions AD reads, what a loop stored into a scratch array, instead of
  /// loading it (`ScratchArrayForwarding`), so the reverse sweep redoes it rather than keeping it.
  /// Only after the pre-AD simplification, whose loop forms it recognizes.
  case forwardScratchArrays
  /// Unswitch the loops of the functions AD marked as branching, in every iteration, on a flag set
  /// before the loop (`VersionedLoopUnswitching`). Only before the standard pipelines.
  case unswitchVersionedLoops
  /// Offer the vectorizers the vector variants of the math functions the module calls, derivatives
  /// included, and call them for the vector intrinsics of their widths; with swad's library, first
  /// expand the functions it has in place of their calls (`VectorLibrary.apply`). Before and after
  /// the post-AD passes.
  case vectorLibraryCalls(VectorLibrary)
  /// Give LLVM's option `name` `value` for the passes that follow, unless the command line gave it
  /// one (`-mllvm`): a tuning of swad's own for derivatives (`Pipeline.derivativeTuning`). LLVM's
  /// options are the process's.
  case llvmOption(name: String, value: String)
  /// Run eight outer iterations side by side in the loop nests of derivatives whose inner loop sums
  /// in order, where LLVM's unroll-and-jam pass finds it legal (`ReductionLoopJamming`), after
  /// LLVM's `globaldce` has deleted what nothing references. Only before the standard pipelines.
  case jamReductionLoops
  /// LLVM's `default<O\(level)>` after AD, its simplification half without the functions the pre-AD
  /// passes simplified that nothing has changed since (`PostADScope`).
  case defaultPipelineAfterAD(level: Int)

  public var description: String {
    switch self {
    case .passes(let text, let options):
      var flags: [String] = []
      if !options.loopVectorization { flags.append("no-loop-vectorize") }
      if !options.slpVectorization { flags.append("no-slp-vectorize") }
      if !options.loopUnrolling { flags.append("no-unroll") }
      if !options.loopInterleaving { flags.append("no-interleave") }
      return flags.isEmpty ? "passes(\(text))" : "passes(\(text)) [\(flags.joined(separator: ", "))]"
    case .differentiate: return "differentiate"
    case .derivativesOutOfLine(let limit, let calleeLimit):
      return "derivatives-out-of-line(>\(limit) instructions, >\(calleeLimit) if only derivatives call them)"
    case .sweepsIntoWrappers: return "sweeps-into-wrappers"
    case .jamReductionLoops:
      return "jam-reduction-loops(\(ReductionLoopJamming.factor) outer iterations side by side)"
    case .unswitchVersionedLoops: return "unswitch-versioned-loops"
    case .reverseShiftedLoops: return "reverse-shifted-loops"
    case .forwardScratchArrays: return "forward-scratch-arrays"
    case .vectorLibraryCalls(let library): return "vector-library-calls(\(library.rawValue))"
    case .llvmOption(let name, let value): return "llvm-option(-\(name)=\(value) unless given)"
    case .defaultPipelineAfterAD(let level):
      return
        "passes(default<O\(level)>) "
        + "[simplification skips what the pre-AD passes simplified and AD left unchanged]"
    }
  }
}

/// The pipeline that `swad-opt` and the `swad` driver run between reading and writing a module.
public struct Pipeline: Equatable {
  public var stages: [Stage]

  public init(stages: [Stage]) { self.stages = stages }

  /// What runs before AD by default: LLVM's module simplification pipeline at O2 (the pipeline
  /// ThinLTO runs before linking: inlining, SROA, GVN, instcombine, loop canonicalization), which has
  /// no vectorizers and no late unroller, as Enzyme recommends. Derivatives are taken of clean SSA,
  /// but not of vector code or unrolled bodies, which would multiply the work of the reverse sweep and
  /// the values it must cache. (`default<O2>` is not usable here: with a target machine its loop
  /// vectorizer runs whatever the tuning options say.)
  public static let preADPipeline = "thinlto-pre-link<O2>"
  public static let preADOptions = PassOptions(
    loopVectorization: false, slpVectorization: false, loopUnrolling: false, loopInterleaving: false)

  /// The post-AD pipeline for an optimization level 0...3: LLVM's full default pipeline, so the
  /// derivative is optimized together with the code around it. Level 0 runs nothing.
  public static func postADPipeline(level: Int) -> String? {
    level == 0 ? nil : "default<O\(level)>"
  }

  /// LLVM's options the standard pipelines set for derivatives, unless `-mllvm` gives them.
  ///
  /// The loop vectorizer's budget of run-time overlap checks for one loop, down from LLVM's 128 to
  /// 64. A derivative's loop has a shadow beside every pointer of its primal, so about four times
  /// the pairs to check. With the tape out of them (`TapeAliasScopes`), an LSTM gradient's reverse
  /// loop came under 128 with some fifty checks; it was vectorized, no faster than before, and its
  /// check block, an `or` of fifty comparisons, took the SLP vectorizer half a second (swad-opt on
  /// the benchmark 0.19 s to 0.97 s). At 64 the loops that gain stay vectorized (GMM's, the batched
  /// Jacobian's). The user's primal loops in the module get the same budget.
  ///
  /// The checks of an inner loop are not hoisted out of its outer loop. LLVM hoists them by
  /// stretching each pointer's range over all the outer loop's iterations, which holds only for an
  /// outer loop that walks memory upwards, and adds a test that sends every other one to the scalar
  /// loop. A reverse sweep walks its loop nests downwards: with hoisting, the vector copy of every
  /// reverse inner loop that needed checks never ran (GMM's, the LSTM's, the Eigen MLP's `tanh`
  /// layer's). Checked once per outer iteration instead, it runs: GMM's gradient took 3.6% fewer
  /// instructions, the LSTM's 1.8%. A primal loop nest's checks now also run once per outer
  /// iteration, a few comparisons beside its inner loop.
  public static var derivativeTuning: [Stage] {
    [
      .llvmOption(name: "vectorize-memory-check-threshold", value: "64"),
      .llvmOption(name: "hoist-runtime-checks", value: "false"),
    ]
  }

  /// Whether `passes` is one of LLVM's whole pipelines (`default<On>`, or `lto<On>`, which skips
  /// the simplification the code already had before AD), whose loop passes the stages that prepare
  /// derivatives' loops (`reverseShiftedLoops`, `unswitchVersionedLoops`) are for.
  static func isFullOptimization(_ passes: String) -> Bool {
    passes.hasPrefix("default<") || passes.hasPrefix("lto<")
  }

  /// The standard pipeline: pre-AD simplification, AD, post-AD optimization (large derivatives kept
  /// out of line when there is one, the math calls given `vectorLibrary`'s variants when there is one).
  public static func standard(
    preAD: String? = preADPipeline, postAD: String?,
    outOfLineAbove limit: Int = DerivativesOutOfLine.instructionLimit,
    calleesOutOfLineAbove calleeLimit: Int = DerivativesOutOfLine.calleeInstructionLimit,
    vectorLibrary: VectorLibrary? = nil
  ) -> Pipeline {
    var stages: [Stage] = []
    if let preAD, !preAD.isEmpty { stages += [.passes(preAD, preADOptions), .forwardScratchArrays] }
    let optimizesFully = postAD.map(Self.isFullOptimization) ?? false
    if optimizesFully { stages.append(.reverseShiftedLoops) }
    stages.append(.differentiate)
    if let postAD, !postAD.isEmpty {
      stages.append(.derivativesOutOfLine(instructions: limit, calleeInstructions: calleeLimit))
      if optimizesFully {
        stages += [.unswitchVersionedLoops, .sweepsIntoWrappers, .jamReductionLoops] + derivativeTuning
      }
      if let vectorLibrary { stages.append(.vectorLibraryCalls(vectorLibrary)) }
      // Only after the default pre-AD pipeline, whose simplification is the one skipped, and at
      // the default level (`PostADScope`).
      if postAD == "default<O2>", preAD == preADPipeline {
        stages.append(.defaultPipelineAfterAD(level: 2))
      } else {
        stages.append(.passes(postAD, PassOptions()))
      }
      // Again for the vector intrinsics the vectorizers chose over a variant.
      if let vectorLibrary { stages.append(.vectorLibraryCalls(vectorLibrary)) }
    }
    return Pipeline(stages: stages)
  }

  /// Runs the stages before `.differentiate` (verifying the input first): what AD will read, as
  /// `--print-activity` shows it.
  public func simplify(_ module: Module, targetMachine: TargetMachine? = nil) throws {
    do { try module.verify() } catch LLVMError.verificationFailed(let message) {
      throw PipelineError.invalidInput(message)
    }
    try Differentiator.prepare(module)
    for stage in stages {
      switch stage {
      case .passes(let text, let options):
        try PreADScope.run(on: module) {
          try module.runPasses(text, options: options, targetMachine: targetMachine)
        }
      case .reverseShiftedLoops: Self.reverseShiftedLoops(in: module)
      case .forwardScratchArrays: Self.forwardScratchArrays(in: module)
      default: return
      }
    }
  }

  /// `Stage.forwardScratchArrays` over the functions AD reads.
  static func forwardScratchArrays(in module: Module) {
    for function in Differentiator.functionsRead(in: module) {
      ScratchArrayForwarding.run(on: function, context: module.context)
    }
  }

  /// `Stage.reverseShiftedLoops` over the functions AD reads.
  static func reverseShiftedLoops(in module: Module) {
    for function in Differentiator.functionsRead(in: module) {
      ShiftedLoopReversal.run(on: function, context: module.context)
    }
  }

  /// Runs every stage over `module`, then the verifier. Errors name the stage that failed.
  @discardableResult
  public func run(on module: Module, targetMachine: TargetMachine? = nil) throws -> [Remark] {
    // Passes assume valid IR; invalid input must be an error, never a crash inside a pass.
    do { try module.verify() } catch LLVMError.verificationFailed(let message) {
      throw PipelineError.invalidInput(message)
    }
    if stages.contains(.differentiate) { try Differentiator.prepare(module) }
    var remarks: [Remark] = []
    var synthesized: [Function] = []  // the functions the last `differentiate` added
    var differentiated = false
    // Before the first optimization after AD, whose passes inline derivatives into their callers
    // (a call the remarks are about stays scalar through them: `ScalarMathInLoops`).
    var scalarMathRemarked = false
    let chosenLibrary = stages.lazy.compactMap { stage -> VectorLibrary? in
      if case .vectorLibraryCalls(let library) = stage { return library }
      return nil
    }.first
    func remarkScalarMath() {
      guard differentiated, !scalarMathRemarked else { return }
      scalarMathRemarked = true
      remarks += ScalarMathInLoops.remarks(on: synthesized, library: chosenLibrary, in: module)
    }
    // The functions AD reads as the pre-AD passes left them (`PostADScope`).
    var simplifiedBeforeAD: [Function: (name: String, fingerprint: PostADScope.Fingerprint)] = [:]
    for stage in stages {
      switch stage {
      case .passes(let text, let options) where !differentiated && stages.contains(.differentiate):
        // Before AD: only what AD will read (`PreADScope`).
        try PreADScope.run(on: module) {
          try module.runPasses(text, options: options, targetMachine: targetMachine)
        }
        simplifiedBeforeAD = PostADScope.fingerprints(of: Array(Differentiator.functionsRead(in: module)))
      case .passes(let text, let options):
        if Self.isFullOptimization(text) { remarkScalarMath() }
        try module.runPasses(text, options: options, targetMachine: targetMachine)
      case .defaultPipelineAfterAD(let level):
        remarkScalarMath()
        let kept = try PostADScope.run(
          level: level, on: module, simplifiedBeforeAD: simplifiedBeforeAD, derivatives: Set(synthesized),
          targetMachine: targetMachine)
        if kept > 0 {
          remarks.append(
            Remark(
              "post-AD passes: \(kept) function\(kept == 1 ? "" : "s") simplified before AD and "
                + "unchanged by it got only the optimization half of default<O\(level)>"))
        }
      case .derivativesOutOfLine(let limit, let calleeLimit):
        DerivativesOutOfLine.mark(synthesized, limit: limit, calleeLimit: calleeLimit)
      case .unswitchVersionedLoops:
        try VersionedLoopUnswitching.run(on: module, targetMachine: targetMachine)
      case .reverseShiftedLoops:
        Self.reverseShiftedLoops(in: module)
      case .forwardScratchArrays:
        Self.forwardScratchArrays(in: module)
      case .vectorLibraryCalls(let library):
        library.apply(to: module)
      case .llvmOption(let name, let value):
        try LLVMCommandLine.setUnlessGiven(name, value)
      case .sweepsIntoWrappers:
        if !DerivativesOutOfLine.markSweepsIntoWrappers(synthesized).isEmpty {
          try module.runPasses("always-inline", targetMachine: targetMachine)
          // The inliner deleted the sweeps it took.
          let remaining = Set(module.functions)
          synthesized = synthesized.filter(remaining.contains)
        }
      case .jamReductionLoops:
        // What nothing references goes first, as the post-AD passes would delete it: every
        // discardable function, global and declaration, the routines of swad's runtimes the
        // derivatives do not call (linked whole, `linkonce_odr`) among them. Nothing to jam there.
        try module.runPasses("globaldce", targetMachine: targetMachine)
        let remaining = Set(module.functions)
        synthesized = synthesized.filter(remaining.contains)
        remarks += try ReductionLoopJamming.run(
          on: synthesized, context: module.context, targetMachine: targetMachine)
      case .differentiate:
        let before = Set(module.functions)
        remarks += try Differentiator(module: module).run()
        synthesized = module.functions.filter { !before.contains($0) }
        differentiated = true
        // Passes may crash on invalid IR: a transform bug must surface as a message.
        do { try module.verify() } catch LLVMError.verificationFailed(let message) {
          throw PipelineError.invalidOutput(message)
        }
      }
    }
    // Without the stage that reads them (-O0, a pipeline given by hand), the marks stay until here.
    VersionedLoopUnswitching.removeMarks(in: module)
    do { try module.verify() } catch LLVMError.verificationFailed(let message) {
      throw PipelineError.invalidOutput(message)
    }
    // Without debug info, remarks can name values, blocks and loop nests only as the IR does.
    if differentiated, !module.hasDebugInfo, remarks.contains(where: { !$0.isWarning }) {
      remarks.append(
        Remark(
          "the remarks name values as the IR does: compile with -g (or -gline-tables-only) for the "
            + "source line of each"))
    }
    return remarks
  }
}

/// Errors of the pipeline itself (as opposed to those of a stage).
public enum PipelineError: Error, CustomStringConvertible {
  case invalidInput(String)
  case invalidOutput(String)

  public var description: String {
    switch self {
    case .invalidInput(let message): return "input module fails verification: \(message)"
    case .invalidOutput(let message):
      return "internal error: the transformed module fails verification (please report): \(message)"
    }
  }
}
