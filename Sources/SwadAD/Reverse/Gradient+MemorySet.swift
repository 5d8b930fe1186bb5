// Reverse mode, memset: the adjoints of the bytes set are cleared, but not the shadow's structure
// (the pointers the function puts in the bytes afterwards).
import CLLVM
import LLVMBinding

extension GradientEmitter {
  /// memset backwards: the overwritten bytes' adjoints are cleared.
  func reverseMemorySet(_ call: Instruction, in block: BasicBlock) {
    let destination = call.arguments[0]
    let length = call.arguments[2]
    guard shadow(of: destination) != nil else { return }
    let kept = pointerBytes(setBy: call)
    let records = length.constantInt == nil ? pointerBytesOfRecords(setBy: call) : nil
    let bytes = builder.intCast(primalInReverse(length, at: block), to: i64, signed: false)
    unlessConstantShadow(of: destination, at: block) {
      let shadow = shadowInReverse(destination, at: block)
      if let records {
        return clearRecords(of: shadow, bytes: bytes, period: records.period, keeping: records.kept)
      }
      guard let total = length.constantInt, !kept.isEmpty else {
        _ = builder.memset(shadow, byte: Value.constInt(tape.i8, 0), length: bytes)
        return
      }
      for gap in Self.gaps(in: Int(total), around: kept) {
        clear(gap.count, bytesOf: shadow, at: Value.constInt(i64, Int64(gap.lowerBound)))
      }
    }
  }

  /// The ranges of `length` bytes outside the sorted ranges `kept`.
  private static func gaps(in length: Int, around kept: [Range<Int>]) -> [Range<Int>] {
    var gaps: [Range<Int>] = []
    var start = 0
    for range in kept + [length..<length] {
      if range.lowerBound > start { gaps.append(start..<range.lowerBound) }
      start = max(start, range.upperBound)
    }
    return gaps
  }

  /// Zeroes `count` bytes of `shadow` from byte `offset`.
  private func clear(_ count: Int, bytesOf shadow: Value, at offset: Value) {
    _ = builder.memset(
      builder.byteOffset(shadow, offset), byte: Value.constInt(tape.i8, 0),
      length: Value.constInt(i64, Int64(count)))
  }

  /// The bytes of a `memset` of constant length, from its destination, where the function's accesses
  /// put pointers (`MemoryTypes.layoutType`), in order: a vector's header zeroed before it is given
  /// its storage (`emplace_back` of a row into a `vector<vector<double>>`). Their shadow is the
  /// shadow's structure, not an adjoint: the reverse sweep zeroed it, and the caller's shadow row
  /// was left empty, its storage leaked, and the next gradient through it crashed.
  private func pointerBytes(setBy call: Instruction) -> [Range<Int>] {
    guard let total = call.arguments[2].constantInt, total > 0, total <= 4096 else { return [] }
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    guard case (_, let start?) = CopiedBytes.base(of: call.arguments[0], dataLayout),
      let layout = MemoryTypes.layoutType(
        reachedBy: [call.arguments[0]], in: original, bytes: start + Int(total), module: module)
    else { return [] }
    return MemoryTypes.pointerLeaves(of: layout, module: module).compactMap { offset, type in
      let from = Int(offset) - start
      let to = from + Int(module.allocSize(of: type))
      return from >= 0 && to <= Int(total) ? from..<to : nil
    }.sorted { $0.lowerBound < $1.lowerBound }
  }

