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

  /// The hint a caller gave for the memory of one of `function`'s pointer parameters, if `pointers`
  /// derive from such a parameter.
  static func hintedType(reachedBy pointers: [Value], in function: Function, hints: [IRType?]) -> IRType? {
    for object in Set(pointers.map(underlyingObject)) where object.isArgument {
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
  static func layoutType(
    reachedBy pointers: [Value], in function: Function, bytes: Int? = nil, module: Module
  ) -> IRType? {
    var fields: [Int: IRType] = [:]
    for object in Set(pointers.map(underlyingObject)) {
      collectAccesses(of: object, at: 0, depth: 3, into: &fields, module: module)
    }
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
      end = offset + Int(module.storeSize(of: type))
    }
    if let bytes, bytes > end {
      elements.append(.array(of: .int(8, in: context), count: UInt64(bytes - end)))
    }
    return .structure(elements, in: context, packed: true)
  }

  /// Records the type of each load and store at a constant offset from `pointer`, following GEPs
  /// with constant indices and, `depth` calls deep, the parameters of defined callees it is passed to.
  private static func collectAccesses(
    of pointer: Value, at offset: Int, depth: Int, into fields: inout [Int: IRType],
    module: Module
  ) {
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    for user in pointer.users {
      guard let instruction = user.asInstruction else { continue }
      switch instruction.opcode {
      case LLVMLoad:
        if fields[offset] == nil { fields[offset] = instruction.type }
      case LLVMStore where instruction.operand(1) == pointer:
        if fields[offset] == nil { fields[offset] = instruction.operand(0).type }
      case LLVMGetElementPtr where instruction.operand(0) == pointer:
        if let bytes = StackSlots.constantOffset(of: instruction, dataLayout) {
          collectAccesses(
            of: instruction.value, at: offset + bytes, depth: depth, into: &fields, module: module)
        }
      case LLVMCall, LLVMInvoke:
        guard depth > 0, let callee = instruction.calledFunction, !callee.isDeclaration,
          instruction.calledFunctionType == callee.type
        else { continue }
        for (index, argument) in instruction.arguments.enumerated()
        where argument == pointer && index < callee.parameters.count {
          collectAccesses(
            of: callee.parameter(index), at: offset, depth: depth - 1, into: &fields, module: module)
        }
      default:
        continue
      }
    }
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
    if type.isFloatingPointOrVector { return [(offset, type)] }
    if type.isStruct {
      let layout = LLVMGetModuleDataLayout(module.ref)
      return type.structElements.enumerated().flatMap { index, element in
        floatLeaves(
          of: element, at: offset + Int64(LLVMOffsetOfElement(layout, type.ref, UInt32(index))),
          module: module)
      }
    }
    if type.isArray {
      let stride = Int64(module.allocSize(of: type.elementType))
      return (0..<Int64(type.arrayLength)).flatMap {
        floatLeaves(of: type.elementType, at: offset + $0 * stride, module: module)
      }
    }
    return []
  }

  /// `void swad.zero.floats.<T>(ptr %p, i64 %bytes)`: stores zero into every floating-point leaf of
  /// the `bytes / sizeof(T)` elements of type `element` at `p`, leaving pointers and integers as they
  /// are. Nil when `element` has no floating-point leaf. Made once per type.
  static func zeroFloatsFunction(for element: IRType, module: Module) -> Function? {
    let leaves = floatLeaves(of: element, module: module)
    let size = Int64(module.allocSize(of: element))
    guard !leaves.isEmpty, size > 0 else { return nil }
    let name = "swad.zero.floats.\(element)".replacingOccurrences(of: " ", with: "")
    if let existing = module.function(named: name) { return existing }
    let context = module.context
    let i64 = IRType.int(64, in: context)
    let pointer = IRType.pointer(in: context)
    let function = module.addFunction(
      named: name, type: .function(returning: .void(in: context), [pointer, i64]))
    function.linkage = LLVMInternalLinkage
    let builder = Builder(context: context)
    let entry = function.appendBlock(named: "entry")
    let loop = function.appendBlock(named: "element")
    let done = function.appendBlock(named: "done")
    builder.position(atEndOf: entry)
    let base = function.parameter(0)
    let count = builder.udiv(function.parameter(1), .constInt(i64, size))
    builder.condBr(builder.icmp(LLVMIntEQ, count, .constInt(i64, 0)), done, loop)
    builder.position(atEndOf: loop)
    let index = builder.phi(i64, "index")
    let start = builder.mul(index.value, .constInt(i64, size))
    for (offset, type) in leaves {
      builder.store(.null(type), to: builder.byteOffset(base, builder.add(start, .constInt(i64, offset))))
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
  /// The shadow of memory copied from constant data of element type `element`: the data itself (its
  /// pointers are their own shadows; constant data they point to reads as zero through them) with
  /// every floating-point leaf zeroed.
  func copyConstantMemory(_ source: Value, into shadow: Value, length: Value, element: IRType, module: Module)
  {
    _ = memcpy(shadow, source, length: length)
    if let zeroFloats = MemoryTypes.zeroFloatsFunction(for: element, module: module) {
      _ = call(zeroFloats, [shadow, intCast(length, to: .int(64, in: module.context), signed: false)])
    }
  }
}
