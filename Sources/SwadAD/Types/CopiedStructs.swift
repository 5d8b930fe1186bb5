// What a memcpy of a struct moves, as clang describes it on the call (`!tbaa.struct`).
import CLLVM
import LLVMBinding

/// clang marks a struct's copy (`*dst = *src`, a move constructor) with `!tbaa.struct`: the offset,
/// size and type of every field it copies. That describes this one copy, where the memory's other
/// accesses may not: a `std::variant<Gauss, Poly, double>` moving its `Gauss` ({double, double})
/// inside storage that other accesses read as a `Poly`'s pointers. Taken from those, the copy's
/// doubles counted as pointers, their adjoints were never moved back, and the gradient through the
/// moved value was silently 0.
enum CopiedStructs {
  /// The fields `call` (a memcpy or memmove of a constant length) copies, as a packed struct of
  /// doubles, floats, pointers and bytes; nil without `!tbaa.struct`, or when a field it describes
  /// straddles the copy's end.
  static func type(of call: Instruction, module: Module) -> IRType? {
    guard call.arguments.count >= 3, let length = call.arguments[2].constantInt, length > 0,
      let node = LLVMGetMetadata(call.ref, LLVMGetMDKindID("tbaa.struct", 11))
    else { return nil }
    let operands = MetadataOperands.of(node)
    guard operands.count % 3 == 0, !operands.isEmpty else { return nil }
    let context = module.context
    var elements: [IRType] = []
    var end: Int64 = 0
    var sawValue = false
    for index in stride(from: 0, to: operands.count, by: 3) {
      guard let offsetValue = operands[index], let sizeValue = operands[index + 1],
        LLVMIsAConstantInt(offsetValue) != nil, LLVMIsAConstantInt(sizeValue) != nil
      else { return nil }
      let offset = Int64(LLVMConstIntGetZExtValue(offsetValue))
      let size = Int64(LLVMConstIntGetZExtValue(sizeValue))
      guard offset >= end, size > 0 else { return nil }
      // SROA cuts a record's copy into pieces and shifts the tag, keeping the fields past a piece's
      // end (the 15 bytes of `{char c; double w; int k}` after `c` are tagged with `w` at 7 and `k`
      // at 15): they are not copied.
      if offset >= length { break }
      if offset > end { elements.append(.array(of: .int(8, in: context), count: UInt64(offset - end))) }
      // A field the tag cannot type (clang describes arrays, unions, complex numbers and vectors
      // as "omnipotent char"): the copy's bytes there could be anything, so the tag says too little.
      guard let field = fieldType(tag: operands[index + 2], size: size, context: context) else { return nil }
      sawValue = sawValue || field.isPointer || field.isFloatingPoint
      elements.append(field)
      end = offset + size
    }
    guard end <= length, sawValue else { return nil }
    if end < length { elements.append(.array(of: .int(8, in: context), count: UInt64(length - end))) }
    return .structure(elements, in: context, packed: true)
  }

  /// How `blocks` access the bytes the copy `call` moves, in its destination and its source, at
  /// the offsets of each object the copy covers: with pointers, with floating-point values (and
  /// their type, when they have one), and whether one offset of one object is both (a union, a `std::variant`'s
  /// storage: nothing else in such a copy says which its bytes are). Unlike the memory's first
  /// access, which `MemoryTypes.accessedType` takes, this reads only the copied range: a
  /// `memcpy(layer->bias, x, 16)` into `{double *w; double bias[2]}` copies doubles, and taken as
  /// the struct's first field, a pointer, the adjoints were not moved back (silently 0).
  static func accessesInCopiedRange(_ call: Instruction, in blocks: [BasicBlock], module: Module)
    -> (pointer: Bool, floats: Bool, float: IRType?, conflict: Bool)
  {
    let fields = fieldsInCopiedRange(call, in: blocks, module: module)
    var kinds: [Value: [Int: (pointer: Bool, float: Bool)]] = [:]
    var pointer = false
    var float: IRType?
    var mixedWidths = false
    for field in fields {
      var kind = kinds[field.object, default: [:]][field.absolute] ?? (false, false)
      if field.type.isPointer {
        kind.pointer = true
        pointer = true
      } else {
        kind.float = true
        if let known = float, known != field.type { mixedWidths = true }
        float = float ?? field.type
      }
      kinds[field.object, default: [:]][field.absolute] = kind
    }
    let conflict = kinds.values.contains { $0.values.contains { $0.pointer && $0.float } }
    // Doubles and floats in one range: no one element type describes it.
    return (pointer, float != nil, mixedWidths ? nil : float, conflict)
  }

