// Reverse mode: what a caller says of the memory that the pointers in a callee's memory point to.
//
// A container's helper moves its elements without reading them: `std::vector<std::function<…>>`
// growing moves each element's storage (a lambda's captured double) with a 16-byte copy from the old
// array, which the helper reaches only through the vector's `begin` pointer. Nothing in the helper
// says what those bytes are, and taken for the pointers beside them, the double's adjoint stayed in
// the new array (the gradient was silently 0). The caller calls the lambdas through that pointer: its
// accesses through the pointers it loads from the vector say what one element holds. The hint is
// one record of that memory, keyed by where the pointer lies in the parameter's memory, and read at a
// copy's position in its record (a loop's pointer moving through the array by whole records).
import CLLVM
import LLVMBinding

extension GradientEmitter {
  /// The pointee hints for a call's `arguments`: per argument, by the byte offset (from the address
  /// passed) of a pointer this function loads from or stores into the argument's memory, the layout
  /// of one record of the memory the pointer points to as this function's accesses through it show
  /// it, when it holds floating-point values or pointers; the hints this function was given for its
  /// own parameter, moved to the argument's offset, where it has none of its own.
  func pointeeHints(for arguments: [Value]) -> [[Int: MemoryTypes.AgreedLayout]] {
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    return arguments.map { argument -> [Int: MemoryTypes.AgreedLayout] in
      guard argument.type.isPointer,
        case (let object, let start?) = CopiedBytes.base(of: argument, dataLayout)
      else { return [:] }
      var hints: [Int: MemoryTypes.AgreedLayout] = [:]
      for (offset, pointers) in heldPointers[object] ?? [:] where offset >= start {
        let record = MemoryTypes.agreedLayout(reachedBy: pointers, in: original, module: module)
        guard record.layout.map({ $0.containsFloatingPoint || $0.containsPointer }) ?? !record.mixed.isEmpty
        else { continue }
        hints[offset - start] = record
      }
      // Given for the parameter the argument points into: passed on, where this function says nothing.
      let given = derivative.signature.pointeeHints
      if let parameter = original.parameters.firstIndex(of: MemoryTypes.spilledArgument(object) ?? object),
        parameter < given.count
      {
        for (offset, record) in given[parameter] where offset >= start && hints[offset - start] == nil {
          hints[offset - start] = record
        }
      }
      return hints
    }
  }

  /// The pointers the function loads from, or stores into, an object at constant offsets, by object
  /// and offset, each with the loop pointers that move from it (`heldPointers`). A stored pointer
  /// counts as the loaded one does: `emplace(piecewise_construct, …, forward_as_tuple(S{…}))` hands
  /// the helper a tuple the caller stored the record's address into, and the helper copies the
  /// record from the address it loads there.
  func collectHeldPointers() -> [Value: [Int: [Value]]] {
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    var found: [Value: [Int: [Value]]] = [:]
    var stored: [Value: [Int: [Value]]] = [:]
    for access in blocks.lazy.flatMap(\.instructions) {
      let held: Value
      let place: Value
      if access.opcode == LLVMLoad, access.type.isPointer {
        (held, place) = (access.value, access.operand(0))
      } else if access.opcode == LLVMStore, access.operand(0).type.isPointer {
        (held, place) = (access.operand(0), access.operand(1))
      } else {
        continue
      }
      guard case (let object, let offset?) = CopiedBytes.base(of: place, dataLayout) else { continue }
      if access.opcode == LLVMLoad {
        found[object, default: [:]][offset, default: []] += [held] + movingPointers(from: held)
      } else {
        stored[object, default: [:]][offset, default: []].append(held)
      }
    }
    // What the function reads back through a place says more than what it put there (a
    // `std::function`'s storage holds the lambda's address for the manager, the lambda's captures
    // for the invoker).
    for (object, places) in stored {
      for (offset, pointers) in places where found[object]?[offset] == nil {
        found[object, default: [:]][offset] = pointers
      }
    }
    return found
  }

