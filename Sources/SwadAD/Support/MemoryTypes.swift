// What the memory a pointer reaches holds, as the function's own accesses show it: the element type
// both modes use when they copy shadows of memory (memcpy) and need to know where its floats and
// pointers lie.
import CLLVM
import LLVMBinding

enum MemoryTypes {
  /// The element type of the memory that `pointers` reach, from the first load, store or GEP of
  /// `blocks` that uses the same underlying objects and holds floats or pointers (a struct when the
  /// elements are structs); nil when no access says.
  static func accessedType(reachedBy pointers: [Value], in blocks: [BasicBlock]) -> IRType? {
    let objects = Set(pointers.map(underlyingObject))
    for block in blocks {
      for instruction in block.instructions {
        guard let (pointer, type) = MemoryWrites.access(by: instruction),
          objects.contains(underlyingObject(pointer)),
          type.containsFloatingPoint || type.containsPointer
        else { continue }
        return type
      }
    }
    return nil
  }

  /// The types `blocks` load from or store into the memory that `pointers` reach (their underlying
  /// objects).
  static func accessedTypes(reachedBy pointers: [Value], in blocks: [BasicBlock]) -> Set<IRType> {
    let objects = Set(pointers.map(underlyingObject))
    var types: Set<IRType> = []
    for instruction in blocks.lazy.flatMap(\.instructions)
    where instruction.opcode == LLVMLoad || instruction.opcode == LLVMStore {
      guard let (at, type) = MemoryWrites.access(by: instruction), objects.contains(underlyingObject(at))
      else {
        continue
      }
      types.insert(type)
    }
    return types
  }

  /// Whether `blocks` load or store both pointers and floating-point values in the memory that
  /// `pointers` reach (their underlying objects), at any offsets.
  static func accessesMixPointersAndFloats(reachedBy pointers: [Value], in blocks: [BasicBlock]) -> Bool {
    let types = accessedTypes(reachedBy: pointers, in: blocks)
    return types.contains(where: \.containsPointer) && types.contains(where: \.containsFloatingPoint)
  }

  /// The integer type of the memory `pointers` reach when the function reads it as indices: a load
  /// of it indexes other memory (through integer casts), and every load and store of it moves
  /// integers whose bits are not reinterpreted. A `std::vector<int>` of indices that an argsort
  /// moves with `memmove` at -O0, where no alias tag says `int`: taken for doubles, its copies were
  /// checked for pointers at run time, and the check stopped on the indices the sort had moved. Nil
  /// when any access says otherwise, or none indexes.
  static func indexType(reachedBy pointers: [Value], in blocks: [BasicBlock]) -> IRType? {
    let objects = Set(pointers.map(MemoryWrites.underlyingObject))
    var indexType: IRType?
    for block in blocks {
      for instruction in block.instructions
      where instruction.opcode == LLVMLoad || instruction.opcode == LLVMStore {
        guard let (pointer, type) = MemoryWrites.access(by: instruction),
          objects.contains(MemoryWrites.underlyingObject(pointer))
        else { continue }
        guard type.isInteger else { return nil }
        if instruction.opcode == LLVMStore {
          guard let stored = instruction.operand(0).asInstruction else { continue }
          if [LLVMBitCast, LLVMPtrToInt].contains(stored.opcode) { return nil }
          continue
        }
        let users = instruction.value.users.compactMap(\.asInstruction)
        if users.contains(where: { [LLVMBitCast, LLVMIntToPtr].contains($0.opcode) }) { return nil }
        if indexType == nil, indexesMemory(instruction.value) { indexType = type }
      }
    }
    return indexType
  }

