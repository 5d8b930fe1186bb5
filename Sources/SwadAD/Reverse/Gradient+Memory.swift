// Reverse mode, memory: a load's adjoint is added into the shadow; a store moves the shadow's
// adjoint to the stored value and clears the shadow; memcpy acts on shadows backwards (memset:
// Gradient+MemorySet.swift).
import CLLVM
import LLVMBinding

extension GradientEmitter {
  func reverseLoad(_ load: Instruction, in block: BasicBlock) {
    let pointer = load.operand(0)
    if load.type.isInteger, adjoints[load.value] != nil { return reverseIntegerCopyLoad(load, in: block) }
    guard activity.isActive(load.value), load.type.containsFloatingPoint, shadow(of: pointer) != nil else {
      return
    }
    let seed = takeAdjoint(load.value)
    let shadow = shadowInReverse(pointer, at: block)
    // Constant memory (the shadow is the primal) takes no adjoint, and may be read-only: skipped.
    unlessConstantShadow(of: pointer, at: block) {
      if uncleared.remove(UnclearedLoad(load: load, lane: lane)) != nil {
        // The store of `a[i] += …` left the shadow as it found it, which counts as zero here.
        let store = builder.store(seed, to: shadow)
        Instruction(store.ref).alignment = load.alignment
        return
      }
      if addsAtomically(reading: pointer) { return addSharedAdjoint(seed, to: shadow, of: load, in: block) }  // `Gradient+SharedAdjoints`
      let addToMemory = {
        let old = self.builder.load(load.type, from: shadow)
        Instruction(old.ref).alignment = load.alignment
        let store = self.builder.store(self.addFloats(old, seed), to: shadow)
        Instruction(store.ref).alignment = load.alignment
      }
      if addRotatedAdjoint(seed, of: load, addToMemory: addToMemory) { return }  // `Gradient+RotatedAdjoints`
      addToMemory()
    }
  }

  /// A restorable store's old value put back; the exit stores the new one again
  /// (`redoRestoredStores`). Once, whatever the number of lanes: it is the primal's memory.
  func restoreStoredOver(_ store: Instruction, in block: BasicBlock) {
    guard restorableStores.contains(store) else { return }
    let restore = builder.store(
      primalOfAuxiliary(store, at: block), to: primalInReverse(store.operand(1), at: block))
    Instruction(restore.ref).alignment = store.alignment
    let flag = allocaBuilder.alloca(IRType.int(1, in: module.context), "restored")
    allocaBuilder.store(Value.constInt(IRType.int(1, in: module.context), 0), to: flag)
    builder.store(Value.constInt(IRType.int(1, in: module.context), 1), to: flag)
    restoredFlags.append((store, flag))
  }

  /// A store backwards, in the current lane: the shadow's adjoint goes to the stored value.
  func reverseStore(_ store: Instruction, in block: BasicBlock) {
    let value = store.operand(0)
    let pointer = store.operand(1)
    defer { if value.type.isInteger { reverseIntegerStore(store, in: block) } }
    guard value.type.containsFloatingPoint, shadow(of: pointer) != nil else { return }
    let shadow = shadowInReverse(pointer, at: block)
    if constantShadows.contains(pointer) {
      // Constant memory (the shadow is the primal): no adjoint to take, and its bytes stay.
      let primal = primalInReverse(pointer, at: block)
      let current = builder.load(value.type, from: shadow)
      Instruction(current.ref).alignment = store.alignment
      let isConstant = builder.isConstantShadow(shadow, primal: primal)
      if hasAdjoint(value) { addAdjoint(value, builder.select(isConstant, Value.null(value.type), current)) }
      builder.storeThroughShadow(
        Value.null(value.type), orPrimal: current, shadow: shadow, primal: primal,
        alignment: store.alignment)
      return
    }
    if hasAdjoint(value) {
      let adjoint = builder.load(value.type, from: shadow)
      Instruction(adjoint.ref).alignment = store.alignment
      addAdjoint(value, adjoint)
    }
    // The stored-over value's adjoint is consumed: whatever was in memory before does not reach
    // the outputs through this location. In `a[i] += …` the load's reverse, next to touch the
    // shadow, overwrites it anyway.
    if let load = readModifyWriteLoad(of: store) {
      uncleared.insert(UnclearedLoad(load: load, lane: lane))
      return
    }
    let clear = builder.store(Value.null(value.type), to: shadow)
    Instruction(clear.ref).alignment = store.alignment
  }