  /// The copied bytes as the declared type of the memory lays them out (`CopiedBytes.declaredType`:
  /// a stack slot's type, the struct a `getelementptr` indexes), relative to the start of the copy:
  /// a packed struct of its floating-point and pointer leaves, bytes between, as long as the copy
  /// (the type repeating, as in an array of it, when the copy is longer). nil when neither side
  /// declares anything but bytes there, or the two sides disagree. A record
  /// `{double u; int level; double w; char tag; double f}` copied through a temporary SROA had cut
  /// at `level` (the 28 bytes from its padding on, a generic sort's `t = c[i]`) has its doubles 4,
  /// 20 bytes in; moved as doubles from the start, their adjoints were lost (silently wrong).
  static func declaredLayoutOfCopiedRange(_ call: Instruction, module: Module) -> IRType? {
    if let found = declaredLayoutOfSides(call, module: module) { return found }
    // A side that is a stack slot of bytes (SROA's temporary for the slice of a record, `t = c[i]`
    // in an insertion sort) holds what other copies of the same length put into it or take out.
    guard let length = call.arguments[2].constantInt else { return nil }
    for pointer in call.arguments.prefix(2) {
      guard let slot = pointer.asInstruction, slot.opcode == LLVMAlloca, slot.allocatedType.isArray,
        slot.allocatedType.elementType.isInteger, slot.allocatedType.elementType.integerWidth == 8
      else { continue }
      for user in slot.value.users {
        guard let other = user.asInstruction, other != call, other.isCall,
          let callee = other.calledFunction,
          callee.name.hasPrefix("llvm.memcpy") || callee.name.hasPrefix("llvm.memmove"),
          other.arguments[2].constantInt == length, other.arguments.prefix(2).contains(slot.value),
          let layout = declaredLayoutOfSides(other, module: module)
        else { continue }
        return layout
      }
    }
    return nil
  }

  /// `declaredLayoutOfCopiedRange` from the declared types of the copy's own two sides.
  /// A copy of run-time length (a std::vector's records moved up by one with a memmove in an
  /// insertion sort) whose sides start where a declared record starts is laid out as that record,
  /// which repeats over it.
  private static func declaredLayoutOfSides(_ call: Instruction, module: Module) -> IRType? {
    guard call.arguments.count >= 3 else { return nil }
    let constantLength = call.arguments[2].constantInt.map { Int($0) }
    guard constantLength ?? 1 > 0 else { return nil }
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    var found: [(Int, IRType)]?
    var recordSize: Int?
    for pointer in call.arguments.prefix(2) {
      guard let declared = CopiedBytes.declaredType(at: pointer, dataLayout), !declared.indexesBytes else {
        continue
      }
      let (type, start) = CopiedBytes.elementPosition(declared.type, at: declared.offset, dataLayout)
      let size = Int(module.allocSize(of: type))
      guard size > 0 else { continue }
      let leaves =
        (MemoryTypes.floatLeaves(of: type, module: module)
        + MemoryTypes.pointerLeaves(of: type, module: module))
        .flatMap { offset, leaf -> [(Int, IRType)] in
          guard leaf.isVector else { return [(Int(offset), leaf)] }
          let width = Int(module.allocSize(of: leaf.elementType))
          return (0..<Int(leaf.vectorSize)).map { (Int(offset) + $0 * width, leaf.elementType) }
        }
      if constantLength == nil {
        // The record itself, from a side at its start.
        guard start == 0, !leaves.isEmpty, recordSize == nil || recordSize == size else { continue }
        recordSize = size
      }
      let length = constantLength ?? size
      var inRange: [(Int, IRType)] = []
      for copy in (start / size)...((start + length - 1) / size) {
        for (offset, leaf) in leaves {
          let at = copy * size + offset
          if at >= start, at + Int(module.storeSize(of: leaf)) <= start + length {
            inRange.append((at - start, leaf))
          }
        }
      }
      inRange.sort { $0.0 < $1.0 }
      guard !inRange.isEmpty else { continue }
      if let earlier = found, earlier.map({ "\($0.0) \($0.1)" }) != inRange.map({ "\($0.0) \($0.1)" }) {
        return nil
      }
      found = inRange
    }
    guard let found, let length = constantLength ?? recordSize else { return nil }
    return packedLayout(found, length: length, module: module)
  }

