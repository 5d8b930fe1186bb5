// Reverse mode, forward sweep: the primal, copied into the augmented function, with shadow pointers.
import CLLVM
import LLVMBinding

extension GradientEmitter {
  func emitForwardSweep() throws {
    for block in blocks { map.map(block, to: augmented.appendBlock(named: block.name)) }
    try prepareExceptionPaths()
    builder.position(atEndOf: map[blocks[0]])
    let layout = augmentedLayout
    layout.name(augmented, like: original)
    for (index, parameter) in original.parameters.enumerated() {
      map.map(parameter, to: augmented.parameter(layout.positions[index].primal))
      for (lane, shadow) in layout.shadowLanes(of: index).enumerated() {
        shadowLanes[lane][parameter] = augmented.parameter(shadow)
      }
    }
    augmented.parameter(layout.end).name = "tape"
    for block in blocks {
      builder.position(atEndOf: map[block])
      for instruction in block.instructions {
        builder.debugLocation = instruction.debugLocation
        try visitForward(instruction)
      }
    }
    registerShadowsForUnwinding()
    emitExceptionPathsForward()
    for (original, primal, laneShadows) in pendingPhis {
      for (value, block) in original.incoming {
        guard let exit = incomingBlock(from: block, into: original.parent, exits: exitBlocks) else {
          continue
        }
        // A handler's way back, which stops the program instead (`prepareExceptionPaths`).
        if unwind.region.contains(block), !exit.successors.contains(primal.parent) { continue }
        primal.addIncoming([(map[value], exit)])
        for (lane, shadow) in laneShadows.enumerated() {
          shadow.addIncoming([(inLane(lane) { shadowInForward(value) }, exit)])
        }
      }
    }
    completeLandingPads()
  }

  /// The shadow of an original pointer in the augmented function; null for pointers without one.
  func shadowInForward(_ value: Value) -> Value {
    if let shadow = shadow(of: value) ?? generator.globals.zeroShadow(of: value, forReverseMode: true) {
      return shadow
    }
    // A constant pointer meeting shadowed data is its own shadow (`ConstantShadows`), and so is a
    // pointer to constant data without floats (`GlobalShadows.isOwnShadow`).
    if GlobalShadows.isOwnShadow(value) { return value }
    return value.type.isPointer && !value.isConstant ? map[value] : Value.null(value.type)
  }

  private func needsShadow(_ value: Value) -> Bool {
    activity.isVaried(value)
      && (value.type.containsPointer || ActivityAnalysis.canCarryAddress(value.type)
        || value.asInstruction.map(ActivityAnalysis.isByteCopy) ?? false)
  }