  /// The load of `a[i] += …`: a load of the store's pointer earlier in its block with nothing
  /// between them that writes memory or whose reverse touches a shadow, and whose own reverse adds
  /// its adjoint to the shadow in memory. The store's reverse then skips clearing the shadow and the
  /// load's reverse stores its adjoint over it: one store, where a clear, a reload of the zero and
  /// an addition would be left to LLVM, which cannot fold them when the primal reloads between them
  /// may alias the shadow (the triangular product of GMM, `out[j] += l[k] * x[i]`).
  private func readModifyWriteLoad(of store: Instruction) -> Instruction? {
    let pointer = store.operand(1)
    guard !store.isVolatile, store.operand(0).type.isFloatingPointOrVector else { return nil }
    var cursor = store.previous
    while let instruction = cursor {
      switch instruction.opcode {
      case LLVMLoad where instruction.operand(0) != pointer:
        // A load whose reverse touches no shadow (inactive, or not floating-point: `reverseLoad`),
        // as in `y[i] = y[i] + a * x[i]` with x constant.
        let addsToShadow =
          activity.isActive(instruction.value) && instruction.type.containsFloatingPoint
          && shadow(of: instruction.operand(0)) != nil
        guard !addsToShadow, !instruction.isVolatile else { return nil }
      case LLVMLoad:
        guard instruction.type == store.operand(0).type, !instruction.isVolatile,
          activity.isActive(instruction.value), rotatedLoads[instruction] == nil,
          !addsAtomically(reading: pointer)
        else { return nil }
        return instruction
      case LLVMCall:
        guard let callee = instruction.calledFunction, callee.isIntrinsic || callee.isDeclaration,
          callee.touchesProgramMemory(writesOnly: false) == false
        else { return nil }
      case LLVMStore, LLVMInvoke, LLVMAtomicRMW, LLVMAtomicCmpXchg, LLVMFence, LLVMVAArg:
        return nil
      default:
        break
      }
      cursor = instruction.previous
    }
    return nil
  }

  /// At the reverse function's exit: the stores whose old values the reverse sweep put back are done
  /// again, so that the memory ends as the primal left it.
  func redoRestoredStores() {
    // The reverse sweep reversed the newest first; the oldest is redone first.
    for (store, flag) in restoredFlags.reversed() {
      let redo = reverse.appendBlock(named: "redo")
      let next = reverse.appendBlock(named: "redone")
      redo.moveAfter(builder.insertBlock)
      next.moveAfter(redo)
      builder.condBr(builder.load(IRType.int(1, in: module.context), from: flag), redo, next)
      builder.position(atEndOf: redo)
      let again = builder.store(
        primalInReverse(store.operand(0), at: store.parent),
        to: primalInReverse(store.operand(1), at: store.parent))
      Instruction(again.ref).alignment = store.alignment
      builder.br(next)
      builder.position(atEndOf: next)
    }
  }

