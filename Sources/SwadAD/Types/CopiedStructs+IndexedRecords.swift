// The records a function indexes memory by, laid over a copy of that memory.
//
// A copy's own constant-offset accesses may lay out one record of several: unoptimized C or C++
// growing an array of `{int id; const double *src; double gain}` (by hand with malloc and memcpy,
// or a std::vector relocating by memmove) stores the new record by field and reads all of them in a
// loop by index. The loop says what every record holds: an element type it indexes by
// (`getelementptr %struct.Channel, ptr %c, i64 %i`), or a byte index stepping by the record's size
// with the fields at constant offsets from it.
import CLLVM
import LLVMBinding

extension CopiedStructs {
  /// The copied bytes as the records the function indexes the copy's memory by lay them out, the
  /// records repeating over the copy from where it starts in the object; nil when the sides' objects
  /// are indexed by no record, or by records that disagree, or the sides start at different places.
  /// A copy of run-time length (a std::vector relocating its records with one memmove) that starts
  /// at a record's start is laid out as one record, which repeats over it.
  static func indexedLayoutOfCopiedRange(_ call: Instruction, module: Module) -> IRType? {
    guard call.arguments.count >= 3 else { return nil }
    let length = call.arguments[2].constantInt.map { Int($0) }
    guard length ?? 1 > 0 else { return nil }
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    var records: Set<IndexedRecord> = []
    var starts: Set<Int> = []
    for side in call.arguments.prefix(2) {
      guard case (let object, let start?) = CopiedBytes.base(of: side, dataLayout) else { continue }
      let found = indexedRecords(of: object, module: module)
      guard !found.isEmpty else { continue }
      records.formUnion(found)
      starts.insert(start)
    }
    guard records.count == 1, let record = records.first, starts.count == 1, let start = starts.first else {
      return nil
    }
    guard let length else {
      guard start % record.size == 0 else { return nil }
      return packedLayout(record.fields.map { ($0.offset, $0.type) }, length: record.size, module: module)
    }
    var fields: [(Int, IRType)] = []
    var base = start / record.size * record.size
    while base < start + length {
      for field in record.fields {
        let at = base + field.offset - start
        if at >= 0, at + Int(module.storeSize(of: field.type)) <= length { fields.append((at, field.type)) }
      }
      base += record.size
    }
    return packedLayout(fields.sorted { $0.0 < $1.0 }, length: length, module: module)
  }

  /// One record of an array: its size and its floating-point and pointer fields at their offsets.
  private struct IndexedRecord: Hashable {
    var size: Int
    var fields: [Field]
    struct Field: Hashable {
      var offset: Int
      var type: IRType
    }
  }

  /// The records `object` is indexed by: an element type a `getelementptr` with one variable index
  /// on it (or one index on a loop's pointer starting at it) steps through, or a byte index on it
  /// that a loop steps from 0 by a constant, with the fields the function reads and writes at
  /// constant offsets from there. Only records that hold floating-point values or pointers count.
  private static func indexedRecords(of object: Value, module: Module) -> Set<IndexedRecord> {
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    var found: Set<IndexedRecord> = []
    for (gep, element) in indexingSteps(of: object) {
      if element.isStruct || element.isArray {
        let leaves =
          MemoryTypes.floatLeaves(of: element, module: module)
          + MemoryTypes.pointerLeaves(of: element, module: module)
        guard !leaves.isEmpty else { continue }
        found.insert(
          IndexedRecord(
            size: Int(module.allocSize(of: element)),
            fields: leaves.sorted { $0.0 < $1.0 }.map { IndexedRecord.Field(offset: Int($0.0), type: $0.1) }
          ))
      } else if gep.operand(0) == object, element.isInteger, element.integerWidth == 8,
        let size = stepFromZero(of: gep.operand(1)), size > 0,
        let fields = fieldsAtConstantOffsets(from: gep.value, below: size, dataLayout: dataLayout)
      {
        found.insert(IndexedRecord(size: size, fields: fields))
      }
    }
    return found
  }

  /// The `getelementptr`s that step through `object` by one index, with the element type they step
  /// by: a variable index on `object` itself, or any one index on a loop's pointer that starts at it.
  static func indexingSteps(of object: Value) -> [(gep: Instruction, element: IRType)] {
    let loopPointers = object.users.compactMap { user -> Value? in
      guard let phi = user.asInstruction, phi.opcode == LLVMPHI else { return nil }
      return phi.value
    }
    var steps: [(gep: Instruction, element: IRType)] = []
    for (base, stepped) in [(object, false)] + loopPointers.map({ ($0, true) }) {
      for user in base.users {
        guard let gep = user.asInstruction, gep.opcode == LLVMGetElementPtr, gep.operand(0) == base,
          gep.operandCount == 2, stepped || gep.operand(1).constantInt == nil
        else { continue }
        steps.append((gep, gep.gepSourceElementType))
      }
    }
    return steps
  }

  /// The constant step of an induction that starts at 0 (`i = phi [0, entry], [i + step, loop]`).
  private static func stepFromZero(of index: Value) -> Int? {
    guard let phi = index.asInstruction, phi.opcode == LLVMPHI else { return nil }
    var step: Int?
    for incoming in phi.incoming {
      if let start = incoming.value.constantInt {
        guard start == 0 else { return nil }
        continue
      }
      guard let add = incoming.value.asInstruction, add.opcode == LLVMAdd, add.operand(0) == phi.value,
        let constant = add.operand(1).constantInt, step == nil || step == Int(constant)
      else { return nil }
      step = Int(constant)
    }
    return step
  }

  /// The floating-point and pointer loads and stores at constant offsets from `pointer` (through
  /// constant `getelementptr`s), all below `size` and agreeing; nil when none, or when they do not.
  private static func fieldsAtConstantOffsets(
    from pointer: Value, below size: Int, dataLayout: LLVMTargetDataRef
  )
    -> [IndexedRecord.Field]?
  {
    var fields: [Int: IRType] = [:]
    var work: [(Value, Int)] = [(pointer, 0)]
    while let (value, offset) = work.popLast() {
      for user in value.users {
        guard let instruction = user.asInstruction else { continue }
        switch instruction.opcode {
        case LLVMGetElementPtr where instruction.operand(0) == value:
          guard let bytes = StackSlots.constantOffset(of: instruction, dataLayout) else { continue }
          work.append((instruction.value, offset + bytes))
        case LLVMLoad, LLVMStore:
          guard let access = MemoryWrites.access(by: instruction), access.pointer == value,
            access.type.isPointer || access.type.isFloatingPoint
          else { continue }
          guard offset >= 0, offset + Int(LLVMStoreSizeOfType(dataLayout, access.type.ref)) <= size else {
            return nil
          }
          if let known = fields[offset], known != access.type { return nil }
          fields[offset] = access.type
        default:
          continue
        }
      }
    }
    guard !fields.isEmpty else { return nil }
    return fields.sorted { $0.key < $1.key }.map { IndexedRecord.Field(offset: $0.key, type: $0.value) }
  }
}
