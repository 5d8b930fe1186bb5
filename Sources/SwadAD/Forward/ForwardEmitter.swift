// The body of one forward derivative: the primal code, copied, with tangent code beside each
// instruction that carries a derivative.
import CLLVM
import LLVMBinding
import SwadAnalysis

/// Emits one forward derivative. Values carry one tangent per batch lane; a pointer's "tangent" is
/// its shadow pointer. Instruction families are handled in the `Forward+…` files.
final class ForwardEmitter: PrimalCopier {
  let generator: ForwardGenerator
  let module: Module
  let original: Function
  let derived: Function
  let derivative: ForwardDerivative
  let width: Int
  let builder: Builder
  let activity: ActivityAnalysis
  /// Values whose shadow may be their primal pointer (constant data met by shadowed data).
  let constantShadows: ConstantShadows

  var map = ValueMap()
  /// Tangents (shadows for pointers) of the original's values, one per lane.
  var tangents: [Value: [Value]] = [:]
  /// For each original block, the block of the derivative that ends with its terminator.
  var exitBlocks: [BasicBlock: BasicBlock] = [:]
  private var pendingPhis: [(original: Instruction, primal: Instruction, lanes: [Instruction])] = []
  /// The original's exception paths (`Forward+Exceptions`).
  var unwind = UnwindState()
  /// Whether the derivative registered releases of tangents stored where nothing holds them
  /// (`Forward+ReferenceCounts`).
  var releasesStoredTangents = false
  /// Forward split mode only: what was emitted for which original instruction (`ForwardSplitter`).
  var journal = ForwardJournal()
  /// The original's cycles, asked only where a memory check is emitted (whether it is in a loop).
  lazy var cycles = CycleInfo(function: original)
  /// The original's objects counted on themselves where they have no tangent
  /// (`SwiftRuntime.mirrorsOnPrimal`).
  lazy var countedOnThemselves = SwiftRuntime.objectsCountedOnThemselves(in: original) { pointer in
    self.activity.isVaried(pointer) || self.generator.globals.isShadowed(pointer)
  }

  init(generator: ForwardGenerator, derivative: ForwardDerivative) {
    self.generator = generator
    self.module = generator.module
    self.derivative = derivative
    self.original = derivative.signature.function
    self.derived = derivative.function
    self.width = derivative.signature.width
    self.builder = Builder(context: generator.module.context)
    let varied = Set(derivative.signature.tangentParameters.enumerated().filter(\.element).map(\.offset))
    self.activity = ActivityAnalysis(
      function: original, variedParameters: varied, activeReturn: false, classifier: generator.classifier,
      globals: generator.globals)
    let flagged = derivative.signature.constantShadowParameters.enumerated().filter(\.element).map(\.offset)
    let pointees = derivative.signature.shadowedPointees.enumerated().filter(\.element).map(\.offset)
    self.constantShadows = ConstantShadows(
      function: original, parameters: Set(flagged), activity: activity,
      shadowedPointees: Set(pointees))
  }

  func emit() throws {
    try activity.requireFloatBitsStayLocal(in: original)
    try activity.requireRoundingShiftsUndone(in: original)
    try activity.requireReturnedAddressesKeepShadows(in: original)
    try activity.requireFormattedNumbersStayText(in: original)
    try NonlocalJumps.requireNoComputedGoto(in: original)
    let order = reversePostOrder(original)
    for block in order { map.map(block, to: derived.appendBlock(named: block.name)) }
    unwind.sites = generator.unwind.sites(of: original)
    _ = prepareUnwindRegion(normalOrder: order)
    builder.position(atEndOf: map[order[0]])
    mapParameters()
    // The exception paths are differentiated like the rest: their cleanups release shadows too.
    for block in order + unwind.region {
      builder.position(atEndOf: map[block])
      for instruction in block.instructions {
        builder.debugLocation = instruction.debugLocation
        try visit(instruction)
      }
    }
    completePhis()
    completeLandingPads()
    releaseStoredTangentsAtReturns()
  }