  /// What the untyped integer copy `load` moves: what this call site's caller says of the memory
  /// (`memoryHints`), else what `CopiedBytes` finds in the function and all its callers. A helper
  /// copying 8 bytes for callers that pass pointers and callers that pass doubles (a generic
  /// `swap(void *, void *)`) is ambiguous for the function, not for one call: its derivative for
  /// an array of pointers treated the pointers as floats, and the gradient through the swapped
  /// rows went to the wrong elements.
  func copiedContent(_ load: Instruction) -> CopiedBytes.Content {
    if let known = copiedContents[load] { return known }
    // Read or stored with clang's tag of a double or a float (the clone of a lambda that captured
    // one, copied by `std::function` as an integer), the bytes are one here, whatever a caller's
    // declared types say of the memory (a `std::function`'s storage is a union whose first member
    // is a pointer). Stored whole into memory declared floating-point (a Swift enum's `Double`
    // payload word appended to an array of tuples), the bytes are a double's there, whatever else
    // the loaded memory holds in other cases of the enum.
    let accesses =
      [load]
      + load.value.users.compactMap { user in
        user.asInstruction.flatMap { $0.opcode == LLVMStore && $0.operand(0) == load.value ? $0 : nil }
      }
    if accesses.contains(where: { IntegerTypeAnalysis.accessTypeLayout($0) != nil }) {
      copiedContents[load] = .floatingPoint
      return .floatingPoint
    }
    var content =
      hintedContent(of: load)
      ?? (ActivityAnalysis.isStoredIntoDeclaredFloat(load) ? .floatingPoint : CopiedBytes.content(of: load))
    // Nothing says what the word is (the loop vectorizer's `<2 x i64>` copies of a growing
    // `std::vector<std::unique_ptr<double>>`'s pointers, split into words, in code compiled without
    // type tags, the old slots cleared by a `memset`): taken for a double, the pointers' shadows
    // stayed behind and the reverse sweep followed null shadows (a crash). Told apart when the
    // sweeps run, a pointer's shadow moves forward and a double's adjoint back.
    if content == .unknown, copiedWordsAreSortedAtRunTime(load), moduleNarrowestFloatBitsInMemory == nil {
      content = .pointer
    }
    // Taken for a pointer by what is around it (a caller's declared types, pointers stored at the
    // same place for other uses of a union), not by the load itself (a tag of a pointer, a use as
    // an address): told apart from a double word by word when the reverse sweep runs.
    if content == .pointer, !CopiedBytes.readsPointer(load), copiedWordsAreSortedAtRunTime(load) {
      integerCopiesSortedAtRunTime.insert(load)
    }
    copiedContents[load] = content
    return content
  }

  /// An integer store of an integer copy of floating-point data (`ActivityAnalysis.isUntypedCopy`)
  /// into memory with a shadow: the adjoint is taken from the stored-to shadow into the copied
  /// value's own (a floating-point slot of the integer load), which the load's reverse adds to the
  /// loaded memory's shadow. Not straight from memory to memory: a swap through integer temporaries
  /// (`t = *a; *a = *b; *b = t`, a generic sort's swap) overwrites the loaded memory before the
  /// store, and the adjoints went to the swapped places' new contents (silently wrong). A copy of a
  /// pointer's bytes has no adjoint: the forward sweep copied the shadow pointer.
  private func reverseIntegerStore(_ store: Instruction, in block: BasicBlock) {
    let value = store.operand(0)
    let pointer = store.operand(1)
    if !activity.isVaried(value), shadow(of: pointer) != nil,
      ActivityAnalysis.writesConstantFloatBits(store)
    {
      // A constant float's bits copied over a value: the overwritten value's adjoint ends here.
      unlessConstantShadow(of: pointer, at: block) {
        _ = builder.store(Value.null(value.type), to: shadowInReverse(pointer, at: block))
      }
      return
    }
    guard shadow(of: pointer) != nil, activity.isVaried(value), let load = value.asInstruction,
      load.opcode == LLVMLoad, shadow(of: load.operand(0)) != nil, !ActivityAnalysis.isByteCopy(load)
    else { return }
    if copiedContent(load) == .pointer {
      guard integerCopiesSortedAtRunTime.contains(load) else { return }
      let slot = integerCopyAdjointSlot(load)
      return unlessConstantShadow(of: pointer, at: block) {
        moveAdjointSortedAtRunTime(from: shadowInReverse(pointer, at: block), into: slot, store: store)
      }
    }
    let float = floatType(carriedBy: value.type)
    let slot = integerCopyAdjointSlot(load)
    unlessConstantShadow(of: pointer, at: block) {
      let shadow = shadowInReverse(pointer, at: block)
      let moved = builder.load(float, from: shadow)
      Instruction(moved.ref).alignment = store.alignment
      let clear = builder.store(Value.null(float), to: shadow)
      Instruction(clear.ref).alignment = store.alignment
      builder.store(addFloats(builder.load(float, from: slot), moved), to: slot)
    }
  }

  /// The floating-point type whose bits an integer copy of this width moves (64 bits: a double).
  private func floatType(carriedBy integer: IRType) -> IRType {
    integer.integerWidth == 64 ? IRType.double(in: module.context) : IRType.float(in: module.context)
  }