  /// Whether `value`, or an integer cast of it, is an index operand of a `getelementptr`.
  private static func indexesMemory(_ value: Value, depth: Int = 2) -> Bool {
    value.users.contains { user in
      guard let instruction = user.asInstruction else { return false }
      if instruction.opcode == LLVMGetElementPtr {
        return (1..<instruction.operandCount).contains { instruction.operand($0) == value }
      }
      guard depth > 0, [LLVMSExt, LLVMZExt, LLVMTrunc].contains(instruction.opcode) else { return false }
      return indexesMemory(instruction.value, depth: depth - 1)
    }
  }

  /// The hint a caller gave for the memory of one of `function`'s pointer parameters, if `pointers`
  /// derive from such a parameter.
  static func hintedType(reachedBy pointers: [Value], in function: Function, hints: [IRType?]) -> IRType? {
    for object in Set(pointers.map { spilledArgument(underlyingObject($0)) ?? underlyingObject($0) })
    where object.isArgument {
      if let index = function.parameters.firstIndex(of: object), index < hints.count, let hint = hints[index]
      {
        return hint
      }
    }
    return nil
  }

  /// A type laid out as the accesses to the memory of `pointers` show it: the loads and stores at
  /// constant offsets from their underlying objects in `function`, and in the functions it passes
  /// them to (a packed struct, gaps filled with bytes, padded to `bytes` when that is known). It
  /// sees what a copy's element holds when no access names the struct: optimized code reaches a
  /// field through a byte offset, and a helper that only copies the struct reads no field at all.
  /// Where accesses disagree about an offset, the nearest to the memory's owner wins (`function`'s
  /// own before its callees'): a callee sees every object passed to that parameter, the owner only
  /// this one. (`std::function`'s manager stores a pointer at the start of the storage it is given,
  /// the one it answers "where is the lambda" in; the function holding the lambda stores its
  /// captured double there. Taken for a pointer, the double's adjoint stayed behind: silently 0.)
  static func layoutType(
    reachedBy pointers: [Value], in function: Function, bytes: Int? = nil, module: Module
  ) -> IRType? {
    var found: [Int: (type: IRType, depth: Int)] = [:]
    for object in Set(pointers.map(underlyingObject)) {
      collectAccesses(of: object, at: 0, depth: 3, module: module) { offset, type, depth, _ in
        if let known = found[offset], known.depth >= depth { return }
        found[offset] = (type, depth)
      }
    }
    return packed(found.mapValues(\.type), bytes: bytes, module: module)
  }

  /// One record of memory as every access to it agrees (`agreedLayout`), and the offsets where the
  /// accesses read a pointer and a floating-point value both.
  struct AgreedLayout: Hashable {
    var layout: IRType?
    var mixed: [Int] = []
  }

  /// The layout of the memory `pointers` reach as every access to it agrees (`layoutType`'s
  /// accesses, all of them at any depth): what the loads read, where any does, else what the stores
  /// write; no layout when two disagree about an offset or overlap. A record whose bytes hold a
  /// double for some readers and a pointer for others (a lambda capturing by value, another by
  /// reference, both in one `std::function` type) has none, and those bytes are `mixed`. (Stores do
  /// not overrule loads: `std::function`'s manager, asked where its lambda is, stores a pointer into
  /// the storage it is given, one the lambda's own accesses never read as a pointer.)
  static func agreedLayout(reachedBy pointers: [Value], in function: Function, module: Module) -> AgreedLayout
  {
    var loaded: [Int: IRType] = [:]
    var stored: [Int: IRType] = [:]
    var disagreed: (loads: Set<Int>, stores: Set<Int>) = ([], [])
    var mixed: Set<Int> = []
    for object in Set(pointers.map(underlyingObject)) {
      collectAccesses(of: object, at: 0, depth: 3, module: module) { offset, type, _, isLoad in
        // An integer access copies the bytes, whatever they are: it says nothing against a type.
        if let known = isLoad ? loaded[offset] : stored[offset], known != type {
          if type.isInteger { return }
          if !known.isInteger {
            if isLoad { disagreed.loads.insert(offset) } else { disagreed.stores.insert(offset) }
            if isLoad, known.containsPointer != type.containsPointer { mixed.insert(offset) }
          }
        }
        if isLoad { loaded[offset] = type } else { stored[offset] = type }
      }
    }
    let sortedMixed = mixed.sorted()
    guard disagreed.loads.isEmpty, disagreed.stores.allSatisfy({ loaded[$0] != nil }) else {
      return AgreedLayout(layout: nil, mixed: sortedMixed)
    }
    let found = loaded.merging(stored) { load, _ in load }
    var end = 0
    for offset in found.keys.sorted() {
      guard offset >= end else { return AgreedLayout(layout: nil) }
      end = offset + Int(module.allocSize(of: found[offset]!))
    }
    return AgreedLayout(layout: packed(found, bytes: nil, module: module))
  }