  private func visitForward(_ instruction: Instruction) throws {
    switch instruction.opcode {
    case LLVMPHI:
      let primal = builder.phi(instruction.type, instruction.value.name)
      map.map(instruction.value, to: primal.value)
      var laneShadows: [Instruction] = []
      if needsShadow(instruction.value) {
        forEachLane {
          let shadow = builder.phi(instruction.type, "'" + instruction.value.name)
          shadows[instruction.value] = shadow.value
          laneShadows.append(shadow)
        }
      }
      pendingPhis.append((instruction, primal, laneShadows))
    case LLVMRet:
      exitBlocks[instruction.parent] = builder.insertBlock
      let made: Instruction
      if instruction.operandCount == 0 {
        made = builder.retVoid()
      } else if derivative.returnsShadow {
        let value = instruction.operand(0)
        var pair = builder.insertValue(Value.poison(augmented.returnType), map[value], 0)
        forEachLane { pair = builder.insertValue(pair, shadowInForward(value), UInt32(1 + lane)) }
        made = builder.ret(pair)
      } else {
        made = builder.ret(map[instruction.operand(0)])
      }
      pushPoints[instruction.parent] = made
      returnPoints.append(made)
    case LLVMCall, LLVMInvoke:
      try emitCall(instruction) { try visitCallForward(instruction) }
      if NonlocalJumps.returnsTwice(instruction) {
        NonlocalJumps.stopOnSecondReturn(
          of: map[instruction.value], at: instruction, module: module, builder: builder)
      }
    default:
      if instruction.isTerminator { exitBlocks[instruction.parent] = builder.insertBlock }
      if restorableStores.contains(instruction) {
        let old = builder.load(instruction.operand(0).type, from: map[instruction.operand(1)], "old")
        Instruction(old.ref).alignment = instruction.alignment
        auxiliaries[instruction.value] = old
      }
      if instruction.opcode == LLVMAlloca, outlivesForwardSweep(instruction) {
        // Allocated like its shadow, on the heap, with the same (static) size.
        map.map(
          instruction.value,
          to: heapSlot(for: instruction, bytes: allocaBytes(instruction), instruction.value.name))
        heapPrimals.insert(instruction.value)
        return try forEachLane { try shadowForward(instruction, copy: instruction) }
      }
      let copy = builder.insertCopy(of: instruction, mapping: map)
      map.map(instruction.value, to: copy.value)
      if instruction.opcode == LLVMAlloca, activity.isVaried(instruction.value) {
        copy.alignment = ShadowAlignment.forSlot(instruction, widest: generator.widestVectorAccess)
      }
      if instruction.isTerminator { pushPoints[instruction.parent] = copy }
      try forEachLane { try shadowForward(instruction, copy: copy) }
      if instruction.opcode == LLVMLoad || instruction.opcode == LLVMStore {
        let pointer = instruction.opcode == LLVMLoad ? instruction.operand(0) : instruction.operand(1)
        let value = instruction.operand(0)
        let stored = instruction.opcode == LLVMStore && value.type.isPointer && hasShadow(value)
        UnshadowedMemory.check(
          instruction, shadow: inLane(0) { shadow(of: pointer).map { _ in shadowInForward(pointer) } },
          mayBeConstant: constantShadows.contains(pointer), primal: map[pointer],
          stored: stored ? (inLane(0) { shadowInForward(value) }, map[value]) : nil,
          storedMayBeConstant: constantShadows.contains(value), isVaried: activity.isVaried,
          mapped: { self.map.contains($0) || $0.isConstant ? self.map[$0] : nil },
          inLoop: cycles.isCyclic(instruction.parent), builder: builder, module: module)
      }
    }
  }

