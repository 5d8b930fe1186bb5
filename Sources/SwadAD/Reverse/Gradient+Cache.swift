// Reverse mode: how primal values reach the reverse sweep.
//
// A value the reverse code of block C needs is saved in one of two ways:
//  - in a *slot*, saved once per call and popped when the reverse function starts, when its value
//    cannot change between C's execution and C's reverse: it is defined in a block that runs at most
//    once per call (or is an argument), or C itself runs at most once;
//  - in C's *record*, pushed each time C runs, when C and the value's definition lie on a common
//    cycle (a value computed in a loop and used in it).
// Loaded values are saved like any other, so memory the primal overwrites later never matters.
import CLLVM
import LLVMBinding

/// What is saved for the reverse sweep: a primal value or the shadow of a pointer.
enum CacheKey: Hashable {
  case primal(Value)
  /// The shadow of a pointer in one lane (batched reverse mode has several).
  case shadow(Value, lane: Int)
  /// A value the forward sweep made for an original instruction that is neither its primal nor its
  /// shadow: the tape a custom augmented function returns, the arguments a BLAS call's adjoint reads.
  case auxiliary(Value)
  /// The shadow copy made for by-value argument `index` of a call, in one lane.
  case argumentCopy(Value, Int, lane: Int)

  var original: Value {
    switch self {
    case .primal(let value), .shadow(let value, _), .auxiliary(let value), .argumentCopy(let value, _, _):
      return value
    }
  }
}

/// The bookkeeping of saved values.
struct TapeCache {
  /// Slots, in the order the epilogue record holds them.
  var slotOrder: [CacheKey] = []
  /// Per slot: its alloca in the augmented function and its alloca in the reverse function.
  var forwardSlots: [CacheKey: Value] = [:]
  var reverseSlots: [CacheKey: Value] = [:]
  /// Per original block: the slots it stores when it ends.
  var slotStores: [BasicBlock: [CacheKey]] = [:]
  /// Per original block: the values its record holds, and their allocas in the reverse function.
  var records: [BasicBlock: [CacheKey]] = [:]
  var recordSlots: [BasicBlock: [CacheKey: Value]] = [:]
}

/// The values the reverse sweep makes itself instead of taking them from the tape, each listed once
/// in the order first made: for remarks, beside what the tape keeps.
struct ValuesWithoutTape {
  enum Source {
    /// Cheap integer and address arithmetic redone from its operands (`Gradient+Loops.recompute`).
    case recomputed
    /// A load repeated: its memory outlives the forward sweep and nothing writes it after the load.
    case reloaded
    /// A value loaded back from the memory it was stored to, which nothing writes again
    /// (`Gradient+StoredValues`).
    case reloadedFromStore
    /// A loop's induction, stepped back with the reverse loop's counter.
    case induction
    /// A read of a scratch array computed again from what the loop that filled the array read
    /// (`Gradient+ScratchArrays`).
    case refilled
  }

  private(set) var keys: [Source: [CacheKey]] = [:]
  private var seen: Set<CacheKey> = []

  mutating func note(_ key: CacheKey, _ source: Source) {
    guard seen.insert(key).inserted else { return }
    keys[source, default: []].append(key)
  }
}

extension GradientEmitter {
  /// The primal value of an original value at the current point of the reverse sweep, which is
  /// reversing `block`.
  func primalInReverse(_ value: Value, at block: BasicBlock, depth: Int = 0) -> Value {
    if value.isConstant || value.isMetadataAsValue { return value }
    if value.isArgument, let parameter = reverseParameter(for: value, shadow: false) { return parameter }
    if let made = valueWithoutTape(.primal(value), at: block, depth: depth) { return made }
    return saved(.primal(value), at: block)
  }

  /// The shadow of an original pointer at the current point of the reverse sweep.
  func shadowInReverse(_ value: Value, at block: BasicBlock, depth: Int = 0) -> Value {
    if shadows[value] == nil {
      if let shadow = shadow(of: value) { return shadow }
      // A constant pointer meeting shadowed data is its own shadow (`ConstantShadows`).
      return value.type.isPointer && !value.isConstant
        ? primalInReverse(value, at: block) : Value.null(value.type)
    }
    // Split mode accumulates into the shadows `__enzyme_reverse` is given, as Enzyme does. Elsewhere
    // the shadows are the ones the forward sweep saw (the same values), taken from the tape: measured
    // faster, the optimizer treating them as distinct from the caller's pointers.
    if derivative.signature.shadowsFromArguments, value.isArgument,
      let parameter = reverseParameter(for: value, shadow: true)
    {
      return parameter
    }
    if let made = valueWithoutTape(.shadow(value, lane: lane), at: block, depth: depth) { return made }
    return saved(.shadow(value, lane: lane), at: block)
  }