  /// The bytes a memcpy `call` copies as a caller's pointee hint lays them out (the record seen
  /// from the copy's position in it, cut to its length), when nothing in the function accesses
  /// them; both sides, when both have hints, must agree.
  func pointeeHintedLayoutOfCopiedRange(_ call: Instruction) -> IRType? {
    guard derivative.signature.pointeeHints.contains(where: { !$0.isEmpty }) else { return nil }
    return layoutOfCopiedRange(call) { side in
      guard let hint = pointeeHint(at: side), let record = hint.record else { return nil }
      return (record, hint.position)
    }
  }

  /// The record a pointee hint describes for the memory `place` points into, and `place`'s position
  /// in one record: `place` lies at a constant offset from a pointer loaded from a parameter's
  /// memory at a constant offset, or from a loop's pointer that starts there and moves by constant
  /// steps (the record is then the hint folded to the steps' period, its fields agreeing there).
  private func pointeeHint(at place: Value, local: Bool = false) -> (
    record: IRType?, position: Int, mixed: [Int]
  )? {
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    guard case (var start, var offset?) = CopiedBytes.base(of: place, dataLayout) else { return nil }
    var period = 0
    if let phi = start.asInstruction, phi.opcode == LLVMPHI {
      // A loop's moving pointer: each incoming value is the phi stepped by a constant, or one start.
      var entry: Value?
      for incoming in phi.incoming {
        let (from, step) = CopiedBytes.base(of: incoming.value, dataLayout)
        if from == start {
          guard let step, step != 0 else { return nil }
          period = greatestCommonDivisor(period, step)
          continue
        }
        guard entry == nil || entry == incoming.value else { return nil }
        entry = incoming.value
      }
      guard let entry, case (let inner, let extra?) = CopiedBytes.base(of: entry, dataLayout) else {
        return nil
      }
      start = inner
      offset += extra
    }
    // An address loaded as an integer (instcombine copies a tuple of references as `i64`s).
    if let cast = start.asInstruction, cast.opcode == LLVMIntToPtr { start = cast.operand(0) }
    guard let load = start.asInstruction, load.opcode == LLVMLoad,
      case (let holder, let at?) = CopiedBytes.base(of: load.operand(0), dataLayout)
    else { return nil }
    guard let parameter = original.parameters.firstIndex(of: MemoryTypes.spilledArgument(holder) ?? holder),
      parameter < derivative.signature.pointeeHints.count,
      let hint = derivative.signature.pointeeHints[parameter][at]
    else {
      // No caller's word: this function's own loops over the same memory, as an array of records.
      guard local, let record = localRecord(holder: holder, at: at) else { return nil }
      let size = Int(module.allocSize(of: record))
      guard period % size == 0 else { return nil }
      return (record, (offset % size + size) % size, [])
    }
    guard period > 0 else { return offset >= 0 ? (hint.layout, offset, hint.mixed) : nil }
    let position = (offset % period + period) % period
    guard let layout = hint.layout else { return (nil, position, hint.mixed.map { $0 % period }) }
    let folded = fold(layout, to: period)
    return (folded.record, position, hint.mixed.map { $0 % period } + folded.mixed)
  }

  /// `layout`'s floating-point and pointer leaves folded to one period (every leaf at its offset
  /// modulo the period), as a record of the period's length when they all agree; otherwise no
  /// record, and the offsets where one record's pointer meets another's floating-point value.
  private func fold(_ layout: IRType, to period: Int) -> (record: IRType?, mixed: [Int]) {
    var fields: [Int: IRType] = [:]
    var mixed: [Int] = []
    var agreed = true
    let leaves =
      MemoryTypes.floatLeaves(of: layout, module: module)
      + MemoryTypes.pointerLeaves(of: layout, module: module)
    for (leafOffset, leaf) in leaves {
      let folded = Int(leafOffset) % period
      guard folded + Int(module.storeSize(of: leaf)) <= period else { return (nil, mixed) }
      if let known = fields[folded], known != leaf {
        if known.isPointer != leaf.isPointer { mixed.append(folded) }
        agreed = false
      }
      fields[folded] = leaf
    }
    guard agreed else { return (nil, mixed) }
    let record = CopiedStructs.packedLayout(
      fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, length: period, module: module)
    return (record, mixed)
  }