  /// The adjoint slot of an integer load that copies floating-point data (`reverseIntegerStore`):
  /// of the floating-point type it carries, starting from zero.
  func integerCopyAdjointSlot(_ load: Instruction) -> Value {
    if let slot = adjoints[load.value] { return slot }
    let float = floatType(carriedBy: load.type)
    let slot = allocaBuilder.alloca(float, "d" + load.value.name)
    allocaBuilder.store(adjointZero(float), to: slot)
    adjoints[load.value] = slot
    return slot
  }

  /// The load of an integer copy of floating-point data backwards: the adjoint its stores gathered
  /// (`reverseIntegerStore`) is added to the loaded memory's shadow, and the slot cleared.
  private func reverseIntegerCopyLoad(_ load: Instruction, in block: BasicBlock) {
    let slot = adjoints[load.value]!
    let float = floatType(carriedBy: load.type)
    let seed = builder.load(float, from: slot)
    builder.store(adjointZero(float), to: slot)
    let pointer = load.operand(0)
    guard shadow(of: pointer) != nil else { return }
    unlessConstantShadow(of: pointer, at: block) {
      if integerCopiesSortedAtRunTime.contains(load) {
        return addSortedAtRunTime(seed, to: shadowInReverse(pointer, at: block))
      }
      let shadow = shadowInReverse(pointer, at: block)
      let old = builder.load(float, from: shadow)
      Instruction(old.ref).alignment = load.alignment
      let sum = builder.store(addFloats(old, seed), to: shadow)
      Instruction(sum.ref).alignment = load.alignment
    }
  }

  /// memcpy/memmove backwards: the source's shadow gains the destination's, which is cleared.
  func reverseMemoryTransfer(_ call: Instruction, in block: BasicBlock) {
    let destination = call.arguments[0]
    let source = call.arguments[1]
    let length = call.arguments[2]
    guard shadow(of: destination) != nil else { return }
    let destinationShadow = shadowInReverse(destination, at: block)
    let bytes = builder.intCast(primalInReverse(length, at: block), to: i64, signed: false)
    let clear = {
      _ = self.builder.memset(destinationShadow, byte: Value.constInt(self.tape.i8, 0), length: bytes)
    }
    unlessConstantShadow(of: destination, at: block) {
      guard shadow(of: source) != nil else {
        // Text from a constant (a string literal copied into a std::string's buffer) holds no
        // adjoint to clear, and the buffer's shadow may be gone: the library's out-of-line string
        // members, run again on the shadow string, replace and free its buffer as it grows.
        let constant = MemoryWrites.underlyingObject(source)
        if constant.isGlobalVariable, constant.isGlobalConstant, !constant.globalValueType.containsFloatingPoint {
          return
        }
        return clear()
      }
      let sortedAtRunTime = copiedWordsAreSortedAtRunTime(copy: call)
      let tagged = sortedAtRunTime ? nil : CopiedStructs.type(of: call, module: module)
      let laidOut = sortedAtRunTime ? nil : tagged ?? copiedRangeType(call)
      let element =
        sortedAtRunTime ? IRType.pointer(in: module.context) : laidOut ?? IRType.double(in: module.context)
      let longDoublesSorted = !sortedAtRunTime && tagged == nil && copyMayHideLongDoubles(laidOut)
      let sourceShadow = shadowInReverse(source, at: block)
      let move = {
        guard !sortedAtRunTime else {
          return self.accumulateWordsSortedAtRunTime(
            into: sourceShadow, from: destinationShadow, bytes: bytes, length: length.constantInt, copy: call)
        }
        guard !longDoublesSorted else {
          return self.accumulateLongDoublesSortedAtRunTime(
            into: sourceShadow, from: destinationShadow, bytes: bytes)
        }
        self.accumulate(
          into: sourceShadow, from: destinationShadow, bytes: bytes, element: element,
          mayOverlap: call.calledFunction?.name.hasPrefix("llvm.memmove") ?? false)
        if let payload = CopiedStructs.swiftPayloadWordsOfCopiedRange(call, module: self.module) {
          self.movePayloadWordsSortedAtRunTime(
            into: sourceShadow, from: destinationShadow, bytes: bytes, recordSize: payload.recordSize,
            words: payload.words)
        }
      }
      guard constantShadows.contains(source) else { return move() }
      builder.branchOnConstantShadow(
        sourceShadow, primal: primalInReverse(source, at: block), constant: clear,
        active: move)
    }
  }