  /// Where the records that a `memset` of run-time length zeroes hold pointers, when it zeroes whole
  /// records of a block this function allocated: the records' size and the pointers' bytes in one,
  /// from its start. `std::vector<std::vector<double>>::resize` value-initializes the new rows' headers
  /// so; the function's other accesses to the block (the old rows moved over) lay a record out
  /// (`CopiedStructs.periodicFields`). Zeroed in the reverse sweep, the shadow rows given storage
  /// since came back empty, their storage leaked, and the next gradient through them read through
  /// null. The block being new, no earlier write in the function has an adjoint in those bytes: a
  /// record unlike the others (no typed step declares them) can at worst leave an adjoint of the
  /// memset's zeros in the shadow.
  private func pointerBytesOfRecords(setBy call: Instruction) -> (period: Int, kept: [Range<Int>])? {
    let factor = StridedPlaces.knownFactor(of: call.arguments[2])
    // The records past a vector's end, within its capacity, as the type declared for the pointer
    // (`Row *_M_finish`) lays them out, with `-g`.
    // Without debug info: the record type of the typed steps the function stores where it loaded
    // the destination from (`_M_finish = new_start + n`, a `getelementptr %struct.Row`).
    if let record = DeclaredDebugTypes.layoutOfCopiedRange(call, module: module)
      ?? recordStepStored(where: call.arguments[0])
    {
      let period = Int(module.allocSize(of: record))
      guard period > 0, factor % period == 0 else { return nil }
      let kept = MemoryTypes.pointerLeaves(of: record, module: module).map { offset, type in
        Int(offset)..<Int(offset) + Int(module.allocSize(of: type))
      }
      return kept.isEmpty ? nil : (period, kept.sorted { $0.lowerBound < $1.lowerBound })
    }
    let destination = call.arguments[0]
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    let places = StridedPlaces(blocks: blocks, dataLayout: dataLayout)
    guard let place = places.place(of: destination), !place.isEmpty,
      place.keys.allSatisfy({ object in
        guard let allocation = object.asInstruction, allocation.isCall,
          case .allocation = generator.classifier.semantics(of: allocation)
        else { return false }
        return true
      }),
      let (period, start, fields) = CopiedStructs.periodicFields(
        of: destination, and: destination, in: blocks, module: module, swift: UntypedCopies.isSwift(original),
        places: places, undeclared: true, repeating: factor),
      factor % period == 0
    else { return nil }
    var kept: [Range<Int>] = []
    for (at, leaf) in fields where leaf.isPointer {
      let from = ((at - start) % period + period) % period
      let to = from + Int(module.storeSize(of: leaf))
      guard to <= period else { return nil }
      kept.append(from..<to)
    }
    return kept.isEmpty ? nil : (period, kept.sorted { $0.lowerBound < $1.lowerBound })
  }

  /// When `pointer` is loaded from a slot into which the function stores typed steps over records of
  /// one struct type (no union in it), and no typed step over anything else: that type. (Steps by
  /// bytes, `end + n * 32` as `getelementptr i8`, say nothing.)
  private func recordStepStored(where pointer: Value) -> IRType? {
    guard let load = pointer.asInstruction, load.opcode == LLVMLoad else { return nil }
    let slot = load.operand(0)
    var found: IRType?
    for user in slot.users {
      guard let store = user.asInstruction, store.opcode == LLVMStore, store.operand(1) == slot,
        let step = store.operand(0).asInstruction, step.opcode == LLVMGetElementPtr
      else { continue }
      let type = step.gepSourceElementType
      if type.isInteger, type.integerWidth == 8 { continue }
      guard type.isStruct, !CopiedStructs.containsUnion(type), step.operandCount == 2,
        step.operand(1).constantInt == nil
      else { return nil }
      if let known = found, known != type { return nil }
      found = type
    }
    return found
  }

  /// Zeroes `bytes` of `shadow` record by record, `period` bytes each, but for the `kept` bytes of
  /// each record; nothing when a record is all kept bytes.
  private func clearRecords(of shadow: Value, bytes: Value, period: Int, keeping kept: [Range<Int>]) {
    let gaps = Self.gaps(in: period, around: kept)
    guard !gaps.isEmpty else { return }
    let count = builder.udiv(bytes, Value.constInt(i64, Int64(period)))
    forEachIndex(below: count, loop: "memset.adjoint", index: "k") { k in
      let record = builder.mul(k, Value.constInt(i64, Int64(period)))
      for gap in gaps {
        let at =
          gap.lowerBound == 0 ? record : builder.add(record, Value.constInt(i64, Int64(gap.lowerBound)))
        clear(gap.count, bytesOf: shadow, at: at)
      }
    }
  }
}
