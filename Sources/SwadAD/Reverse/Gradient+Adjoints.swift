// Reverse mode: the adjoints of arithmetic and of structural operations.
import CLLVM
import LLVMBinding

extension GradientEmitter {
  /// The reverse of one instruction, in every lane; what concerns the primal is done once.
  func reverseInstruction(_ instruction: Instruction, in block: BasicBlock) throws {
    switch instruction.opcode {
    case LLVMStore:
      restoreStoredOver(instruction, in: block)
      forEachLane { reverseStore(instruction, in: block) }
    case LLVMLoad: forEachLane { reverseLoad(instruction, in: block) }
    case LLVMAlloca:
      forEachLane {
        if heapShadows.contains(instruction.value) { freeShadow(of: instruction.value, in: block) }
      }
      if heapPrimals.contains(instruction.value) {
        let free = module.declareFunction(
          named: "free", type: .function(returning: IRType.void(in: module.context), [tape.pointer]))
        builder.call(free, [primalInReverse(instruction.value, at: block)])
      }
    case LLVMCall: try reverseCall(instruction, in: block)
    case LLVMAtomicRMW, LLVMAtomicCmpXchg: try forEachLane { try reverseAtomic(instruction, in: block) }
    default:
      guard activity.isActive(instruction.value), instruction.type.containsFloatingPoint else { return }
      try forEachLane {
        let seed = takeAdjoint(instruction.value)
        if let name = arithmeticOpcodeNames[instruction.opcode.rawValue],
          let rule = DerivativeRules.instruction(name)
        {
          ruleAdjoint(rule, operands: instruction.operands, result: instruction.value, seed: seed, in: block)
        } else {
          try structuralAdjoint(instruction, seed: seed, in: block)
        }
      }
    }
  }

  /// x̄ᵢ += ∂result/∂xᵢ · seed for each operand that has an adjoint. Only the primal values the
  /// partials read are fetched from the forward sweep.
  func ruleAdjoint(
    _ rule: DerivativeRule, operands: [Value], result: Value, seed: Value, in block: BasicBlock
  ) {
    if let jacobian = rule.elementPartials {
      return elementAdjoint(jacobian, operands: operands, result: result, seed: seed, in: block)
    }
    // A pair-returning operation (llvm.frexp, llvm.modf): the partials are of one element.
    let element = rule.resultElement.map { UInt32($0) }
    let seed = element.map { builder.extractValue(seed, $0) } ?? seed
    let active = rule.partials.indices.filter { index in
      guard index < operands.count, let partial = rule.partials[index] else { return false }
      if case .constant(0) = partial { return false }
      return hasAdjoint(operands[index])
    }
    guard !active.isEmpty else { return }
    let reads = active.reduce(into: Set<Int>()) { $0.formUnion(rule.partials[$1]!.operandsRead) }
    let readsResult = active.contains { rule.partials[$0]!.readsResult }
    let primals = operands.enumerated().map { index, operand in
      reads.contains(index) ? primalInReverse(operand, at: block) : Value.poison(operand.type)
    }
    let primalResult = readsResult ? primalInReverse(result, at: block) : nil
    var emitter = RuleEmitter(
      module: module, builder: builder, operands: primals,
      result: element.flatMap { e in primalResult.map { builder.extractValue($0, e) } } ?? primalResult,
      type: rule.partialType(ofResult: result.type), strongZero: derivative.signature.strongZero)
    // A value the primal may not use has an adjoint of 0 there, and partials that may be NaN; a
    // constant partial keeps the 0.
    let speculated = speculatedValues.contains(result)
    for index in active {
      let partial = rule.partials[index]!
      var adjoint = emitter.scale(partial, by: seed)
      if (speculated && !partial.isConstant) || rule.guardedPartials.contains(index) {
        adjoint = builder.select(
          builder.fcmp(LLVMRealOEQ, seed, Value.null(seed.type)), Value.null(adjoint.type), adjoint)
      }
      addAdjoint(operands[index], adjoint)
    }
  }