  /// Shadow pointers: stack slots get zeroed heap shadows (they must outlive the augmented
  /// function's frame), pointer arithmetic and loads of pointers act on shadows too, and stores of
  /// pointers into shadowed memory store the shadow pointer
  /// (integers that carry no float bits, the primal integer).
  private func shadowForward(_ instruction: Instruction, copy: Instruction) throws {
    switch instruction.opcode {
    case LLVMAlloca:
      guard activity.isVaried(instruction.value) else { return }
      let size = allocaBytes(copy)
      let shadow = heapSlot(for: instruction, bytes: size, "'" + instruction.value.name)
      _ = builder.memset(shadow, byte: Value.constInt(tape.i8, 0), length: size)
      shadows[instruction.value] = shadow
      heapShadows.insert(instruction.value)
    case LLVMStore:
      let value = instruction.operand(0)
      let pointer = instruction.operand(1)
      if value.type.isInteger, !activity.isVaried(value), let shadowPointer = shadow(of: pointer) {
        // Integers in shadowed memory (a Swift array's count and capacity) are mirrored into the
        // shadow, so that code reading the shadow's structure sees the primal's; a constant float's
        // copied bits have a zero derivative.
        let copy = instruction.cloneForDerivative()
        copy.setOperand(
          0,
          ActivityAnalysis.writesConstantFloatBits(instruction)
            ? Value.null(value.type) : map[value])
        copy.setOperand(1, shadowPointer)
        builder.insert(copy)
        return
      }
      // A varied integer stored as an address (`ptrtoint`, a pointer copied as an integer) carries the
      // shadow pointer's bytes along; one loaded from floating-point data (`CopiedBytes`) does not.
      if ActivityAnalysis.canCarryAddress(value.type), activity.isVaried(value) {
        let contents = Set(
          RetypedCopies.copiedLoads(reaching: value).filter { $0.type.isInteger }.map(copiedContent))
        if contents.contains(.mixed) {
          throw ADError(
            "cannot differentiate in reverse mode this copy of \(value.type.integerWidth / 8) bytes as an integer: "
              + "the memory it copies holds a pointer for some accesses and a floating-point value for others, "
              + "and nothing at this call says which (the pointer's shadow would have to move forward, the "
              + "value's adjoint backward); copy the data with its own type, or use forward mode",
            at: instruction)
        }
        // A choice left integer (`RetypedCopies` found the function's callers to pass other data too)
        // of what this call's caller says is floating-point data: nothing carries the adjoint back
        // through the integer select or phi.
        if contents.contains(.floatingPoint), value.asInstruction?.opcode != LLVMLoad {
          throw ADError(
            "cannot differentiate in reverse mode this choice between integer copies of floating-point "
              + "data (\(value.type.integerWidth / 8) bytes): the adjoint cannot be moved back through an integer "
              + "choice; copy the data with its own type, or use forward mode", at: instruction)
        }
      }
      if value.type.isFloatingPoint, shadow(of: pointer) != nil,
        RetypedCopies.copiedLoads(reaching: value).contains(where: RetypedCopies.isAmbiguousFloatCopy)
      {
        throw ADError(
          "cannot differentiate in reverse mode this copy of a floating-point value of memory that holds a "
            + "pointer for some accesses (a union of a pointer and a floating-point value): the pointer's "
            + "shadow would have to move forward, the value's adjoint backward; copy the member it holds, "
            + "or use forward mode", at: instruction)
      }
      // A byte copy (`ActivityAnalysis.isByteCopy`) moves the shadow's bytes forward; nothing can
      // move a floating-point value's adjoint back byte by byte.
      if let load = value.asInstruction, activity.isVaried(value), ActivityAnalysis.isByteCopy(load),
        shadow(of: pointer) != nil
      {
        // Bytes declared an integer (a `char` field, by the types of the memory or by the tag of
        // the access) or found to be a pointer's move safely; bytes that are, or may be by the
        // declared types on the way to them, a double's would lose its adjoint without a word.
        // (Bytes nothing types at all, a string's characters, move as they are.)
        let dataLayout = LLVMGetModuleDataLayout(module.ref)!
        let declaredInteger =
          CopiedBytes.declaresInteger(at: load.operand(0), dataLayout: dataLayout)
          || CopiedBytes.declaresInteger(at: pointer, dataLayout: dataLayout)
          || CopiedBytes.tagNamesCharacterField(load) || CopiedBytes.tagNamesCharacterField(instruction)
          || CopiedBytes.declaresIntegerInEveryCaller(load.operand(0), dataLayout: dataLayout)
        let content = copiedContent(load)
        let size = Int(module.storeSize(of: load.type))
        let mayBeFloat =
          (content == .floatingPoint || content == .mixed
            || (content == .unknown
              && (CopiedBytes.mayHoldFloats(at: load.operand(0)) || CopiedBytes.mayHoldFloats(at: pointer)))
            // Memory the function or its callers move as doubles elsewhere (a parameter's, where
            // the declared types say nothing: a recursive generic quicksort's records). One
            // derivative serves every caller, so a caller that passes doubles is enough.
            || WholeFloatCopies.overlap(of: load) != .none)
          // Bytes beside the doubles of their memory, on both sides (the `UInt8` of a record).
          && !(CopiedBytes.liesBesideFloats(load.operand(0), size: size, in: blocks, dataLayout: dataLayout)
            && CopiedBytes.liesBesideFloats(pointer, size: size, in: blocks, dataLayout: dataLayout))
        guard declaredInteger || !mayBeFloat else { throw piecewiseCopyError(value.type, at: instruction) }
      }
      // A word that moves pieces of floating-point values (a double as two 32-bit halves through a
      // `may_alias` `uint32_t`): its shadow's bits went forward with it, its adjoint cannot come back.
      if let load = value.asInstruction, activity.isVaried(value), !ActivityAnalysis.isByteCopy(load),
        shadow(of: pointer) != nil, WholeFloatCopies.copiesPieces(load)
      {
        throw piecewiseCopyError(value.type, at: instruction)
      }
      let copiesPointer =
        activity.isVaried(value)
        && (ActivityAnalysis.canCarryAddress(value.type)
          && value.asInstruction.map { $0.opcode != LLVMLoad || copiedContent($0) == .pointer } ?? false
          || value.asInstruction.map(ActivityAnalysis.isByteCopy) ?? false)
      releaseShadowStoredWithoutShadow(instruction)
      guard value.type.containsPointer || copiesPointer, let shadowPointer = shadow(of: pointer) else {
        return
      }
      if constantShadows.contains(pointer) {
        builder.storeThroughShadow(
          shadowInForward(value), orPrimal: map[value], shadow: shadowPointer,
          primal: map[pointer], alignment: instruction.alignment)
        return
      }
      let copy = instruction.cloneForDerivative()
      copy.setOperand(0, shadowInForward(value))
      copy.setOperand(1, shadowPointer)
      builder.insert(copy)
    default:
      guard needsShadow(instruction.value),
        let operands = linearOperands(of: instruction.opcode)
          ?? ActivityAnalysis.addressOperand(of: instruction, varied: activity.isVaried).map({ [$0] })
      else { return }
      let copy = instruction.cloneForDerivative()
      for index in 0..<copy.operandCount {
        let operand = instruction.operand(index)
        copy.setOperand(index, operands.contains(index) ? shadowInForward(operand) : map[operand])
      }
      builder.insert(copy, "'" + instruction.value.name)
      shadows[instruction.value] = copy.value
    }
  }