  /// The auxiliary value the forward sweep made for `instruction` (a custom gradient's tape).
  func primalOfAuxiliary(_ instruction: Instruction, at block: BasicBlock) -> Value {
    saved(.auxiliary(instruction.value), at: block)
  }

  /// The augmented function's value for a key.
  func forwardValue(_ key: CacheKey) -> Value {
    switch key {
    case .primal(let value): return map[value]
    case .shadow(let value, let lane): return shadowLanes[lane][value]!
    case .auxiliary(let value): return auxiliaries[value]!
    case .argumentCopy(let value, let index, let lane): return argumentCopyLanes[lane][value]![index]!
    }
  }

  func saved(_ key: CacheKey, at block: BasicBlock) -> Value {
    let type = forwardValue(key).type
    let definition = key.original.asInstruction?.parent
    let slot: Value
    if definition == nil || !cycles.isCyclic(definition!) {
      slot = onceSlot(key, storedAt: definition ?? blocks[0])
    } else if !cycles.isCyclic(block) {
      slot = onceSlot(key, storedAt: block)
    } else {
      slot = recordSlot(key, block: block)
    }
    return builder.load(type, from: slot)
  }

  private func onceSlot(_ key: CacheKey, storedAt block: BasicBlock) -> Value {
    if !(cache.slotStores[block]?.contains(key) ?? false) { cache.slotStores[block, default: []].append(key) }
    if let slot = cache.reverseSlots[key] { return slot }
    let type = forwardValue(key).type
    let forwardEntry = map[blocks[0]]
    let forwardBuilder = Builder(context: module.context)
    forwardBuilder.position(before: forwardEntry.firstInstruction!)
    cache.forwardSlots[key] = forwardBuilder.alloca(type, "slot")
    let slot = allocaBuilder.alloca(type, "slot")
    cache.reverseSlots[key] = slot
    cache.slotOrder.append(key)
    return slot
  }

  private func recordSlot(_ key: CacheKey, block: BasicBlock) -> Value {
    if let slot = cache.recordSlots[block]?[key] { return slot }
    cache.records[block, default: []].append(key)
    let slot = allocaBuilder.alloca(forwardValue(key).type, "saved")
    cache.recordSlots[block, default: [:]][key] = slot
    return slot
  }

  // MARK: - Placing pushes and pops

  /// Places what the reverse sweep asked for: slot stores and record pushes at the end of each
  /// block of the augmented function, the epilogue (the slots) before each return; the matching pops
  /// at the start of each block's reverse code and of the reverse function.
  func finishTape() {
    fillLoopEntries()
    stepInductionsBack()
    planRecordArrays()
    noteTapeContents()
    let multipleReturns = returnBlocks.count > 1
    // Per loop whose records form an array reserved before it: where the array starts, and its
    // number of elements.
    var reserved: [ObjectIdentifier: (base: Value, count: Value)] = [:]
    // Every such array, reserved at its preheader (one block may be the preheader of two loops,
    // `br %c, %loopA, %loopB`: each reserves, nothing for the loop its branch skips). An array in
    // columns must be reserved: its elements pushed one by one would lie side by side.
    // In the order of the loops, so that the output does not depend on hashing.
    var arrays: [BasicBlock: [RecordArray]] = [:]
    let byLoop = Dictionary(
      recordArrays.values.map { (ObjectIdentifier($0.loop), $0) }, uniquingKeysWith: { a, _ in a })
    for loop in loops.loops {
      guard let array = byLoop[ObjectIdentifier(loop)] else { continue }
      arrays[array.counter.preheader, default: []].append(array)
    }
    for block in blocks {
      guard let point = pushPoints[block] else { continue }
      builder.position(before: point)
      // Bookkeeping is located where its block ends (a loop's latch, a branch), so that a profile
      // charges the tape to the loop or branch that needs it.
      builder.debugLocation = block.terminator?.debugLocation
      for key in cache.slotStores[block] ?? [] {
        builder.store(forwardValue(key), to: cache.forwardSlots[key]!)
      }
      var record = (cache.records[block] ?? []).map(forwardValue)
      if pushesBlockIndex(block) { record.append(Value.constInt(i64, Int64(blockIndex[block]!))) }
      if let array = recordArrays[block], let reserved = reserved[ObjectIdentifier(array.loop)] {
        storeForwardRecord(record, of: block, in: array, base: reserved.base, count: reserved.count)
      } else {
        // The preheader dominates its loop, and so comes first in `blocks` (a reverse post-order).
        precondition(recordArrays[block]?.inColumns != true, "a record array in columns was not reserved")
        tape.push(record, tape: forwardTape, builder: builder)
      }
      // The arrays of the loops this block enters, reserved whole when their sizes are known here.
      for array in arrays[block] ?? [] {
        guard let test = array.exitTest else { continue }
        let count = forwardIterationCount(test)
        let base = tape.reserveBlock(
          bytes: forwardArrayBytes(array, count: count), tape: forwardTape, builder: builder)
        reserved[ObjectIdentifier(array.loop)] = (base, count)
      }
      if point.opcode == LLVMRet {
        var epilogue = cache.slotOrder.map {
          builder.load(forwardValue($0).type, from: cache.forwardSlots[$0]!)
        }
        if multipleReturns { epilogue.append(Value.constInt(i64, Int64(blockIndex[block]!))) }
        tape.push(epilogue, tape: forwardTape, builder: builder)
      }
    }

    builder.position(atEndOf: reverseEntry)
    builder.debugLocation = nil
    var types = cache.slotOrder.map { forwardValue($0).type }
    if multipleReturns { types.append(i64) }
    let epilogue = tape.pop(types, tape: reverseTape, builder: builder)
    for (key, value) in zip(cache.slotOrder, epilogue) { builder.store(value, to: cache.reverseSlots[key]!) }
    let returns = returnBlocks
    if returns.isEmpty {
      builder.unreachable()
    } else if !multipleReturns {
      builder.br(reverseHeads[returns[0]]!)
    } else {
      builder.switchOn(
        epilogue.last!, default: unreachableBlock(),
        cases: returns.map { (Value.constInt(i64, Int64(blockIndex[$0]!)), reverseHeads[$0]!) })
    }

    for block in blocks {
      builder.position(atEndOf: reverseHeads[block]!)
      builder.debugLocation = block.terminator?.debugLocation
      let keys = cache.records[block] ?? []
      let types = keys.map { forwardValue($0).type }
      let values =
        recordArrays[block].map { loadReverseRecord(types, of: block, in: $0) }
        ?? tape.pop(types, tape: reverseTape, builder: builder)
      for (key, value) in zip(keys, values) { builder.store(value, to: cache.recordSlots[block]![key]!) }
      builder.br(reverseBodies[block]!)
    }
  }

