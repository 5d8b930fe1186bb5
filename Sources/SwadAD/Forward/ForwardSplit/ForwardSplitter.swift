// Forward split mode: a tangent function that takes from a tape every primal value it cannot
// recompute, instead of running the primal again, and the augmented primal that records them.
import CLLVM
import LLVMBinding
import SwadAnalysis

/// What the forward emitter did for the original's instructions, kept for forward split mode.
struct ForwardJournal {
  /// Each copy of an original instruction into the derivative (`ForwardEmitter.copyPrimal`).
  var primalCopies: [(original: Instruction, copy: Instruction)] = []
  /// Each call of a callee's derivative made for an original call.
  var derivativeCalls: [(original: Instruction, call: Instruction)] = []
}

/// Makes forward split pairs: for a (function, tangent parameters) signature, the tangent
/// `fwdsplit_f` and the augmented primal `augmented_fwdsplit_f`.
///
/// The tangent is the ordinary forward derivative (`ForwardGenerator`, `ForwardEmitter` and their
/// rule tables), made by a generator of its own and then changed so that it repeats none of the
/// primal's effects:
///  - every load of primal memory, read-modify-write, and result of a call that may touch memory
///    becomes a value read from the tape: memory may have changed since the augmented primal ran
///    (the primal's own in-place updates, the caller's), so nothing is read from it again;
///  - stores, fences and calls with effects on primal memory (allocation, `free`, `memcpy`, I/O,
///    functions without a derivative) are removed; their shadow counterparts stay;
///  - arithmetic, comparisons, GEPs, phis and calls of pure math are recomputed from the arguments
///    (passed again, as Enzyme requires) and from tape values;
///  - a call of a differentiated function calls that function's split tangent, which reads the
///    callee's records; its primal result comes from the caller's tape.
/// Then everything the tangent does not need is deleted (an aggressive dead-code pass: stores,
/// calls and branches are the roots), and the tape values still used are the records: the
/// augmented primal, a copy of the original, pushes exactly those, in program order, right after
/// they are made. Branch conditions depend only on recomputed and recorded values, so the tangent
/// follows the primal's path and reads the records in the order they were pushed.
final class ForwardSplitter {
  static let tangentPrefix = "fwdsplit_"
  static let augmentedPrefix = "augmented_fwdsplit_"

  let module: Module
  let generator: ForwardGenerator
  let runtime: ForwardSplitTape
  /// Per tangent function: its augmented primal (possibly still without a body).
  private var augmented: [Function: Function] = [:]
  /// The finished tangent functions that read the tape (themselves, or through a callee).
  private var readingTape: Set<Function> = []
  /// What the tapes hold, for `--print-remarks`.
  private(set) var remarks: [Remark] = []

  /// How remarks name functions, shared with the other generators of the run.
  let remarkNames: RemarkNames

  init(
    module: Module, rules: CustomRules, globals: GlobalShadows, remarkNames: RemarkNames = RemarkNames()
  ) {
    self.module = module
    self.remarkNames = remarkNames
    generator = ForwardGenerator(module: module, rules: rules, globals: globals)
    runtime = ForwardSplitTape(module: module)
    generator.split = self
  }

  /// The split pair of `signature`, and whether its tangent reads the tape at all (a tangent that
  /// does not accepts any tape, even null, as Enzyme's does).
  func pair(_ signature: ForwardSignature) throws
    -> (tangent: ForwardDerivative, augmented: Function, readsTape: Bool)
  {
    precondition(signature.width == 1, "batched forward split mode is refused at the call")
    let tangent = try generator.derivative(signature)
    return (tangent, augmentedShell(of: tangent.function, original: signature.function),
            readingTape.contains(tangent.function))
  }

  /// The augmented primal of a tangent function: made empty on first request (a recursive
  /// function's call meets it before its body exists), filled by `finish`.
  private func augmentedShell(of tangent: Function, original: Function) -> Function {
    if let made = augmented[tangent] { return made }
    let function = module.addFunction(named: Self.augmentedPrefix + original.name, type: original.type)
    function.linkage = LLVMInternalLinkage
    function.copyStringAttributes(from: original)
    augmented[tangent] = function
    return function
  }

