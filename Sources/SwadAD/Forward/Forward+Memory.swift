// Forward mode, memory: stores write tangents into shadow memory; stack slots get shadow slots.
import CLLVM
import LLVMBinding

extension ForwardEmitter {
  /// A store into memory that has a shadow also writes the stored value's tangent into the shadow:
  /// zero when the value is constant, so that overwriting active data clears its tangent; an
  /// integer that carries no float bits is stored into the shadow as it is.
  func emitStore(_ store: Instruction) {
    let value = store.operand(0)
    let pointer = store.operand(1)
    releaseTangentStoredWithoutTangent(store)
    if hasTangent(pointer), value.type.isInteger, !activity.isVaried(value) {
      // Integers in shadowed memory (a Swift array's count and capacity, a length field) are
      // mirrored into the shadow, so that code reading the shadow's structure sees the primal's.
      // A field of an aggregate that has a tangent (a struct a derivative returned) takes the
      // tangent's field instead: those bits may be a float's (a Swift enum's payload), whose
      // tangent the derivative gave, where the primal's bits would make the value its own tangent.
      let field = value.asInstruction.flatMap { extract in
        extract.opcode == LLVMExtractValue && hasTangent(extract.operand(0)) ? extract : nil
      }
      for (lane, shadow) in tangent(of: pointer).enumerated() {
        let mirror = {
          let copy = store.cloneForDerivative()
          if let field {
            let tangentField = field.cloneForDerivative()
            tangentField.setOperand(0, self.tangent(of: field.operand(0))[lane])
            self.builder.insert(tangentField)
            copy.setOperand(0, tangentField.value)
          } else if ActivityAnalysis.writesConstantFloatBits(store) {
            copy.setOperand(0, Value.null(value.type))  // a constant float's copied bits
          } else if ActivityAnalysis.choosesConstantFloatBits(value) {
            copy.setOperand(0, self.shadowOfChosenBits(value))
          } else {
            copy.setOperand(0, self.map[value])
          }
          copy.setOperand(1, shadow)
          self.builder.insert(copy)
        }
        // Split mode: where the shadow is the primal pointer, the augmented primal has stored already.
        if generator.split != nil, constantShadows.contains(pointer) {
          builder.unlessConstantShadow(shadow, primal: map[pointer], mirror)
        } else {
          mirror()
        }
      }
      return
    }
    guard hasTangent(pointer),
      ActivityAnalysis.canCarryDerivative(value.type)
        || ((ActivityAnalysis.canCarryBits(value.type) || value.type.isInteger) && activity.isVaried(value))
    else { return }
    guard constantShadows.contains(pointer) else {
      _ = laneCopies(of: store, tangentOperands: [0, 1])
      return
    }
    for (shadow, tangent) in zip(tangent(of: pointer), tangent(of: value)) {
      guard generator.split == nil else {
        // Split mode: where the shadow is the primal pointer, the augmented primal has stored already.
        builder.unlessConstantShadow(shadow, primal: map[pointer]) {
          Instruction(self.builder.store(tangent, to: shadow).ref).alignment = store.alignment
        }
        continue
      }
      builder.storeThroughShadow(
        tangent, orPrimal: map[value], shadow: shadow, primal: map[pointer],
        alignment: store.alignment)
    }
  }

  /// The shadow of an integer chosen between a constant double's bits and other bits
  /// (`ActivityAnalysis.choosesConstantFloatBits`): the same choice, the constant's arm zero (its
  /// derivative), the other arms the primal's (an integer payload, a tag, mirrored like any).
  func shadowOfChosenBits(_ value: Value) -> Value {
    if let phi = value.asInstruction, ActivityAnalysis.isPhiOfConstantFloatBits(phi) {
      return Value.null(value.type)
    }
    guard let choice = value.asInstruction, choice.opcode == LLVMSelect else {
      return value.isConstant && ConstantBits.isPlainlyFloat(value)
        ? Value.null(value.type) : map[value]
    }
    let arms = [choice.operand(1), choice.operand(2)].map(shadowOfChosenBits)
    return builder.select(map[choice.operand(0)], arms[0], arms[1], "'" + choice.value.name)
  }

  /// Runs `body` for each lane's shadow of `pointer`, skipping lanes whose shadow is the primal
  /// pointer (constant data: no derivative bytes to write or free).
  func forEachActiveShadow(of pointer: Value, _ body: (Value) -> Void) {
    for shadow in tangent(of: pointer) {
      if constantShadows.contains(pointer) {
        builder.unlessConstantShadow(shadow, primal: map[pointer]) { body(shadow) }
      } else {
        body(shadow)
      }
    }
  }

  /// The shadow of memory copied from constant data (`memcpy` from memory with no tangent): its
  /// floats have tangent zero, and its pointers are their own shadows (constant data they point to
  /// reads as zero through them), so the shadow is the data with its floats zeroed. Zeroing all of
  /// it would leave null shadow pointers for the code that follows them.
  func copyConstantMemory(_ source: Value, into shadow: Value, call: Instruction) {
    let length = map[call.arguments[2]]
    let pointers = [call.arguments[0], source]
    let laidOut = MemoryTypes.layoutType(
      reachedBy: pointers, in: original, bytes: call.arguments[2].constantInt.map { Int($0) }, module: module)
    guard let element = laidOut ?? inferredTypeOfMemory(reachedBy: pointers), element.containsPointer else {
      _ = builder.memset(shadow, byte: .constInt(.int(8, in: module.context), 0), length: length)
      return
    }
    builder.copyConstantMemory(map[source], into: shadow, length: length, element: element, module: module)
  }

  /// The element type of memory as this function's accesses, or its caller's hint, show it.
  func inferredTypeOfMemory(reachedBy pointers: [Value]) -> IRType? {
    MemoryTypes.hintedType(reachedBy: pointers, in: original, hints: derivative.signature.memoryHints)
      ?? MemoryTypes.layoutType(reachedBy: pointers, in: original, module: module)
      ?? MemoryTypes.accessedType(reachedBy: pointers, in: original.blocks)
  }

  /// An alloca gets one zeroed shadow alloca per lane, beside it (so a static alloca in the entry
  /// block has a static shadow).
  func emitShadowAlloca(_ alloca: Instruction, primal: Instruction) {
    guard activity.isVaried(alloca.value) else { return }
    // Primal and shadows alike modulo the widest vector (`ShadowAlignment`).
    let alignment = ShadowAlignment.forSlot(alloca, widest: generator.widestVectorAccess)
    primal.alignment = alignment
    let lanes = laneCopies(of: alloca, tangentOperands: [])
    let size = allocaByteSize(primal)
    for shadow in lanes {
      Instruction(shadow.ref).alignment = alignment
      _ = builder.memset(
        shadow, byte: Value.constInt(IRType.int(8, in: module.context), 0), length: size,
        alignment: alignment)
    }
    tangents[alloca.value] = lanes
  }

  /// The byte size of an alloca: its type's allocation size times its element count.
  func allocaByteSize(_ alloca: Instruction) -> Value {
    let i64 = IRType.int(64, in: module.context)
    let elementSize = Value.constInt(i64, Int64(module.allocSize(of: alloca.allocatedType)))
    let count = alloca.operand(0)
    if let n = count.constantInt {
      return Value.constInt(i64, Int64(module.allocSize(of: alloca.allocatedType)) * n)
    }
    return builder.mul(elementSize, builder.intCast(count, to: i64, signed: false))
  }
}