  /// Runs `body` unless `pointer`'s shadow is its primal (constant memory takes no derivative bytes);
  /// unconditionally for pointers whose shadows are real.
  func unlessConstantShadow(of pointer: Value, at block: BasicBlock, _ body: () -> Void) {
    guard constantShadows.contains(pointer) else { return body() }
    builder.unlessConstantShadow(
      shadowInReverse(pointer, at: block), primal: primalInReverse(pointer, at: block), body)
  }

  /// Releases a shadow allocation: `free`, or `swift_release` for a Swift object's shadow.
  func freeShadow(of value: Value, in block: BasicBlock) {
    var release = "free"
    if let call = value.asInstruction, call.isCall, let callee = call.calledFunction,
      let deallocator = generator.classifier.rules.allocationLike[callee]?.deallocator
    {
      let shadow = shadowInReverse(value, at: block)
      if !releaseAfterGradient(shadow, by: deallocator.name) { builder.call(deallocator, [shadow]) }
      return
    } else if let call = value.asInstruction, call.isCall,
      case .allocation(.swiftObject) = generator.classifier.semantics(of: call)
    {
      release = "swift_release"
    } else if let call = value.asInstruction, call.isCall, let name = call.calledFunction?.name,
      let delete = CXXRuntime.deallocator(forAllocator: name)
    {
      release = delete
    } else if let call = value.asInstruction, call.isCall, let name = call.calledFunction?.name,
      let delete = CXXRuntime.alignedDeallocator(forAllocator: name)
    {
      let alignment = primalInReverse(call.arguments[1], at: block)
      let function = module.declareFunction(
        named: delete,
        type: .function(returning: IRType.void(in: module.context), [tape.pointer, alignment.type]))
      builder.call(function, [shadowInReverse(value, at: block), alignment])
      return
    }
    let shadow = shadowInReverse(value, at: block)
    // A C block's shadow may serve the next call (`ShadowBlocks`).
    if release == "free" { release = ShadowBlocks.release(in: module).name }
    // A C or C++ block may also be registered where another function frees its primal: the list
    // releases it once, when the gradient is done.
    if releaseAfterGradient(shadow, by: release) { return }
    let function = module.declareFunction(
      named: release, type: .function(returning: IRType.void(in: module.context), [tape.pointer]))
    builder.call(function, [shadow])
  }

  // MARK: - realloc

  /// realloc's shadow, forward: a new zeroed block holding a copy of the old shadow's bytes. The old
  /// shadow stays alive: adjoints of stores made before the realloc are accumulated into it by the
  /// reverse sweep, which moves the new block's adjoints back at the realloc's reverse.
  func emitResizedShadow(_ call: Instruction) -> Value {
    let old = shadowInForward(call.arguments[0])
    let newSize = CallSemantics.resizedBytes(of: call, operand: { map[$0] }, builder: builder)
    let malloc = module.declareFunction(named: "malloc", type: .function(returning: tape.pointer, [i64]))
    let shadow = builder.call(malloc, [newSize], "'" + call.value.name)
    _ = builder.memset(shadow, byte: Value.constInt(tape.i8, 0), length: newSize)
    let kept = builder.select(
      builder.icmp(LLVMIntULT, usableSize(of: old), newSize), usableSize(of: old), newSize)
    _ = builder.memcpy(shadow, old, length: kept)
    return shadow
  }