  /// The fields at their offsets as a packed struct, gaps filled with bytes (padded to `bytes`);
  /// nil when none is a pointer or floating-point. A field overlapping an earlier one is left out.
  /// A field spans its allocation size (16 bytes for a `long double`), as the packed struct lays it.
  private static func packed(_ fields: [Int: IRType], bytes: Int?, module: Module) -> IRType? {
    guard fields.values.contains(where: { $0.containsPointer || $0.containsFloatingPoint }) else {
      return nil
    }
    let context = module.context
    var elements: [IRType] = []
    var end = 0
    for offset in fields.keys.sorted() where offset >= end {
      let type = fields[offset]!
      if offset > end { elements.append(.array(of: .int(8, in: context), count: UInt64(offset - end))) }
      elements.append(type)
      end = offset + Int(module.allocSize(of: type))
    }
    if let bytes, bytes > end {
      elements.append(.array(of: .int(8, in: context), count: UInt64(bytes - end)))
    }
    return .structure(elements, in: context, packed: true)
  }

  /// The part of `layout` (a packed struct from `layoutType`) from byte `offset` on, as a packed
  /// struct: the layout seen from an address inside the object. nil when a field straddles `offset`.
  static func layout(_ layout: IRType, from offset: Int, module: Module) -> IRType? {
    guard offset != 0 else { return layout }
    guard layout.isStruct, offset > 0 else { return nil }
    let layout = withExplicitPadding(layout, module: module)
    let context = module.context
    var elements: [IRType] = []
    var at = 0
    for element in layout.structElements {
      let size = Int(module.allocSize(of: element))
      defer { at += size }
      if at + size <= offset { continue }
      if at < offset {
        // Padding bytes straddle it: keep the part after it.
        guard element.isArray, element.elementType.isInteger, element.elementType.integerWidth == 8 else {
          return nil
        }
        elements.append(.array(of: .int(8, in: context), count: UInt64(at + size - offset)))
        continue
      }
      elements.append(element)
    }
    guard !elements.isEmpty else { return nil }
    return .structure(elements, in: context, packed: true)
  }

  /// The first `length` bytes of `layout` (a packed struct), padded with bytes when it is shorter; nil
  /// when a field other than padding straddles `length`.
  static func layout(_ layout: IRType, upTo length: Int, module: Module) -> IRType? {
    guard layout.isStruct else { return nil }
    let layout = withExplicitPadding(layout, module: module)
    let context = module.context
    var elements: [IRType] = []
    var at = 0
    for element in layout.structElements where at < length {
      let size = Int(module.allocSize(of: element))
      if at + size > length {
        guard element.isArray, element.elementType.isInteger, element.elementType.integerWidth == 8 else {
          return nil
        }
        elements.append(.array(of: .int(8, in: context), count: UInt64(length - at)))
      } else {
        elements.append(element)
      }
      at += size
    }
    if at < length { elements.append(.array(of: .int(8, in: context), count: UInt64(length - at))) }
    return .structure(elements, in: context, packed: true)
  }