  private func mapParameters() {
    let layout = ShadowedParameters(hasShadow: derivative.signature.tangentParameters)
    layout.name(derived, like: original)
    for (parameter, position) in zip(original.parameters, layout.positions) {
      map.map(parameter, to: derived.parameter(position.primal))
      if let shadow = position.shadow {
        tangents[parameter] = Repack.unpack(derived.parameter(shadow), width: width, builder: builder)
      }
    }
  }

  // MARK: - Tangents

  /// The tangents of an original value, one per lane: zero (or a null shadow) when it has none.
  func tangent(of value: Value) -> [Value] {
    if let lanes = tangents[value] { return lanes }
    if generator.globals.isShadowed(value) {
      return (0..<width).map { generator.globals.shadow(of: value, lane: $0)! }
    }
    if value.type.isPointer, let zero = generator.globals.zeroShadow(of: value) {
      return Array(repeating: zero, count: width)
    }
    // A constant pointer meeting shadowed data is its own shadow (`ConstantShadows`), and so is a
    // pointer to constant data without floats (`GlobalShadows.isOwnShadow`).
    if GlobalShadows.isOwnShadow(value) { return Array(repeating: value, count: width) }
    if value.type.isPointer, !value.isConstant { return Array(repeating: map[value], count: width) }
    return Array(repeating: Value.null(value.type), count: width)
  }

  func hasTangent(_ value: Value) -> Bool { tangents[value] != nil || generator.globals.isShadowed(value) }

  /// Copies `instruction` as it is and maps it (`PrimalCopier.copyPrimal`, which this shadows so
  /// that forward split mode learns of every primal copy: it removes those that would repeat the
  /// primal's effects).
  @discardableResult
  func copyPrimal(_ instruction: Instruction) -> Instruction {
    let copy = builder.insertCopy(of: instruction, mapping: map)
    map.map(instruction.value, to: copy.value)
    if generator.split != nil { journal.primalCopies.append((instruction, copy)) }
    return copy
  }

  /// A copy of `instruction` for each lane in which the operands at `dataOperands` are replaced by
  /// their tangents and the others by their primal copies. Linear structural operations (casts,
  /// select, GEP, load, aggregate and vector shuffling) have this as their tangent.
  func laneCopies(of instruction: Instruction, tangentOperands dataOperands: Set<Int>) -> [Value] {
    (0..<width).map { lane in
      let copy = instruction.cloneForDerivative()
      for index in 0..<copy.operandCount {
        let operand = instruction.operand(index)
        copy.setOperand(index, dataOperands.contains(index) ? tangent(of: operand)[lane] : map[operand])
      }
      builder.insert(copy, instruction.value.name.isEmpty ? "" : "'" + instruction.value.name)
      return copy.value
    }
  }

  /// Σᵢ ∂result/∂xᵢ · ẋᵢ over the operands that have tangents.
  func ruleTangent(_ rule: DerivativeRule, operands: [Value], result: Value, type: IRType) -> [Value] {
    if let jacobian = rule.elementPartials {
      return elementTangent(jacobian, operands: operands, result: result, type: type)
    }
    // A pair-returning operation (llvm.frexp, llvm.modf): the partials are of one element.
    if let element = rule.resultElement {
      let partials = ruleTangent(
        rule.ofElement, operands: operands, result: builder.extractValue(result, UInt32(element)),
        type: rule.partialType(ofResult: type))
      return partials.map { builder.insertValue(Value.null(type), $0, UInt32(element)) }
    }
    var emitter = RuleEmitter(
      module: module, builder: builder, operands: operands.map { map[$0] }, result: result, type: type,
      strongZero: derivative.signature.strongZero)
    return (0..<width).map { lane in
      var sum: Value? = nil
      for (index, partial) in rule.partials.enumerated() {
        guard let partial, index < operands.count, hasTangent(operands[index]) else { continue }
        if case .constant(0) = partial { continue }
        let operandTangent = tangent(of: operands[index])[lane]
        var term = emitter.scale(partial, by: operandTangent)
        if rule.guardedPartials.contains(index) {
          term = builder.select(
            builder.fcmp(LLVMRealOEQ, operandTangent, Value.null(operandTangent.type)), Value.null(term.type),
            term)
        }
        sum = sum.map { builder.derivativeFAdd($0, term) } ?? term
      }
      return sum ?? Value.null(type)
    }
  }