  /// Drops what was made for a tangent whose emission failed (its augmented primal, perhaps empty).
  func forget(_ tangent: Function) {
    readingTape.remove(tangent)
    augmented.removeValue(forKey: tangent)?.eraseWithUses()
  }

  /// Turns a forward derivative, just emitted, into a split tangent, and fills its augmented primal.
  func finish(_ emitter: ForwardEmitter) throws {
    let original = emitter.original
    try refuseReadingPrimalMemory(in: emitter)
    let tangent = emitter.derived
    var split = SplitTangent(module: module, function: tangent, classifier: generator.classifier)
    try requireJournaled(emitter, split: split)
    split.dropPrimalResults()
    for (call, derivativeCall) in emitter.journal.derivativeCalls {
      split.takeResultFromTape(of: call, calledThrough: derivativeCall)
    }
    for (instruction, copy) in emitter.journal.primalCopies {
      split.removeEffects(of: instruction, copy: copy)
    }
    split.deleteDeadCode()
    // Every callee tangent, finished or not (recursion), has its augmented primal from here on.
    let own = augmentedShell(of: tangent, original: original)
    let callees = emitter.journal.derivativeCalls.compactMap { call, derivativeCall -> (Instruction, Function)? in
      guard let callee = derivativeCall.calledFunction, let primal = call.calledFunction else { return nil }
      return (call, augmentedShell(of: callee, original: primal))
    }
    let records = split.materializeReads(runtime: runtime, callsTangent: { self.augmented[$0] != nil })
    if !records.isEmpty || !callees.isEmpty { readingTape.insert(tangent) }
    if !records.isEmpty { remarks.append(describeTape(of: original, records: records)) }
    AugmentedPrimal(module: module, original: original, function: own, runtime: runtime)
      .emit(recording: Set(records), callingAugmented: Dictionary(callees, uniquingKeysWith: { first, _ in first }))
  }

  /// Stops, naming the call, where the tangent cannot be made from a tape (called before the
  /// emission): exceptions, calls whose derivatives read primal memory or run the primal (BLAS, MPI,
  /// OpenMP, registered derivatives), derivatives nested inside.
  func refuseUnsupported(in emitter: ForwardEmitter) throws {
    for block in emitter.original.blocks {
      for instruction in block.instructions {
        // While the derivative is emitted, invokes are calls (`UnwindRegistry`); their landing pads stay.
        if instruction.opcode == LLVMInvoke || instruction.opcode == LLVMLandingPad || instruction.opcode == LLVMResume
          || generator.unwind.sites(of: emitter.original)?.landingPad(of: instruction) != nil
        {
          throw ADError("__enzyme_fwdsplit cannot differentiate code that throws or catches exceptions yet "
            + "('\(emitter.original.name)'); use __enzyme_fwddiff", at: instruction)
        }
        guard instruction.isCall else { continue }
        let what: String?
        switch generator.classifier.semantics(of: instruction) {
        case .blas(let function): what = "the BLAS routine '\(function.name)'"
        case .mpi: what = "an MPI routine"
        case .openMP: what = "an OpenMP runtime call"
        case .customDerivative(let callee, _)
        where instruction.arguments.contains { emitter.activity.isActiveArgument($0) }:
          what = "'\(callee.name)', whose registered derivative runs its primal too"
        default:
          let name = instruction.calledFunction?.name ?? ""
          let generated = ["swad.tape.", "swad.fwdsplit.", Self.tangentPrefix, Self.augmentedPrefix]
          let nested = generated.contains { name.hasPrefix($0) }
          what = nested ? "'\(name)', a derivative computed inside the function," : nil
        }
        if let what {
          throw ADError("__enzyme_fwdsplit cannot differentiate a call of \(what) yet: its tangent would read "
            + "primal memory or repeat the primal's effects; use __enzyme_fwddiff", at: instruction)
        }
      }
    }
  }

