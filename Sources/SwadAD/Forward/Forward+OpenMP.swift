// Forward mode, OpenMP: tangents are computed in the same parallel region as the values. A fork
// runs the microtask's forward derivative with the shadows of the captured pointers beside them;
// reductions join the tangents of the private copies with their values, in a critical section.
import CLLVM
import LLVMBinding

extension ForwardEmitter {
  func visitOpenMPCall(_ call: Instruction, _ kind: OpenMPCall) throws {
    let support = OpenMPSupport(module: module)
    let arguments = call.arguments
    switch kind {
    case .fork:
      try emitForkTangent(call)
    case .workshare, .barrier, .critical, .endCritical:
      copyPrimal(call)
    case .reduce:
      // The critical-section way (`case 1` of the switch that follows): the private copies and
      // their tangents join the shared ones together.
      builder.call(support.critical, [map[arguments[0]], map[arguments[1]], map[arguments[6]]])
      map.map(call.value, to: Value.constInt(call.type, 1))
    case .endReduce(let blocking):
      builder.call(support.endCritical, [map[arguments[0]], map[arguments[1]], map[arguments[2]]])
      if blocking { builder.call(support.barrier, [map[arguments[0]], map[arguments[1]]]) }
    case .unsupported(let what):
      throw ADError(
        "cannot differentiate '\(call.calledFunction?.name ?? "?")': \(what) is not supported by swad's "
          + "OpenMP rules (parallel regions, worksharing loops, reductions, critical sections, atomics and barriers are)",
        at: call)
    }
  }

  /// `__kmpc_fork_call(loc, n, microtask, captured…)` becomes a fork of the microtask's forward
  /// derivative, each captured pointer followed by its shadow.
  private func emitForkTangent(_ call: Instruction) throws {
    let captured = OpenMPRuntime.captured(by: call)
    guard let microtask = OpenMPRuntime.microtask(of: call), !microtask.isDeclaration else {
      throw ADError(
        "cannot differentiate a parallel region whose outlined function is not in the module", at: call)
    }
    guard
      captured.contains(where: { activity.isActiveArgument($0) })
        || generator.globals.isTouched(by: microtask)
    else {
      _ = copyPrimal(call)
      return
    }
    guard width == 1 else {
      throw ADError("batched forward mode (enzyme_width) of a parallel region is not supported", at: call)
    }
    // The sweeps' reductions (a thread's partial sums joined, their adjoints spread back) are not
    // followed by their tangents yet: a Hessian-vector product through a reduction lost the first
    // iteration of each thread's chunk with 2 or 3 threads, silently, or crashed.
    if let swept = ReverseGenerator.sweptFunctionName(microtask) {
      let region = swept.hasSuffix(".omp_outlined") ? String(swept.dropLast(".omp_outlined".count)) : swept
      throw ADError(
        "cannot differentiate in forward mode the gradient of a parallel region (forward over reverse, a "
          + "Hessian-vector product, through the parallel region of '\(demangledIfPossible(region))'): "
          + "not supported yet; differentiate the forward derivative in reverse mode instead (reverse over forward "
          + "works), or make the region serial for the Hessian", at: call)
    }
    for value in captured where activity.isActiveArgument(value) && !value.type.isPointer {
      throw ADError(
        "a parallel region captures a value that carries a derivative by value (firstprivate "
          + "'\(value.name)'); share it (pass it by reference) instead", at: call)
    }
    let tangentParameters = [false, false] + captured.map { hasTangent($0) && $0.type.isPointer }
    let flags = constantShadowFlags(call.arguments.dropFirst(3).map { $0 })
    var signature = ForwardSignature(
      function: microtask, tangentParameters: tangentParameters, width: 1,
      constantShadowParameters: flags.isEmpty ? [] : [false, false] + flags)
    signature.strongZero = derivative.signature.strongZero
    signature.shadowedPointees = OpenMPRuntime.shadowedPointees(of: call) {
      hasTangent($0) && !constantShadows.contains($0)
    }
    let derivative = try generator.derivative(signature)
    var values: [Value] = []
    for (value, shadowed) in zip(captured, tangentParameters.dropFirst(2)) {
      values.append(map[value])
      if shadowed { values.append(tangent(of: value)[0]) }
    }
    let arguments = call.arguments
    let count = Value.constInt(arguments[1].type, Int64(values.count))
    let fork = call.calledFunction!
    _ = builder.call(fork, [map[arguments[0]], count, derivative.function.value] + values)
  }

  // MARK: - Atomics

  /// `atomicrmw fadd/fsub p, v` (`#pragma omp atomic`): the shadow gets the same atomic update by the
  /// tangent. The old value the update returns has no tangent swad can give: using it is an error.
  func emitAtomicTangent(_ instruction: Instruction) throws {
    let pointer = instruction.operand(0)
    if OpenMPRuntime.isOnAtomicReductionPath(instruction) { return }  // never taken by derivatives
    if instruction.opcode == LLVMAtomicCmpXchg {
      if hasTangent(pointer), Atomics.exchangesFloatBits(instruction) {
        throw Atomics.compareExchangeError(at: instruction)
      }
      return
    }
    let value = instruction.operand(1)
    guard value.type.isFloatingPointOrVector, hasTangent(pointer) else { return }
    let operation = LLVMGetAtomicRMWBinOp(instruction.ref)
    guard operation == LLVMAtomicRMWBinOpFAdd || operation == LLVMAtomicRMWBinOpFSub else {
      throw Atomics.unsupportedError(instruction)
    }
    if !instruction.value.users.isEmpty, activity.isVaried(instruction.value) {
      throw Atomics.usedResultError(at: instruction)
    }
    let update = LLVMBuildAtomicRMW(
      builder.ref, operation, tangent(of: pointer)[0].ref, tangent(of: value)[0].ref,
      LLVMGetOrdering(instruction.ref), LLVMIsAtomicSingleThread(instruction.ref))!
    LLVMSetAlignment(update, instruction.alignment)
  }
}

/// Errors and facts about atomic instructions on data with derivatives, for both modes.
enum Atomics {
  /// Whether a compare-exchange moves the bits of a float (`#pragma omp atomic` with `*`, `/`, min
  /// or max: a loop of cmpxchg on the bits).
  static func exchangesFloatBits(_ instruction: Instruction) -> Bool {
    let new = instruction.operand(2)
    if new.type.isFloatingPointOrVector { return true }
    guard let cast = new.asInstruction, cast.opcode == LLVMBitCast else { return false }
    return cast.operand(0).type.isFloatingPointOrVector
  }

  static func compareExchangeError(at instruction: Instruction) -> ADError {
    ADError(
      "cannot differentiate an atomic compare-exchange of floating-point data ('#pragma omp atomic' with an "
        + "operation other than + or -): use '+=' / '-=', a reduction, or a critical section", at: instruction
    )
  }

  static func unsupportedError(_ instruction: Instruction) -> ADError {
    ADError(
      "cannot differentiate '\(instruction)': only atomic fadd and fsub of floating-point data have "
        + "derivatives", at: instruction)
  }

  static func usedResultError(at instruction: Instruction) -> ADError {
    ADError(
      "cannot differentiate an atomic update whose old value is used ('#pragma omp atomic capture'): "
        + "the old value depends on the order the threads ran in", at: instruction)
  }
}