  /// `layout` as a packed struct whose fields lie where the data layout puts them, with the padding
  /// between and after them as bytes (a struct that is not packed; any other type as it is). The
  /// cuts above count each field's size from the one before: given a record's declared type
  /// (`{i8, double, i16, double}`, bit-fields beside doubles, a caller's hint), they put its doubles
  /// at bytes 1 and 11, and the reverse of a sort's copies moved bit-fields' shadows into adjoints
  /// (silently wrong).
  static func withExplicitPadding(_ layout: IRType, module: Module) -> IRType {
    guard layout.isStruct, !layout.isPackedStruct else { return layout }
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    let fields = layout.structElements.enumerated().map { index, element in
      (Int(LLVMOffsetOfElement(dataLayout, layout.ref, UInt32(index))), element)
    }
    return CopiedStructs.packedLayout(fields, length: Int(module.allocSize(of: layout)), module: module)
      ?? layout
  }

  /// Which kinds of leaves `type` has: pointers, floating-point values, anything else (integers;
  /// byte arrays, the padding of a laid-out struct, do not count).
  static func leafKinds(of type: IRType) -> (pointer: Bool, float: Bool, other: Bool) {
    if type.isPointer { return (true, false, false) }
    if type.isFloatingPointOrVector { return (false, true, false) }
    if type.isStruct {
      return type.structElements.map(leafKinds).reduce((false, false, false)) {
        ($0.0 || $1.0, $0.1 || $1.1, $0.2 || $1.2)
      }
    }
    if type.isArray {
      if type.elementType.isInteger, type.elementType.integerWidth == 8 { return (false, false, false) }
      return leafKinds(of: type.elementType)
    }
    return (false, false, true)
  }

  /// The type an access's bytes hold: the floating-point type its alias tag names for an integer
  /// access of a double's or a float's bits (`CopiedBytes.tagNamesFloat`: clang copies a lambda's
  /// captured `double` into a `std::function` as a tagged `i64`), else its own.
  private static func typeOfBits(_ access: Instruction, _ type: IRType) -> IRType {
    guard CopiedBytes.tagNamesFloat(access) else { return type }
    return IRType(
      type.integerWidth == 64 ? LLVMDoubleTypeInContext(type.context) : LLVMFloatTypeInContext(type.context))
  }

  /// Reports the type of each load and store at a constant offset from `pointer` with the calls
  /// still allowed and whether it is a load (`found(offset, type, depth, isLoad)`), following GEPs with constant indices and, `depth`
  /// calls deep, the parameters of defined callees it is passed to.
  private static func collectAccesses(
    of pointer: Value, at offset: Int, depth: Int, module: Module, found: (Int, IRType, Int, Bool) -> Void
  ) {
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    func record(_ type: IRType, isLoad: Bool) { found(offset, type, depth, isLoad) }
    for user in pointer.users {
      guard let instruction = user.asInstruction else { continue }
      switch instruction.opcode {
      case LLVMLoad:
        record(typeOfBits(instruction, instruction.type), isLoad: true)
      case LLVMStore where instruction.operand(1) == pointer:
        record(typeOfBits(instruction, instruction.operand(0).type), isLoad: false)
      case LLVMGetElementPtr where instruction.operand(0) == pointer:
        if let bytes = StackSlots.constantOffset(of: instruction, dataLayout) {
          collectAccesses(
            of: instruction.value, at: offset + bytes, depth: depth, module: module, found: found)
        }
      case LLVMCall, LLVMInvoke:
        guard depth > 0, let callee = instruction.calledFunction, !callee.isDeclaration,
          instruction.calledFunctionType == callee.type
        else { continue }
        for (index, argument) in instruction.arguments.enumerated()
        where argument == pointer && index < callee.parameters.count {
          collectAccesses(
            of: callee.parameter(index), at: offset, depth: depth - 1, module: module, found: found)
        }
      default:
        continue
      }
    }
  }