  /// Remarks on what the tape holds (`swad-opt --print-remarks`): the bytes kept once per call and
  /// the bytes pushed each time a block runs — per iteration, in a loop — with the values they are,
  /// then the values the reverse sweep recomputes, reloads or steps back instead, so that a user can
  /// see why a gradient costs what it costs.
  private func noteTapeContents() {
    func size(_ keys: [CacheKey]) -> Int64 {
      keys.reduce(0) { $0 + tape.slotSize(of: forwardValue($1).type) }
    }
    // Named without printing each value: printing numbers the whole function every time.
    let localNames = LocalNames(of: original)
    func describe(_ keys: [CacheKey]) -> String {
      keys.map { key in
        // `%x (load, file.c:12)`: the value as the IR prints it, what made it, and where.
        let value = key.original
        let instruction = value.asInstruction.flatMap { $0.type.isVoid ? nil : $0 }
        var text =
          instruction.flatMap { localNames.name(of: $0.value) }
          ?? instruction.map {
            let text = $0.value.description.drop { $0 == " " }
            return String(text[..<(text.firstRange(of: " = ")?.lowerBound ?? text.endIndex)])
          }
          ?? (value.name.isEmpty ? "an argument" : "%\(value.name)")
        var made: [String] = []
        if let instruction { made.append(instruction.opcodeName) }
        if let location = value.asInstruction?.sourceLocation, location.line > 0 {
          made.append(location.shortDescription)
        }
        if !made.isEmpty { text += " (" + made.joined(separator: ", ") + ")" }
        if case .shadow(_, let lane) = key {
          text = "the shadow of " + text + (width > 1 ? " in lane \(lane)" : "")
        }
        return text
      }.joined(separator: ", ")
    }
    let name = generator.remarkNames.function(original.name)
    if !cache.slotOrder.isEmpty {
      generator.remarks.append(
        Remark(
          "\(name): the tape keeps \(size(cache.slotOrder)) bytes per call: \(describe(cache.slotOrder))"))
    }
    for (index, block) in blocks.enumerated() {
      guard let keys = cache.records[block], !keys.isEmpty else { continue }
      let place = sourcePlace(of: block).map { " at \($0)" } ?? ""
      // Optimized code leaves blocks unnamed: its position in the function names it then.
      let label = block.name.isEmpty ? "#\(index + 1)" : "%\(block.name)"
      var loop = ""
      if let enclosing = loops.loop(containing: block) {
        let header =
          enclosing.header == block ? "" : sourcePlace(of: enclosing.header).map { ", loop at \($0)" } ?? ""
        // How the records of a loop reach the reverse sweep (`Gradient+RecordArrays`).
        let kept =
          recordArrays[block].map {
            $0.exitTest == nil
              ? ", an array indexed by the iteration, pushed element by element"
              : ", an array indexed by the iteration, a column per value, reserved before the loop"
          } ?? ""
        loop = " (in a loop of depth \(enclosing.depth)\(header): per iteration\(kept))"
      }
      generator.remarks.append(
        Remark(
          "\(name): the tape keeps \(size(keys)) bytes each time block \(label)\(place) runs\(loop): "
            + describe(keys)))
    }
    // Why loads are kept: the write that may change their memory before the reverse sweep reads it.
    let byWriter = keptForLaterWrites(cache.slotOrder + blocks.flatMap { cache.records[$0] ?? [] })
    if !byWriter.isEmpty {
      let groups = byWriter.map { writer, keys in
        var what = "the \(writer.opcode == LLVMStore ? "store" : "call")"
        if writer.opcode != LLVMStore, let callee = writer.calledFunction?.name {
          what += " to \(generator.remarkNames.function(callee))"
        }
        if let location = writer.sourceLocation, location.line > 0 {
          what += " at \(location.shortDescription)"
        }
        return "\(describe(keys)), by \(what)"
      }
      generator.remarks.append(
        Remark(
          "\(name): kept, not loaded again, because a write may change their memory or the pointer "
            + "they are loaded through, for all swad can tell: " + groups.joined(separator: "; ")))
    }
    // And what the reverse sweep makes itself instead.
    let withoutTape: [(ValuesWithoutTape.Source, String)] = [
      (.recomputed, "recomputed by the reverse sweep instead of kept"),
      (
        .reloaded,
        "reloaded by the reverse sweep instead of kept (memory nothing writes after the forward sweep reads it)"
      ),
      (
        .reloadedFromStore,
        "loaded by the reverse sweep from where the forward sweep stored it (nothing writes there again)"
      ),
      (.induction, "stepped back by the reverse sweep's loop counters instead of kept"),
      (
        .refilled,
        "computed again by the reverse sweep from what the loop that filled its array read, instead of kept"
      ),
    ]
    for (source, what) in withoutTape {
      guard let keys = madeWithoutTape.keys[source], !keys.isEmpty else { continue }
      generator.remarks.append(Remark("\(name): \(what): \(describe(keys))"))
    }
  }