  /// A complex function's adjoints: x̄ᵢ += Σₖ ∂result[k]/∂xᵢ · seed[k] for each scalar of the
  /// operands that have adjoints (`DerivativeRule.elementPartials`).
  private func elementAdjoint(
    _ jacobian: [[DerivativeExpr?]], operands: [Value], result: Value, seed: Value, in block: BasicBlock
  ) {
    let counts = operands.map { FloatScalars.count(of: $0.type) }
    let starts = counts.indices.map { counts[..<$0].reduce(0, +) }
    let active = operands.indices.filter { hasAdjoint(operands[$0]) }
    guard !active.isEmpty else { return }
    func partial(_ k: Int, _ i: Int) -> DerivativeExpr? {
      guard i < jacobian[k].count, let p = jacobian[k][i], p != .constant(0) else { return nil }
      return p
    }
    let used = active.flatMap { j in
      (starts[j]..<starts[j] + counts[j]).flatMap { i in jacobian.indices.compactMap { partial($0, i) } }
    }
    let reads = used.reduce(into: Set<Int>()) { $0.formUnion($1.operandsRead) }
    let scalars = operands.indices.flatMap { j -> [Value] in
      let needed = (starts[j]..<starts[j] + counts[j]).contains { reads.contains($0) }
      guard needed else {
        return Array(repeating: Value.poison(FloatScalars.scalarType(of: operands[j].type)), count: counts[j])
      }
      return FloatScalars.scalars(of: primalInReverse(operands[j], at: block), builder: builder)
    }
    let primalResult = used.contains { $0.readsResult } ? primalInReverse(result, at: block) : nil
    var emitter = RuleEmitter(
      module: module, builder: builder, operands: scalars, result: primalResult,
      type: FloatScalars.scalarType(of: result.type), strongZero: derivative.signature.strongZero)
    let seeds = FloatScalars.scalars(of: seed, builder: builder)
    let speculated = speculatedValues.contains(result)
    for j in active {
      let parts = (starts[j]..<starts[j] + counts[j]).map { i -> Value in
        var sum: Value? = nil
        for k in jacobian.indices {
          guard let p = partial(k, i) else { continue }
          var term = emitter.scale(p, by: seeds[k])
          if speculated, !p.isConstant {
            let zero = builder.fcmp(LLVMRealOEQ, seeds[k], Value.null(seeds[k].type))
            term = builder.select(zero, Value.null(term.type), term)
          }
          sum = sum.map { builder.derivativeFAdd($0, term) } ?? term
        }
        return sum ?? Value.null(FloatScalars.scalarType(of: operands[j].type))
      }
      addAdjoint(operands[j], FloatScalars.assemble(parts, as: operands[j].type, builder: builder))
    }
  }

  /// Adjoints of casts, select, and aggregate and vector shuffling: the transpose of each.
  private func structuralAdjoint(_ instruction: Instruction, seed: Value, in block: BasicBlock) throws {
    let operands = instruction.operands
    switch instruction.opcode {
    case LLVMFPExt, LLVMFPTrunc:
      addAdjoint(operands[0], builder.fpCast(seed, to: operands[0].type))
    case LLVMBitCast:
      if operands[0].type.containsFloatingPoint {
        addAdjoint(operands[0], builder.bitCast(seed, to: operands[0].type))
      }
    case LLVMFreeze:
      addAdjoint(operands[0], seed)
    case LLVMSelect:
      let condition = primalInReverse(operands[0], at: block)
      let zero = Value.null(instruction.type)
      if hasAdjoint(operands[1]) { addAdjoint(operands[1], builder.select(condition, seed, zero)) }
      if hasAdjoint(operands[2]) { addAdjoint(operands[2], builder.select(condition, zero, seed)) }
    case LLVMExtractValue:
      addAdjoint(
        operands[0], builder.insertValue(Value.null(operands[0].type), seed, path: instruction.indices))
    case LLVMInsertValue:
      let path = instruction.indices
      if hasAdjoint(operands[1]) { addAdjoint(operands[1], builder.extractValue(seed, path: path)) }
      if hasAdjoint(operands[0]) {
        addAdjoint(operands[0], builder.insertValue(seed, Value.null(operands[1].type), path: path))
      }
    case LLVMExtractElement:
      let index = primalInReverse(operands[1], at: block)
      addAdjoint(operands[0], builder.insertElement(Value.null(operands[0].type), seed, index))
    case LLVMInsertElement:
      let index = primalInReverse(operands[2], at: block)
      if hasAdjoint(operands[1]) { addAdjoint(operands[1], builder.extractElement(seed, index)) }
      if hasAdjoint(operands[0]) {
        addAdjoint(operands[0], builder.insertElement(seed, Value.null(operands[1].type), index))
      }
    case LLVMShuffleVector:
      shuffleAdjoint(instruction, seed: seed)
    default:
      throw ADError("cannot differentiate '\(instruction)': no adjoint for this instruction", at: instruction)
    }
  }

  /// Each output lane's adjoint goes back to the input lane the mask took it from.
  private func shuffleAdjoint(_ instruction: Instruction, seed: Value) {
    let first = instruction.operand(0)
    let second = instruction.operand(1)
    let inputLanes = Int32(first.type.vectorSize)
    let i32 = IRType.int(32, in: module.context)
    var adjoints = [Value.null(first.type), Value.null(second.type)]
    let lanes = LLVMGetNumMaskElements(instruction.ref)
    for lane in 0..<lanes {
      let source = LLVMGetMaskValue(instruction.ref, lane)
      guard source >= 0 else { continue }
      let which = source < inputLanes ? 0 : 1
      let sourceLane = Value.constInt(i32, Int64(source % inputLanes))
      let contribution = builder.extractElement(seed, Value.constInt(i32, Int64(lane)))
      let current = builder.extractElement(adjoints[which], sourceLane)
      adjoints[which] = builder.insertElement(
        adjoints[which], builder.fadd(current, contribution), sourceLane)
    }
    addAdjoint(first, adjoints[0])
    addAdjoint(second, adjoints[1])
  }
}