  /// The error for a copy of floating-point data in pieces of the integer type `piece`: the adjoint
  /// of a value cannot be split, so reverse mode has no derivative for it.
  private func piecewiseCopyError(_ piece: IRType, at instruction: Instruction) -> ADError {
    let size =
      switch piece.integerWidth {
      case 8: "byte by byte"
      case 16: "two bytes at a time"
      default: "\(piece.integerWidth / 8) bytes at a time"
      }
    return ADError(
      "cannot differentiate in reverse mode this copy of data \(size) that may be floating-point: the "
        + "adjoint of a value cannot be moved back in pieces; copy it with its own type (memcpy, an "
        + "assignment), or use forward mode", at: instruction)
  }

  /// Heap memory for a stack slot (or its shadow) with the slot's alignment: `malloc` up to 16
  /// bytes, `aligned_alloc` beyond (Eigen's fixed-size matrices are 32- or 64-byte aligned and read
  /// with aligned vector loads). Both are released by `free`.
  private func heapSlot(for alloca: Instruction, bytes: Value, _ name: String) -> Value {
    // Primal and shadow alike modulo the widest vector (`ShadowAlignment`).
    let alignment = Int64(ShadowAlignment.forSlot(alloca, widest: generator.widestVectorAccess))
    guard alignment > 16 else {
      let malloc = module.declareFunction(named: "malloc", type: .function(returning: tape.pointer, [i64]))
      return builder.call(malloc, [bytes], name)
    }
    // aligned_alloc wants a size that is a multiple of the alignment.
    let rounded = builder.and(
      builder.add(bytes, Value.constInt(i64, alignment - 1)), Value.constInt(i64, -alignment))
    let alignedAlloc = module.declareFunction(
      named: "aligned_alloc", type: .function(returning: tape.pointer, [i64, i64]))
    return builder.call(alignedAlloc, [Value.constInt(i64, alignment), rounded], name)
  }

  func allocaBytes(_ alloca: Instruction) -> Value {
    let size = Int64(module.allocSize(of: alloca.allocatedType))
    let count = alloca.operand(0)
    if let n = count.constantInt { return Value.constInt(i64, size * n) }
    return builder.mul(Value.constInt(i64, size), builder.intCast(count, to: i64, signed: false))
  }
}