  /// The argument a value was reloaded from, when it is a load of a stack slot that holds nothing but
  /// that argument (unoptimized code keeps every parameter in such a slot).
  static func spilledArgument(_ value: Value) -> Value? {
    guard let load = value.asInstruction, load.opcode == LLVMLoad,
      let slot = load.operand(0).asInstruction, slot.opcode == LLVMAlloca
    else { return nil }
    var argument: Value? = nil
    for user in slot.value.users {
      guard let instruction = user.asInstruction else { return nil }
      switch instruction.opcode {
      case LLVMLoad: continue
      case LLVMStore where instruction.operand(1) == slot.value && instruction.operand(0).isArgument:
        guard argument == nil else { return nil }
        argument = instruction.operand(0)
      case LLVMCall
      where instruction.calledFunction?.name.hasPrefix("llvm.lifetime.") == true
        || instruction.calledFunction?.name.hasPrefix("llvm.dbg.") == true:
        continue
      default: return nil
      }
    }
    return argument
  }

  /// The pointer a pointer is derived from through GEPs and casts.
  static func underlyingObject(_ pointer: Value) -> Value {
    var current = pointer
    while let instruction = current.asInstruction,
      [LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast].contains(instruction.opcode)
    {
      current = instruction.operand(0)
    }
    return current
  }

  /// The floating-point leaves of a type with their byte offsets.
  static func floatLeaves(of type: IRType, at offset: Int64 = 0, module: Module) -> [(Int64, IRType)] {
    leaves(of: type, at: offset, module: module) { $0.isFloatingPointOrVector }
  }

  /// The floating-point type `type` is made of, when it is nothing else: arrays, structs and vectors
  /// of one floating-point type, packed one after the other (no padding, no other fields); nil
  /// otherwise.
  static func repeatedFloat(in type: IRType, module: Module) -> IRType? {
    if type.isFloatingPoint { return type }
    let leaves = floatLeaves(of: type, module: module).flatMap { offset, leaf -> [(Int64, IRType)] in
      guard leaf.isVector else { return [(offset, leaf)] }
      let size = Int64(module.allocSize(of: leaf.elementType))
      return (0..<Int64(leaf.vectorSize)).map { (offset + $0 * size, leaf.elementType) }
    }
    guard let first = leaves.first?.1, first.isFloatingPoint, leaves.allSatisfy({ $0.1 == first }) else {
      return nil
    }
    let size = Int64(module.allocSize(of: first))
    guard Int64(module.allocSize(of: type)) == size * Int64(leaves.count),
      leaves.enumerated().allSatisfy({ $0.element.0 == Int64($0.offset) * size })
    else { return nil }
    return first
  }

  /// The pointer leaves of a type with their byte offsets.
  static func pointerLeaves(of type: IRType, module: Module) -> [(Int64, IRType)] {
    leaves(of: type, at: 0, module: module) { $0.isPointer }
  }

  /// The leaves of a type (through structs and arrays) that `isLeaf` selects, with their offsets.
  private static func leaves(
    of type: IRType, at offset: Int64, module: Module, where isLeaf: (IRType) -> Bool
  )
    -> [(Int64, IRType)]
  {
    if isLeaf(type) { return [(offset, type)] }
    if let payload = swiftOptionalFloatPayload(type, in: module.context) {
      return isLeaf(payload) ? [(offset, payload)] : []
    }
    if type.isStruct {
      let layout = LLVMGetModuleDataLayout(module.ref)
      return type.structElements.enumerated().flatMap { index, element in
        leaves(
          of: element, at: offset + Int64(LLVMOffsetOfElement(layout, type.ref, UInt32(index))),
          module: module,
          where: isLeaf)
      }
    }
    if type.isArray {
      let stride = Int64(module.allocSize(of: type.elementType))
      return (0..<Int64(type.arrayLength)).flatMap {
        leaves(of: type.elementType, at: offset + $0 * stride, module: module, where: isLeaf)
      }
    }
    return []
  }