  /// A complex function's tangent: each scalar of the result is Σᵢ ∂result[k]/∂xᵢ · ẋᵢ over the
  /// scalars of the operands (`DerivativeRule.elementPartials`).
  private func elementTangent(_ jacobian: [[DerivativeExpr?]], operands: [Value], result: Value, type: IRType)
    -> [Value]
  {
    var emitter = RuleEmitter(
      module: module, builder: builder,
      operands: operands.flatMap { FloatScalars.scalars(of: map[$0], builder: builder) },
      result: result, type: FloatScalars.scalarType(of: type), strongZero: derivative.signature.strongZero)
    return (0..<width).map { lane in
      let tangentScalars: [Value?] = operands.flatMap { operand -> [Value?] in
        guard hasTangent(operand) else {
          return Array(repeating: nil, count: FloatScalars.count(of: operand.type))
        }
        return FloatScalars.scalars(of: tangent(of: operand)[lane], builder: builder)
      }
      let parts = jacobian.map { row -> Value in
        var sum: Value? = nil
        for (index, partial) in row.enumerated() {
          guard let partial, index < tangentScalars.count, let t = tangentScalars[index] else { continue }
          if case .constant(0) = partial { continue }
          let term = emitter.scale(partial, by: t)
          sum = sum.map { builder.derivativeFAdd($0, term) } ?? term
        }
        return sum ?? Value.null(FloatScalars.scalarType(of: type))
      }
      return FloatScalars.assemble(parts, as: type, builder: builder)
    }
  }

  // MARK: - Visiting

  private func visit(_ instruction: Instruction) throws {
    switch instruction.opcode {
    case LLVMPHI:
      let primal = builder.phi(instruction.type, instruction.value.name)
      map.map(instruction.value, to: primal.value)
      var lanes: [Instruction] = []
      if activity.isVaried(instruction.value) {
        lanes = (0..<width).map { _ in builder.phi(instruction.type, "'" + instruction.value.name) }
        tangents[instruction.value] = lanes.map(\.value)
      }
      pendingPhis.append((instruction, primal, lanes))
    case LLVMRet:
      emitReturn(instruction)
      exitBlocks[instruction.parent] = builder.insertBlock
    case LLVMLandingPad:
      visitLandingPad(instruction)
    case LLVMCall, LLVMInvoke:
      try emitCall(instruction) { try visitCall(instruction) }
      if instruction.isTerminator { exitBlocks[instruction.parent] = builder.insertBlock }
    default:
      if instruction.isTerminator { exitBlocks[instruction.parent] = builder.insertBlock }
      let copy = copyPrimal(instruction)
      try visitTangent(of: instruction, primal: copy)
    }
  }

  private func visitTangent(of instruction: Instruction, primal: Instruction) throws {
    defer { checkUnshadowedMemory(instruction) }
    switch instruction.opcode {
    case LLVMStore: emitStore(instruction)
    case LLVMAlloca: emitShadowAlloca(instruction, primal: primal)
    case LLVMAtomicRMW, LLVMAtomicCmpXchg: try emitAtomicTangent(instruction)
    default:
      guard activity.isVaried(instruction.value) else { return }
      try emitTangent(of: instruction, primal: primal)
    }
  }

  /// A load or store of memory that may have no shadow: `UnshadowedMemory`'s check.
  private func checkUnshadowedMemory(_ instruction: Instruction) {
    guard instruction.opcode == LLVMLoad || instruction.opcode == LLVMStore else { return }
    let pointer = instruction.opcode == LLVMLoad ? instruction.operand(0) : instruction.operand(1)
    let value = instruction.operand(0)
    let stored = instruction.opcode == LLVMStore && value.type.isPointer && hasTangent(value)
    UnshadowedMemory.check(
      instruction, shadow: hasTangent(pointer) ? tangent(of: pointer)[0] : nil,
      mayBeConstant: constantShadows.contains(pointer), primal: map[pointer],
      stored: stored ? (tangent(of: value)[0], map[value]) : nil,
      storedMayBeConstant: constantShadows.contains(value), isVaried: activity.isVaried,
      mapped: { self.map.contains($0) || $0.isConstant ? self.map[$0] : nil },
      inLoop: cycles.isCyclic(instruction.parent), builder: builder, module: module)
  }