  /// realloc backwards: the adjoints of the bytes realloc copied go back to the old shadow.
  func reverseResizedShadow(_ call: Instruction, in block: BasicBlock) {
    let old = shadowInReverse(call.arguments[0], at: block)
    let new = shadowInReverse(call.value, at: block)
    let newSize = CallSemantics.resizedBytes(
      of: call, operand: { self.primalInReverse($0, at: block) }, builder: builder)
    var oldSize = usableSize(of: old)
    // A block of pointers beside floats moves as laid out, over the bytes it was asked with.
    let layout = CopiedStructs.layoutOfResizedBlock(call, in: blocks, module: module)
    if layout != nil, let asked = CopiedStructs.requestedSize(of: call.arguments[0]) {
      oldSize = Value.constInt(i64, Int64(asked))
    }
    let kept = builder.select(builder.icmp(LLVMIntULT, oldSize, newSize), oldSize, newSize)
    let element = layout ?? floatTypeOfMemory(reachedBy: [call.value, call.arguments[0]])
    accumulate(into: old, from: new, bytes: kept, element: element)
  }

  /// `malloc_usable_size(pointer)` (0 for null).
  private func usableSize(of pointer: Value) -> Value {
    builder.call(module.mallocUsableSizeFunction, [pointer])
  }

  /// `source[k] += destination[k]; destination[k] = 0` over the `bytes / sizeof(element)` elements,
  /// for each floating-point leaf of `element` (other leaves, such as pointers, are left alone). When
  /// the two ranges overlap (memmove), the order is chosen so that no adjoint is moved twice:
  /// descending when the destination lies below the source.
  /// `mayOverlap`: a memmove's.
  func accumulate(
    into source: Value, from destination: Value, bytes: Value, element: IRType, mayOverlap: Bool = false
  ) {
    // Memory of one floating-point type, whatever it is grouped in (a row `[4 x double]` of a matrix),
    // goes element by element: two copies of half a row each moved nothing, their length a
    // fraction of the row's (the gradient was silently 0).
    let element = MemoryTypes.repeatedFloat(in: element, module: module) ?? element
    let size = Int64(module.allocSize(of: element))
    let leaves = MemoryTypes.floatLeaves(of: element, module: module)
    guard size > 0, !leaves.isEmpty else { return }
    // Within an element too, the reverse goes against the copy's order where the ranges overlap: a
    // memmove of two `{long c; double v}` records down by one, laid out as one element holding both
    // doubles, moved the first double's adjoint onto the second before the second's moved on (all
    // of it piled on the last record, silently).
    let ordered = leaves.sorted { $0.0 < $1.0 }
    let mirrors = mayOverlap && ordered.count > 1 && Set(ordered.map { $0.1 }).count == 1
    // A length that may not be whole elements (records of 16 bytes laid out by an unrolled loop's
    // period of 64, a header and a double packed at 12-byte steps) leaves a tail after the last
    // whole element: its leaves that lie entirely inside it move too. They were left behind, and
    // with them the adjoints of every record a loop's remainder wrote (silently 0). The tail goes
    // first when the copy runs descending, last otherwise, as the elements do.
    let hasTail = bytes.constantInt.map { $0 % size != 0 } ?? true
    let tailLeaves = hasTail ? ordered.filter { $0.0 + Int64(module.storeSize(of: $0.1)) < size } : []
    let descending = tailLeaves.isEmpty ? nil : builder.icmp(LLVMIntULT, destination, source)
    if let descending {
      moveTail(
        into: source, from: destination, bytes: bytes, size: size, leaves: tailLeaves.reversed(),
        when: descending)
    }
    forEachCopiedElement(into: source, from: destination, bytes: bytes, size: size) { base, descending in
      for (position, (offset, type)) in ordered.enumerated() {
        let at: Value
        if mirrors {
          let mirrored = ordered[ordered.count - 1 - position].0
          let within = builder.select(
            descending, Value.constInt(i64, mirrored), Value.constInt(i64, offset), "leaf.offset")
          at = builder.add(base, within)
        } else {
          at = offset == 0 ? base : builder.add(base, Value.constInt(i64, offset))
        }
        moveLeaf(type, at: at, into: source, from: destination, offset: offset, elementSize: size)
      }
    }
    if let descending {
      moveTail(
        into: source, from: destination, bytes: bytes, size: size, leaves: tailLeaves,
        when: builder.xor(descending, Value.constInt(IRType.int(1, in: module.context), 1)))
    }
  }