  /// The floating-point payload of Swift's `Double?` or `Float?`, which Swift lays out as bytes and a
  /// tag byte (`%TSdSg = <{ [8 x i8], [1 x i8] }>`, `%TSfSg` with 4 bytes): the payload's bytes are
  /// the value's when the tag says there is one, and hold no adjoint otherwise, so they are moved as
  /// the value. Taken for bytes, an array of structs with a `Double?` field that grew or was filtered
  /// left the field's adjoints behind in the new storage (the gradient silently 0). Nil for other
  /// types; other enums' payloads are not told apart by their types' names.
  private static func swiftOptionalFloatPayload(_ type: IRType, in context: Context) -> IRType? {
    guard type.isStruct, let name = type.structName else { return nil }
    let base = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
    let suffix = name.dropFirst(base.count)
    guard suffix.isEmpty || suffix.dropFirst().allSatisfy(\.isNumber) else { return nil }
    switch base {
    case "TSdSg": return .double(in: context)
    case "TSfSg": return .float(in: context)
    default: return nil
    }
  }

  /// `void swad.copy.pointers.<T>(ptr %to, ptr %from, i64 %bytes)`: copies every pointer leaf of the
  /// `bytes / sizeof(T)` elements of type `element` from `from` to `to`, and nothing else. Nil when
  /// `element` has no pointer leaf. Made once per type.
  static func copyPointersFunction(for element: IRType, module: Module) -> Function? {
    let leaves = pointerLeaves(of: element, module: module)
    let size = Int64(module.allocSize(of: element))
    guard !leaves.isEmpty, size > 0 else { return nil }
    let name = "swad.copy.pointers." + "\(element)".filter { $0 != " " }
    if let existing = module.function(named: name) { return existing }
    let context = module.context
    let i64 = IRType.int(64, in: context)
    let pointer = IRType.pointer(in: context)
    let function = module.addFunction(
      named: name, type: .function(returning: .void(in: context), [pointer, pointer, i64]))
    function.linkage = LLVMInternalLinkage
    let builder = Builder(context: context)
    let entry = function.appendBlock(named: "entry")
    let loop = function.appendBlock(named: "element")
    let done = function.appendBlock(named: "done")
    builder.position(atEndOf: entry)
    let to = function.parameter(0)
    let from = function.parameter(1)
    let count = builder.udiv(function.parameter(2), .constInt(i64, size))
    builder.condBr(builder.icmp(LLVMIntEQ, count, .constInt(i64, 0)), done, loop)
    builder.position(atEndOf: loop)
    let index = builder.phi(i64, "index")
    let start = builder.mul(index.value, .constInt(i64, size))
    for (offset, type) in leaves {
      let at = builder.add(start, .constInt(i64, offset))
      builder.store(builder.load(type, from: builder.byteOffset(from, at)), to: builder.byteOffset(to, at))
    }
    let next = builder.add(index.value, .constInt(i64, 1))
    builder.condBr(builder.icmp(LLVMIntULT, next, count), loop, done)
    index.addIncoming([(.constInt(i64, 0), entry), (next, loop)])
    builder.position(atEndOf: done)
    LLVMBuildRetVoid(builder.ref)
    return function
  }
}

extension Builder {
  /// The shadow of memory copied from constant data of element type `element`: zero, except that the
  /// pointers the layout knows are copied (constant pointers are their own shadows; constant data
  /// read through them reads as zero). Bytes the layout does not know stay zero: a float it missed
  /// gets tangent zero, never the primal value.
  func copyConstantMemory(_ source: Value, into shadow: Value, length: Value, element: IRType, module: Module)
  {
    _ = memset(shadow, byte: .constInt(.int(8, in: module.context), 0), length: length)
    if let copyPointers = MemoryTypes.copyPointersFunction(for: element, module: module) {
      _ = call(
        copyPointers, [shadow, source, intCast(length, to: .int(64, in: module.context), signed: false)])
    }
  }
}
