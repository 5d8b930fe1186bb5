// Copies between records of an array reached at run-time offsets, laid out by the offsets of all
// accesses modulo the records' size.
//
// Swift's in-place sort of `[Row]`, `struct Row { var values: [Double]; var weight: Double }`,
// inlined and simplified, swaps neighbours through `getelementptr i8, ptr %elements, i64 (j << 4)`:
// it loads the pointer and the weight of row j, copies row j-1 over it with a memcpy of 16 bytes,
// and stores both into row j-1. Its merge walks the rows with pointers that step by 16 bytes and
// reads only the weights. Neither side of such a copy is at a known offset, so nothing near the copy
// said which of the 16 bytes are the double: taken as the memory's first access (a pointer), the
// weights' adjoints stayed where the sort had moved the weights from (a gradient of [0, 0, 123] for
// [100, 20, 3], with no error); taken as doubles, the merge added the shadows' pointers up as
// numbers. Every access to the rows is at `start + 16 * k + field`, through byte offsets or pointers
// stepping in loops: the offsets modulo 16 say where the pointer and the double lie in each record,
// whichever record a copy moves.
import CLLVM
import LLVMBinding

extension CopiedStructs {
  /// A copy between places at run-time offsets of the same kind of records, as the
  /// loads, stores and typed `getelementptr`s of `blocks` lay out one period of them. Every pointer
  /// is an object plus a constant plus multiples of a stride (`StridedPlaces`); the copy's sides
  /// step by a common period (the record's size), so an access's offset modulo the period says
  /// which field it reads, whatever the index. Nil when no side steps, the sides start at different
  /// places in their records, an access of a pointer or floating-point value may be at any offset,
  /// two accesses read one place as different types, or some bytes of a record are neither
  /// accessed nor declared (they might be a value no one here reads).
  /// `swift`: a Swift function's, whose stack slots of pointers hold storage of one element type
  /// (`StridedPlaces(throughSlots:)`).
  static func periodicLayoutOfCopiedRange(
    _ call: Instruction, in blocks: [BasicBlock], module: Module, swift: Bool = false
  ) -> IRType? {
    guard call.arguments.count >= 3 else { return nil }
    let constantLength = call.arguments[2].constantInt.map { Int($0) }
    guard constantLength ?? 1 > 0 else { return nil }
    // A copy clang describes field by field, with fields it cannot type (a `std::function`'s
    // storage, a union of a lambda's captured double or reference): what other records' accesses
    // say of those bytes does not hold for this one.
    guard LLVMGetMetadata(call.ref, LLVMGetMDKindID("tbaa.struct", 11)) == nil else { return nil }
    // A stack slot of bytes that only copies of this length use (SROA's temporary for the slice of a
    // record from its padding on, `val = *last` in an insertion sort of `{int k; double v}`) holds
    // what the other side's records hold there: the other side alone says where the copy starts.
    var sides = [call.arguments[0], call.arguments[1]]
    if let length = constantLength {
      sides.removeAll { isCopySlot($0, length: length) }
      // Between two such slots (a heap's `value = std::move(tmp)`): as a copy of one of them from or
      // to records lays it out.
      if sides.isEmpty {
        for slot in [call.arguments[0], call.arguments[1]] {
          for user in slot.users {
            guard let other = user.asInstruction, other != call, other.isCall, other.arguments.count >= 3,
              other.arguments.prefix(2).contains(where: { $0 != slot && !isCopySlot($0, length: length) }),
              let layout = periodicLayoutOfCopiedRange(other, in: blocks, module: module, swift: swift)
            else { continue }
            return layout
          }
        }
        return nil
      }
    }
    guard
      let (period, start, fields) = periodicFields(
        of: sides[0], and: sides.last!, in: blocks, module: module, swift: swift)
    else { return nil }
    // A copy of run-time length (records moved up or down by one, to insert or remove one) moves
    // whole records from where it starts: one record as laid out from there, repeating.
    let length = constantLength ?? period
    var copied: [(Int, IRType)] = []
    for (at, leaf) in fields {
      var offset = ((at - start) % period + period) % period
      while offset + Int(module.storeSize(of: leaf)) <= length {
        copied.append((offset, leaf))
        offset += period
      }
    }
    return packedLayout(copied.sorted { $0.0 < $1.0 }, length: length, module: module)
  }

  /// Whether `pointer` is a stack slot of `length` bytes used only by copies of its whole length and
  /// lifetime markers.
  private static func isCopySlot(_ pointer: Value, length: Int) -> Bool {
    guard let slot = pointer.asInstruction, slot.opcode == LLVMAlloca, slot.allocatedType.isArray,
      slot.allocatedType.elementType.isInteger, slot.allocatedType.elementType.integerWidth == 8,
      slot.allocatedType.arrayLength == UInt64(length)
    else { return false }
    return slot.value.users.allSatisfy { user in
      guard let call = user.asInstruction, call.isCall, let name = call.calledFunction?.name else { return false }
      if name.hasPrefix("llvm.lifetime") { return true }
      return (name.hasPrefix("llvm.memcpy") || name.hasPrefix("llvm.memmove"))
        && call.arguments[2].constantInt == Int64(length)
    }
  }