  /// The copied bytes as the records the function stores into and loads from the copy's memory lay
  /// them out, when all agree: each pointer the accesses go through, with the constant offsets from
  /// it, is one record (a pointer at 0, a double at 8), wherever in the memory it lies. For a copy
  /// whose position nothing else tells (a growing `std::vector<std::pair<const double *, double>>`
  /// moving each element with a 16-byte memcpy, its new element stored at the old size in bytes):
  /// taken from the memory's first access, the copy was a double's, the pointer's shadow stayed
  /// behind, and the reverse sweep followed a null shadow (a crash). nil when the records disagree,
  /// or do not end where the copy does.
  static func recordLayoutOfCopiedRange(_ call: Instruction, in blocks: [BasicBlock], module: Module)
    -> IRType?
  {
    guard call.arguments.count >= 3, let length = call.arguments[2].constantInt.map({ Int($0) }), length > 0
    else { return nil }
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    let objects = Set(call.arguments.prefix(2).map { MemoryWrites.underlyingObject($0) })
    var records: [Value: [Int: IRType]] = [:]
    for instruction in blocks.lazy.flatMap(\.instructions) where instruction != call {
      guard instruction.opcode == LLVMLoad || instruction.opcode == LLVMStore,
        let access = MemoryWrites.access(by: instruction),
        access.type.isPointer || access.type.isFloatingPoint,
        objects.contains(MemoryWrites.underlyingObject(access.pointer))
      else { continue }
      // The record: the pointer the access reaches through constant offsets only.
      var record = access.pointer
      var offset = 0
      while let gep = record.asInstruction, gep.opcode == LLVMGetElementPtr,
        let bytes = StackSlots.constantOffset(of: gep, dataLayout)
      {
        offset += bytes
        record = gep.operand(0)
      }
      if let known = records[record]?[offset], known != access.type { return nil }
      records[record, default: [:]][offset] = access.type
    }
    // The records must be what the copy moves: as long as it (an array's elements, one double each,
    // are records too, but a copy of several of them moves more than one).
    guard let shape = records.values.first, records.values.allSatisfy({ $0 == shape }),
      shape.map({ $0.key + Int(module.allocSize(of: $0.value)) }).max() == length
    else { return nil }
    return packedLayout(
      shape.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, length: length, module: module)
  }

  /// Whether the floating-point values the accesses of `blocks` show in the bytes `call` copies lie
  /// at multiples of their size from the copy's start, as in a range of doubles. A slice SROA cut
  /// out of a struct where padding begins (`{double u; int level; double w}` split after `level`:
  /// 4 bytes of padding, then `w`) does not, and moved as doubles from its start, the slice's
  /// adjoint was taken from the padding and `w`'s was lost (silently wrong).
  static func floatsAlignedInCopiedRange(_ call: Instruction, in blocks: [BasicBlock], module: Module) -> Bool
  {
    fieldsInCopiedRange(call, in: blocks, module: module).allSatisfy { field in
      field.type.isPointer || field.relative % max(1, Int(module.storeSize(of: field.type))) == 0
    }
  }