  /// Stops where the forward emitter handled an instruction that touches memory without the journal
  /// saying how (a path added to it that split mode does not know): the tangent might repeat the
  /// primal's effect or read primal memory.
  private func requireJournaled(_ emitter: ForwardEmitter, split: SplitTangent) throws {
    let journaled = Set(emitter.journal.primalCopies.map(\.original) + emitter.journal.derivativeCalls.map(\.original))
    for block in reversePostOrder(emitter.original) {
      for instruction in block.instructions where !journaled.contains(instruction) {
        let touchesMemory = [LLVMLoad, LLVMStore, LLVMAtomicRMW, LLVMAtomicCmpXchg, LLVMFence, LLVMVAArg]
          .contains(instruction.opcode) || instruction.isCall && !split.isPure(call: instruction)
        guard touchesMemory else { continue }
        throw ADError("__enzyme_fwdsplit cannot tell what the tangent of this instruction does to primal memory; "
          + "use __enzyme_fwddiff", at: instruction)
      }
    }
  }

  /// A remark naming the values the augmented primal of `original` records: each with what made it
  /// and where, and whether it is recorded per iteration of a loop.
  private func describeTape(of original: Function, records: [Instruction]) -> Remark {
    let cycles = CycleInfo(function: original)
    var bytes: Int64 = 0, loopBytes: Int64 = 0
    let described = records.map { value -> String in
      let size = runtime.tape.slotSize(of: value.type)
      let inLoop = cycles.isCyclic(value.parent)
      if inLoop { loopBytes += size } else { bytes += size }
      let kinds: [UInt32: String] = [LLVMLoad.rawValue: "load", LLVMCall.rawValue: "call",
                                     LLVMAtomicRMW.rawValue: "atomicrmw", LLVMAtomicCmpXchg.rawValue: "cmpxchg"]
      var made = [kinds[value.opcode.rawValue] ?? "va_arg"]
      if let location = value.sourceLocation, location.line > 0 {
        made.append(location.shortDescription)
      }
      let name = value.value.name.isEmpty ? "a value" : "%\(value.value.name)"
      return "\(name) (\(made.joined(separator: ", ")))\(inLoop ? " per iteration" : "")"
    }
    return Remark(
      "\(remarkNames.function(original.name)): the forward split tape records \(bytes) bytes per call and \(loopBytes) "
        + "bytes per loop iteration: " + described.joined(separator: ", "))
  }

  /// Stops at a `memcpy` whose tangent, as emitted, reads the source's primal memory.
  private func refuseReadingPrimalMemory(in emitter: ForwardEmitter) throws {
    for block in emitter.original.blocks {
      for call in block.instructions where call.isCall {
        guard case .memoryTransfer = generator.classifier.semantics(of: call),
          readsPrimalMemoryInTangent(call, emitter: emitter)
        else { continue }
        throw ADError("__enzyme_fwdsplit cannot differentiate a copy into active memory from memory without a "
          + "shadow that may hold pointers yet: its tangent would read primal memory; use __enzyme_fwddiff", at: call)
      }
    }
  }

  /// Whether the forward emitter's tangent of a `memcpy` reads the source's primal memory: a copy
  /// into shadowed memory from memory without a shadow whose bytes may hold pointers (each pointer
  /// is its own shadow), as `ForwardEmitter.copyConstantMemory` does. Constant globals never change,
  /// so reading them again is sound.
  private func readsPrimalMemoryInTangent(_ call: Instruction, emitter: ForwardEmitter) -> Bool {
    let destination = call.arguments[0], source = call.arguments[1]
    guard emitter.hasTangent(destination), !emitter.hasTangent(source) else { return false }
    let base = source.strippingPointerCasts
    if base.isGlobalVariable, base.isGlobalConstant { return false }
    let pointers = [destination, source]
    let element = MemoryTypes.layoutType(reachedBy: pointers, in: emitter.original,
                                         bytes: call.arguments[2].constantInt.map { Int($0) }, module: module)
      ?? emitter.inferredTypeOfMemory(reachedBy: pointers)
    return element?.containsPointer ?? false
  }
}