  /// The pointer and floating-point fields of the records that `destination` and `source` (the sides
  /// of a copy) lie in, as `periodicLayoutOfCopiedRange` finds them: the records' size, where the
  /// sides start in a record, and the fields by their offset in a record (from the same origin as
  /// the start); nil when the accesses do not lay the records out.
  /// `places`: the places of `blocks`, when the caller has them. `undeclared`: records no typed
  /// step declares will do (the caller can live with a record unlike the others). `repeating`: a
  /// length the records repeat within, as well as every side's stride (a memset's length, the
  /// records it sets being whole).
  static func periodicFields(
    of destination: Value, and source: Value, in blocks: [BasicBlock], module: Module, swift: Bool,
    places known: StridedPlaces? = nil, undeclared: Bool = false, repeating: Int = 0
  ) -> (period: Int, start: Int, fields: [Int: IRType])? {
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    let places = known ?? StridedPlaces(blocks: blocks, dataLayout: dataLayout, throughSlots: swift)
    guard let destination = places.place(of: destination), let source = places.place(of: source) else {
      return nil
    }
    let sides = destination.merging(source) { $0.joined(with: $1) }
    // The sides' strides, and the distance between two exact sides in one object (a memmove
    // moving records by one to remove or insert one): records repeat at least that often.
    var period = sides.values.reduce(repeating) { gcd($0, $1.stride) }
    if sides.count == 1, destination.count == 1, source.count == 1, let to = destination.values.first,
      let from = source.values.first
    {
      period = gcd(period, abs(to.constant - from.constant))
    }
    guard period > 1 else { return nil }
    let starts = Set(sides.values.map { $0.residue(modulo: period) })
    guard starts.count == 1, let start = starts.first else { return nil }

    var fields: [Int: IRType] = [:]
    var declaredStep = false
    var covered = Set<Int>()
    /// Records `type` (its pointer and floating-point leaves; its bytes as covered) at `place`, a
    /// record declaration repeating every `size` bytes when `size` is given; false when the place
    /// may be anywhere in a record or disagrees with what is known.
    func record(_ type: IRType, at place: [Value: StridedPlaces.Offset], repeatingEvery size: Int?) -> Bool {
      let typeLeaves = periodicLeaves(of: type, module: module)
      let bytes = size ?? Int(module.storeSize(of: type))
      for (object, offset) in place {
        guard let side = sides[object] else { continue }
        // Run-time indices count from 0: a place below the lowest side is the object's header (a
        // Swift array's metadata and counts), not a record.
        if offset.stride == 0, offset.constant < side.constant { continue }
        guard offset.stride % period == 0 else { return typeLeaves.isEmpty }
        let base = offset.residue(modulo: period)
        for copy in 0..<(size.map { max(1, period / $0) } ?? 1) {
          let shift = base + copy * bytes
          for (inner, leaf) in typeLeaves {
            let at = (shift + inner) % period
            guard at + Int(module.storeSize(of: leaf)) <= period else { return false }
            if let known = fields[at], known != leaf { return false }
            fields[at] = leaf
          }
          for byte in 0..<min(bytes, period) { covered.insert((shift + byte) % period) }
        }
      }
      return true
    }
    for instruction in blocks.flatMap(\.instructions) {
      switch instruction.opcode {
      case LLVMLoad, LLVMStore:
        guard let access = MemoryWrites.access(by: instruction) else { continue }
        guard let place = places.place(of: access.pointer) else {
          // A pointer into too many objects to follow may reach the records.
          if periodicLeaves(of: access.type, module: module).isEmpty { continue }
          return nil
        }
        guard record(access.type, at: place, repeatingEvery: nil) else { return nil }
      case LLVMGetElementPtr:
        // A typed step over records declares all of a record, fields no one here reads included.
        let declared = instruction.gepSourceElementType
        guard declared.isStruct, instruction.operands.dropFirst().first?.constantInt == nil,
          let place = places.place(of: instruction.operand(0))
        else { continue }
        // Records declared with a union (clang's `union.…`: a `std::function`'s storage, a lambda's
        // captured double in one record, a reference in the next) differ from record to record:
        // what some say of those bytes does not hold for the others.
        if Self.containsUnion(declared), place.keys.contains(where: { sides[$0] != nil }) { return nil }
        if place.keys.contains(where: { sides[$0] != nil }) { declaredStep = true }
        // The step's variable index: records at multiples of their size from the base.
        let size = Int(module.allocSize(of: declared))
        let stepped = place.mapValues {
          StridedPlaces.Offset(constant: $0.constant, stride: gcd($0.stride, size))
        }
        guard record(declared, at: stepped, repeatingEvery: size) else {
          return nil
        }
      default:
        continue
      }
    }
    guard !fields.isEmpty, covered.count == period else { return nil }
    // Outside Swift (whose arrays hold one element type), only records a typed step declares: C++
    // records of one type may hold different things (a `std::function`'s storage, a lambda's
    // captured double in one, a reference in the next), which no access here may show.
    guard swift || declaredStep || undeclared else { return nil }
    return (period, start, fields)
  }

  /// The pointers and floating-point values an access of `type` reads or writes, at their offsets in
  /// it (vectors as their elements); none for integers.
  static func periodicLeaves(of type: IRType, module: Module) -> [(Int, IRType)] {
    let leaves =
      MemoryTypes.floatLeaves(of: type, module: module) + MemoryTypes.pointerLeaves(of: type, module: module)
    return leaves.flatMap { offset, leaf -> [(Int, IRType)] in
      guard leaf.isVector else { return [(Int(offset), leaf)] }
      let width = Int(module.allocSize(of: leaf.elementType))
      return (0..<Int(leaf.vectorSize)).map { (Int(offset) + $0 * width, leaf.elementType) }
    }
  }
}