  /// The copied bytes as the accesses of `blocks` lay them out, relative to the start of the copy
  /// (the destination's and the source's accesses alike): a packed struct of the pointers and
  /// floating-point values at their offsets, bytes between, as long as the copy's length; nil when
  /// the accesses disagree (an offset read as a pointer and as a double, fields that overlap) or say
  /// nothing. A record `{const char *name; double mass}` moved within an array by a `memcpy` of 16
  /// bytes (a generic container's swap-remove) is a pointer, then a double: taken as the memory's
  /// first field, a pointer, its adjoint did not move back (the gradient was silently wrong).
  static func layoutOfCopiedRange(_ call: Instruction, in blocks: [BasicBlock], module: Module) -> IRType? {
    guard let length = call.arguments[2].constantInt.map({ Int($0) }), length > 0 else { return nil }
    var byOffset: [Int: IRType] = [:]
    for field in fieldsInCopiedRange(call, in: blocks, module: module) {
      if let known = byOffset[field.relative], known != field.type { return nil }
      byOffset[field.relative] = field.type
    }
    guard !byOffset.isEmpty else { return nil }
    return packedLayout(
      byOffset.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, length: length, module: module)
  }

  /// `fields` (offsets from the copy's start, in increasing order) as a packed struct as long as the
  /// copy, bytes in the gaps; nil when fields overlap or one runs past `length`. A field spans its
  /// allocation size, as in any LLVM struct: a `long double` stores 10 bytes but takes 16, and
  /// counted as 10 the padding after it made each record 22 bytes long (every adjoint of a moved
  /// record was lost, silently).
  static func packedLayout(_ fields: [(Int, IRType)], length: Int, module: Module) -> IRType? {
    let context = module.context
    var elements: [IRType] = []
    var end = 0
    for (offset, type) in fields {
      let size = Int(module.allocSize(of: type))
      guard offset >= end, offset + size <= length else { return nil }
      if offset > end { elements.append(.array(of: .int(8, in: context), count: UInt64(offset - end))) }
      elements.append(type)
      end = offset + size
    }
    if end < length { elements.append(.array(of: .int(8, in: context), count: UInt64(length - end))) }
    return .structure(elements, in: context, packed: true)
  }

  /// The pointer and floating-point accesses of `blocks` at constant offsets inside the bytes `call`
  /// (a memcpy or memmove of a constant length) copies, in its destination or its source: the object,
  /// the offset there and the offset from the copy's start; a vector access as its elements.
  private static func fieldsInCopiedRange(_ call: Instruction, in blocks: [BasicBlock], module: Module)
    -> [(object: Value, absolute: Int, relative: Int, type: IRType)]
  {
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    // A constant length may still be negative or zero on a path never taken (a loop's copy of
    // `count - 1` elements, specialized for a count of 0).
    guard call.arguments.count >= 3, let length = call.arguments[2].constantInt.map({ Int($0) }), length > 0
    else { return [] }
    // Each side's object and the window of it the copy covers (two when the copy moves bytes within
    // one object), with the offset there of the copy's first byte.
    var windows: [Value: [Window]] = [:]
    for pointer in call.arguments.prefix(2) {
      let (object, offset) = CopiedBytes.base(of: pointer, dataLayout)
      guard let offset else { continue }
      add(Window(bytes: offset..<(offset + length), start: offset), of: object, to: &windows)
    }
    followCopies(into: &windows, except: call, in: blocks, dataLayout: dataLayout)
    var fields: [(object: Value, absolute: Int, relative: Int, type: IRType)] = []
    for block in blocks {
      for instruction in block.instructions where instruction != call {
        guard let access = MemoryWrites.access(by: instruction) else { continue }
        let (object, offset) = CopiedBytes.base(of: access.pointer, dataLayout)
        guard let offset, let covering = windows[object]?.filter({ $0.bytes.contains(offset) }),
          !covering.isEmpty
        else {
          continue
        }
        for (inner, type) in leaves(of: access.type, module: module) {
          for window in covering where window.bytes.contains(offset + inner) {
            fields.append((object, offset + inner, offset + inner - window.start, type))
          }
        }
      }
    }
    return fields
  }

  /// The pointers and floating-point values an access of `type` reads or writes, at their offsets
  /// in it: the value itself, or a float vector's elements; none for other types.
  private static func leaves(of type: IRType, module: Module) -> [(Int, IRType)] {
    if type.isPointer || type.isFloatingPoint { return [(0, type)] }
    guard type.kind == LLVMVectorTypeKind, type.elementType.isFloatingPoint else { return [] }
    let size = Int(module.storeSize(of: type.elementType))
    return (0..<Int(type.vectorSize)).map { ($0 * size, type.elementType) }
  }