  /// The loads among `keys` (values or their shadows) that the reverse sweep could load again but for
  /// a write that may change their memory or the pointer they are loaded through (`laterWrite`),
  /// grouped by that write, in the order first kept. Only in a combined gradient (nothing runs
  /// between the sweeps) outside parallel regions, where such a write is the whole reason.
  func keptForLaterWrites(_ keys: [CacheKey]) -> [(writer: Instruction, keys: [CacheKey])] {
    guard derivative.signature.combined, !derivative.signature.inParallelRegion else { return [] }
    var groups: [(writer: Instruction, keys: [CacheKey])] = []
    var seen: Set<CacheKey> = []
    for key in keys where seen.insert(key).inserted {
      switch key {
      case .primal, .shadow: break
      default: continue
      }
      guard let load = key.original.asInstruction, let writer = laterWrite(changing: load) else { continue }
      if let index = groups.firstIndex(where: { $0.writer == writer }) {
        groups[index].keys.append(key)
      } else {
        groups.append((writer, [key]))
      }
    }
    return groups
  }

  /// The first write (in the order of the function's blocks) that may change what `load` read, where
  /// that write is why the reverse sweep cannot load it again: one after it to its memory, or, for
  /// memory reached through a pointer loaded from memory (`s->data[i]`), one anywhere in the
  /// function to where that pointer is kept (`outlivesForwardSweep`).
  func laterWrite(changing load: Instruction, depth: Int = 0) -> Instruction? {
    guard load.opcode == LLVMLoad, !load.isVolatile else { return nil }
    let object = MemoryWrites.underlyingObject(load.operand(0))
    if outlivesForwardSweep(object) { return writesAfter(load).writer(of: load.operand(0)) }
    guard depth < 3, let base = object.asInstruction, base.opcode == LLVMLoad, !base.isVolatile else {
      return nil
    }
    return writesAfter(blocks[0].firstInstruction!).writer(of: base.operand(0))
      ?? laterWrite(changing: base, depth: depth + 1)
  }

  /// `file.c:12` for the first instruction of `block` with a line, for remarks.
  func sourcePlace(of block: BasicBlock) -> String? {
    block.instructions.lazy.compactMap(\.sourceLocation).first { $0.line > 0 }
      .map(\.shortDescription)
  }

  /// A block of the reverse function that ends in `unreachable`, for impossible switch defaults.
  func unreachableBlock() -> BasicBlock {
    let block = reverse.appendBlock(named: "unreachable")
    let saved = builder.insertBlock
    builder.position(atEndOf: block)
    builder.unreachable()
    builder.position(atEndOf: saved)
    return block
  }
}