  /// Moves the adjoint of one leaf of a copied element, at byte `at` of both ranges.
  private func moveLeaf(
    _ type: IRType, at: Value, into source: Value, from destination: Value, offset: Int64, elementSize: Int64
  ) {
    let to = builder.byteOffset(source, at)
    let from = builder.byteOffset(destination, at)
    // A vector leaf (`<2 x double>`, where the primal's accesses read two fields at once) lies
    // where its elements do, 8 bytes into a record perhaps: there its own alignment (16) is not
    // promised, and an aligned load crashed (`std::deque<std::variant<double, IDD>>`).
    let vectorAlignment = Int64(type.isVector ? module.abiAlignment(of: type) : 1)
    let alignment =
      type.isVector && (offset % vectorAlignment != 0 || elementSize % vectorAlignment != 0)
      ? module.abiAlignment(of: type.elementType) : nil
    let moved = builder.load(type, from: from)
    let cleared = builder.store(Value.null(type), to: from)
    if let alignment { [moved, cleared].forEach { Instruction($0.ref).alignment = alignment } }
    if derivative.signature.inParallelRegion {
      addAtomically(moved, to: to)  // `Gradient+SharedAdjoints`
      return
    }
    let held = builder.load(type, from: to)
    let sum = builder.store(builder.derivativeFAdd(held, moved), to: to)
    if let alignment { [held, sum].forEach { Instruction($0.ref).alignment = alignment } }
  }

  /// When `condition` holds, moves the leaves (in the order given; each ends before the element
  /// does) of the part of an element after the last whole one of `bytes`, each only if it lies
  /// entirely inside the copy.
  private func moveTail(
    into source: Value, from destination: Value, bytes: Value, size: Int64,
    leaves: some Sequence<(Int64, IRType)>, when condition: Value
  ) {
    let whole = builder.mul(builder.udiv(bytes, Value.constInt(i64, size)), Value.constInt(i64, size))
    let tail = builder.sub(bytes, whole)
    for (offset, type) in leaves {
      let end = offset + Int64(module.storeSize(of: type))
      let inside = builder.and(condition, builder.icmp(LLVMIntULE, Value.constInt(i64, end), tail))
      builder.when(inside, named: "memcpy.tail") {
        moveLeaf(
          type, at: builder.add(whole, Value.constInt(i64, offset)), into: source, from: destination,
          offset: offset, elementSize: size)
      }
    }
  }

  /// Emits a loop that runs `body` with the byte offset of each of the `bytes / size` elements a
  /// copy moved from `source` to `destination`. When the two ranges overlap (memmove), the order is
  /// chosen so that no adjoint is moved twice: descending when the destination lies below the source.
  /// `body` is also given whether the loop descends.
  func forEachCopiedElement(
    into source: Value, from destination: Value, bytes: Value, size: Int64, _ body: (Value, Value) -> Void
  ) {
    let count = builder.udiv(bytes, Value.constInt(i64, size))
    let descending = builder.icmp(LLVMIntULT, destination, source)
    forEachIndex(below: count, loop: "memcpy.adjoint", index: "j") { j in
      let last = builder.sub(count, Value.constInt(i64, 1))
      let k = builder.select(descending, builder.sub(last, j), j)
      body(builder.mul(k, Value.constInt(i64, size)), descending)
    }
  }

  /// Emits a loop, in blocks named `loop` and `loop.done`, that runs `body` with each index from 0
  /// to `count` (not at all when `count` is 0), and leaves the builder after it.
  func forEachIndex(below count: Value, loop name: String, index: String, _ body: (Value) -> Void) {
    let before = builder.insertBlock
    let loop = reverse.appendBlock(named: name)
    let done = reverse.appendBlock(named: name + ".done")
    loop.moveAfter(before)
    done.moveAfter(loop)
    builder.condBr(builder.icmp(LLVMIntEQ, count, Value.constInt(i64, 0)), done, loop)
    builder.position(atEndOf: loop)
    let j = builder.phi(i64, index)
    body(j.value)
    let next = builder.add(j.value, Value.constInt(i64, 1))
    let end = builder.insertBlock
    builder.condBr(builder.icmp(LLVMIntULT, next, count), loop, done)
    j.addIncoming([(Value.constInt(i64, 0), before), (next, end)])
    builder.position(atEndOf: done)
  }
}