  /// Bytes of an object that a copy moves: `bytes`, and where the copy's first byte is (`start`,
  /// which may lie outside `bytes` when a window is a part of the copy).
  private struct Window: Equatable {
    var bytes: Range<Int>
    var start: Int
  }

  private static func add(_ window: Window, of object: Value, to windows: inout [Value: [Window]]) {
    guard !window.bytes.isEmpty, !(windows[object]?.contains(window) ?? false) else { return }
    windows[object, default: []].append(window)
  }

  /// Adds to `windows` the bytes that hold the same bytes elsewhere: the blocks a `realloc` resized
  /// from or into (`resizedTwins`), and the other ends of the copies of constant length (memcpy,
  /// memmove) into or out of a window, transitively. A `std::vector` of tagged unions grown by
  /// `push_back` copies its first element's double into each new storage in turn; only the first
  /// storage was ever written as a double, and the later copies, laid out by the pointer of the
  /// next element alone, left the double's adjoint behind (silently wrong).
  private static func followCopies(
    into windows: inout [Value: [Window]], except call: Instruction, in blocks: [BasicBlock],
    dataLayout: LLVMTargetDataRef
  ) {
    let copies = blocks.flatMap(\.instructions).compactMap {
      instruction -> (destination: (Value, Int), source: (Value, Int), length: Int)? in
      guard instruction != call, instruction.isCall, let name = instruction.calledFunction?.name,
        name.hasPrefix("llvm.memcpy") || name.hasPrefix("llvm.memmove"),
        let length = instruction.arguments[2].constantInt, length > 0
      else { return nil }
      let (destination, to) = CopiedBytes.base(of: instruction.arguments[0], dataLayout)
      let (source, from) = CopiedBytes.base(of: instruction.arguments[1], dataLayout)
      guard let to, let from else { return nil }
      return ((destination, to), (source, from), Int(length))
    }
    var work = windows.flatMap { object, list in list.map { (object, $0) } }
    var steps = 0
    while let (object, window) = work.popLast(), steps < 64 {
      steps += 1
      var found: [(Value, Window)] = []
      for twin in resizedTwins(of: object) where twin != object { found.append((twin, window)) }
      for copy in copies {
        for (here, there) in [(copy.destination, copy.source), (copy.source, copy.destination)]
        where here.0 == object {
          // The part of the window the copy covers, at the other end.
          let lower = max(window.bytes.lowerBound, here.1)
          let upper = min(window.bytes.upperBound, here.1 + copy.length)
          guard lower < upper else { continue }
          let shift = there.1 - here.1
          found.append(
            (there.0, Window(bytes: (lower + shift)..<(upper + shift), start: window.start + shift)))
        }
      }
      for (other, moved) in found where !(windows[other]?.contains(moved) ?? false) {
        add(moved, of: other, to: &windows)
        work.append((other, moved))
      }
    }
  }

  /// The bytes `call` (a `realloc` of a block of constant size) moves, laid out by the pointer and
  /// floating-point accesses at constant offsets to the block and to those it is resized from and
  /// into, as long as the block was asked: when they say pointers at some offsets and floats at
  /// others (an array of tagged unions, a double in one element, a pointer in the next). Nil when
  /// they say one kind only (the element type of the memory then says it), or disagree at an offset.
  /// Taken by its first access, such a block was all pointers, and the double's adjoint stayed in
  /// the grown block (silently wrong).
  static func layoutOfResizedBlock(_ call: Instruction, in blocks: [BasicBlock], module: Module) -> IRType? {
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    guard let length = requestedSize(of: call.arguments[0]), length > 0 else { return nil }
    let twins = Set(resizedTwins(of: call.value))
    var byOffset: [Int: IRType] = [:]
    for block in blocks {
      for instruction in block.instructions {
        guard let access = MemoryWrites.access(by: instruction) else { continue }
        let (object, at) = CopiedBytes.base(of: access.pointer, dataLayout)
        guard let at, twins.contains(object), at < length else { continue }
        for (inner, type) in leaves(of: access.type, module: module) {
          if let known = byOffset[at + inner], known != type { return nil }
          byOffset[at + inner] = type
        }
      }
    }
    guard byOffset.values.contains(where: \.isPointer), byOffset.values.contains(where: \.isFloatingPoint)
    else { return nil }
    return packedLayout(
      byOffset.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, length: length, module: module)
  }