  /// The record the memory a pointer held at `at` in `holder` points to is an array of, as this
  /// function's loops over it show it: the loop pointers moving from the loads of that place by
  /// constant steps, and the accesses through them and through the loads, folded to the steps'
  /// period; only a record holding pointers beside floating-point values, which the accesses to one
  /// copy's bytes cannot tell apart.
  private func localRecord(holder: Value, at: Int) -> IRType? {
    guard let pointers = heldPointers[holder]?[at] else { return nil }
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    var period = 0
    for pointer in pointers {
      guard let phi = pointer.asInstruction, phi.opcode == LLVMPHI else { continue }
      for incoming in phi.incoming {
        if case (let from, let step?) = CopiedBytes.base(of: incoming.value, dataLayout), from == phi.value {
          period = greatestCommonDivisor(period, step)
        }
      }
    }
    guard period > 0,
      let layout = MemoryTypes.agreedLayout(reachedBy: pointers, in: original, module: module).layout,
      let record = fold(layout, to: period).record, record.containsPointer, record.containsFloatingPoint
    else { return nil }
    return record
  }

  /// A copy of run-time length that starts at a record's start (`v.erase(v.begin() + 2)` moving a
  /// vector's records down with one memmove from a load of `begin`), as the record that this
  /// function's loops over the same memory show (`localRecord`: the range-for reading the records
  /// loads `begin` again), when it holds pointers beside floating-point values. nil for copies of
  /// constant length, whose bytes the accesses to them say more of.
  func localRecordOfVariableCopy(_ call: Instruction) -> IRType? {
    guard call.arguments[2].constantInt == nil else { return nil }
    var found: IRType?
    for side in call.arguments.prefix(2) {
      guard let hint = pointeeHint(at: side, local: true), let record = hint.record else { continue }
      guard hint.position == 0, record.containsPointer, record.containsFloatingPoint,
        found == nil || found == record
      else { return nil }
      found = record
    }
    return found
  }

  /// What a caller's pointee hint says the `size` bytes at `place` hold: pointers, floating-point
  /// values, or both; nil without a hint there (or one whose records disagree). A growing
  /// `std::vector` of records holding two `std::unique_ptr<double[]>` moves each pointer as an
  /// `i64`, and only the first is written as a pointer in the helper (nulled after the move): the
  /// second's shadow stayed behind, and the reverse sweep followed the new element's null shadow (a
  /// crash). The caller reads both pointers through the elements it loads from the vector.
  func pointeeHintedEvidence(at place: Value, size: Int) -> (pointer: Bool, float: Bool)? {
    guard derivative.signature.pointeeHints.contains(where: { !$0.isEmpty }),
      let hint = pointeeHint(at: place), let record = hint.record
    else { return nil }
    let found = CopiedBytes.leafEvidence(
      of: record, from: hint.position, size: size, dataLayout: LLVMGetModuleDataLayout(module.ref)!)
    return found.pointer || found.float ? found : nil
  }

  /// Whether a pointee hint says that some of the bytes the memcpy `call` copies hold a pointer in
  /// some records and a floating-point value in others: no one layout of the copy is right.
  func pointeeHintSaysMixed(_ call: Instruction) -> Bool {
    guard derivative.signature.pointeeHints.contains(where: { !$0.isEmpty }),
      let length = call.arguments[2].constantInt.map({ Int($0) }), length > 0
    else { return false }
    return call.arguments.prefix(2).contains { side in
      guard let (_, position, mixed) = pointeeHint(at: side) else { return false }
      return mixed.contains { $0 >= position && $0 < position + length }
    }
  }

  /// The loop pointers that start at `pointer` and move from there by constant steps (a range-for
  /// over a vector's elements): a phi whose other incoming values are itself stepped. Seen from
  /// one, the accesses lie in the record it is at, as they do from the start.
  private func movingPointers(from pointer: Value) -> [Value] {
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    return pointer.users.compactMap { user -> Value? in
      guard let phi = user.asInstruction, phi.opcode == LLVMPHI,
        phi.incoming.allSatisfy({ incoming in
          incoming.value == pointer || CopiedBytes.base(of: incoming.value, dataLayout).0 == phi.value
        })
      else { return nil }
      return phi.value
    }
  }

  private func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
    b == 0 ? abs(a) : greatestCommonDivisor(b, a % b)
  }
}