  private func emitTangent(of instruction: Instruction, primal: Instruction) throws {
    let opcode = instruction.opcode
    if let name = arithmeticOpcodeNames[opcode.rawValue], let rule = DerivativeRules.instruction(name) {
      tangents[instruction.value] = ruleTangent(
        rule, operands: instruction.operands, result: primal.value,
        type: instruction.type)
      return
    }
    if opcode == LLVMLoad, constantShadows.contains(instruction.operand(0)) {
      let pointer = instruction.operand(0)
      let keepsBits = ConstantShadows.isAddressWord(instruction.value)
      tangents[instruction.value] = tangent(of: pointer).map {
        builder.loadThroughShadow(
          instruction.type, shadow: $0, primal: map[pointer], alignment: instruction.alignment,
          keepsBits: keepsBits)
      }
      return
    }
    if let dataOperands = linearOperands(of: opcode) {
      tangents[instruction.value] = laneCopies(of: instruction, tangentOperands: dataOperands)
      return
    }
    if let address = ActivityAnalysis.addressOperand(of: instruction, varied: activity.isVaried) {
      tangents[instruction.value] = laneCopies(of: instruction, tangentOperands: [address])
      return
    }
    if opcode == LLVMSub, instruction.type.isInteger, activity.isVaried(instruction.operand(0)),
      activity.isVaried(instruction.operand(1))
    {
      // The distance between two addresses (a std::vector's size in bytes, for a sized delete):
      // an integer, not an address, so no shadow. Float bits in integers never reach arithmetic
      // (`requireFloatBitsStayLocal`), and reverse mode gives it no shadow either.
      return
    }
    throw ADError(
      "cannot differentiate '\(instruction)': no derivative for this instruction", at: instruction)
  }

  private func emitReturn(_ instruction: Instruction) {
    guard instruction.operandCount > 0 else {
      builder.retVoid()
      return
    }
    let value = instruction.operand(0)
    guard derivative.returnsTangent else {
      builder.ret(map[value])
      return
    }
    let type = derived.returnType
    var pair = builder.insertValue(Value.poison(type), map[value], 0)
    pair = builder.insertValue(pair, Repack.pack(tangent(of: value), builder: builder), 1)
    builder.ret(pair)
  }

  private func completePhis() {
    for (original, primal, lanes) in pendingPhis {
      for (value, block) in original.incoming {
        // nil for an unreachable predecessor
        guard let exit = incomingBlock(from: block, into: original.parent, exits: exitBlocks) else {
          continue
        }
        primal.addIncoming([(map[value], exit)])
        let laneTangents = lanes.isEmpty ? [] : tangent(of: value)
        for (lane, phi) in lanes.enumerated() { phi.addIncoming([(laneTangents[lane], exit)]) }
      }
    }
  }
}

/// Opcodes whose derivative is a rule in the table, by the table's name for them.
let arithmeticOpcodeNames: [UInt32: String] = [
  LLVMFAdd.rawValue: "fadd", LLVMFSub.rawValue: "fsub", LLVMFMul.rawValue: "fmul",
  LLVMFDiv.rawValue: "fdiv", LLVMFRem.rawValue: "frem", LLVMFNeg.rawValue: "fneg",
]

/// For structural operations that are linear in some operands, the positions of those operands:
/// the derivative applies the same operation to their derivatives and keeps the other operands
/// (conditions, indices, masks) primal.
func linearOperands(of opcode: LLVMOpcode) -> Set<Int>? {
  switch opcode {
  case LLVMFPExt, LLVMFPTrunc, LLVMBitCast, LLVMAddrSpaceCast, LLVMPtrToInt, LLVMIntToPtr, LLVMExtractValue,
    LLVMExtractElement,
    LLVMGetElementPtr, LLVMLoad, LLVMFreeze:
    return [0]
  case LLVMSelect: return [1, 2]
  case LLVMInsertValue, LLVMInsertElement, LLVMShuffleVector: return [0, 1]
  default: return nil
  }
}