  /// The size a block was asked with, when constant: `malloc(n)`, `calloc(n, size)`, `realloc(p, n)`.
  static func requestedSize(of block: Value) -> Int? {
    guard let call = block.asInstruction, call.isCall, let name = call.calledFunction?.name else {
      return nil
    }
    switch (name, call.arguments.count) {
    case ("malloc", 1): return call.arguments[0].constantInt.map { Int($0) }
    case ("realloc", 2): return call.arguments[1].constantInt.map { Int($0) }
    case ("calloc", 2):
      guard let count = call.arguments[0].constantInt, let size = call.arguments[1].constantInt else {
        return nil
      }
      return Int(count * size)
    default: return nil
    }
  }

  /// `object` and the blocks that hold its bytes at the same offsets through `realloc`: the block it
  /// was resized from, and those it is resized into, transitively.
  static func resizedTwins(of object: Value) -> [Value] {
    func isResize(_ value: Value) -> Instruction? {
      guard let call = value.asInstruction, call.isCall, call.calledFunction?.name == "realloc",
        call.arguments.count == 2
      else { return nil }
      return call
    }
    var found: [Value] = []
    var work = [object]
    while let current = work.popLast() {
      guard !found.contains(current) else { continue }
      found.append(current)
      if let resize = isResize(current) { work.append(resize.arguments[0]) }
      for user in current.users {
        if let resize = isResize(user), resize.arguments[0] == current { work.append(resize.value) }
      }
    }
    return found
  }

  /// The field type a type-based alias tag names: a pointer for clang's "any pointer" and "pN …"
  /// types, `double` and `float`, bytes for C's integer types; nil for anything else ("omnipotent
  /// char", which clang gives arrays, unions, complex numbers, vectors and `char` alike).
  static func fieldType(tag: LLVMValueRef?, size: Int64, context: Context) -> IRType? {
    guard let tag, LLVMIsAMDNode(tag) != nil else { return nil }
    let fields = MetadataOperands.of(tag)
    guard fields.count >= 2, let access = fields[1], LLVMIsAMDNode(access) != nil,
      let name = MetadataOperands.of(access).first.flatMap({ $0 }).flatMap(MetadataOperands.string)
    else { return nil }
    let isPointer =
      name == "any pointer"
      || (name.first == "p" && name.dropFirst().prefix { $0.isNumber }.count > 0
        && name.dropFirst().drop { $0.isNumber }.first == " ")
    if isPointer { return size == 8 ? .pointer(in: context) : nil }
    if name == "double" { return size == 8 ? .double(in: context) : nil }
    if name == "float" { return size == 4 ? .float(in: context) : nil }
    // A one-byte field tagged as characters is a `char`: no double or pointer fits in it (wider
    // ones may be arrays or unions, which clang tags so too).
    if ["int", "long", "long long", "short", "bool", "__int128"].contains(name)
      || (name == "omnipotent char" && size == 1)
    {
      return .array(of: .int(8, in: context), count: UInt64(size))
    }
    return nil
  }
}

/// The operands of a metadata node seen as a value (nil for null operands), and its strings.
enum MetadataOperands {
  static func of(_ node: LLVMValueRef) -> [LLVMValueRef?] {
    var operands = [LLVMValueRef?](repeating: nil, count: Int(LLVMGetMDNodeNumOperands(node)))
    operands.withUnsafeMutableBufferPointer { LLVMGetMDNodeOperands(node, $0.baseAddress) }
    return operands
  }

  static func string(_ value: LLVMValueRef) -> String? {
    var length: UInt32 = 0
    guard let bytes = LLVMGetMDString(value, &length) else { return nil }
    return String(decoding: UnsafeRawBufferPointer(start: bytes, count: Int(length)), as: UTF8.self)
  }
}
