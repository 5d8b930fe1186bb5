// Reverse mode: what a caller says of the memory it hands a callee, and what the callee reads of it.
//
// A callee that only moves memory (a `memcpy` of a struct, an integer copy of its bytes) cannot tell
// from its own accesses which bytes are floats, whose adjoints move back, and which are pointers,
// whose shadows move forward. The call site knows more: its derivative signature carries, per
// pointer argument, the memory's layout as the caller's accesses show it (`memoryHints`). A hint is
// laid out from the address passed, and read at the bytes in question only.
import CLLVM
import LLVMBinding

extension GradientEmitter {
  /// The hints for a call's `arguments`: a struct holding pointers, or floating-point values beside
  /// integers, as all accesses show it (the first access may be one double field, or an integer),
  /// laid out from the address passed; else the element type
  /// of the memory (`inferredTypeOfMemory`); nil for arguments that are not pointers.
  func memoryHints(for arguments: [Value]) -> [IRType?] {
    arguments.map { argument -> IRType? in
      guard argument.type.isPointer else { return nil }
      if let laidOut = MemoryTypes.layoutType(reachedBy: [argument], in: original, module: module),
        laidOut.containsPointer || (isOneRecord(argument) && holdsFloatsBesideIntegers(laidOut))
      {
        let offset = CopiedBytes.base(of: argument, LLVMGetModuleDataLayout(module.ref)!).1
        return offset.flatMap {
          MemoryTypes.layout(withCarriedFloats(laidOut, in: argument), from: $0, module: module)
        }
      }
      return inferredTypeOfMemory(reachedBy: [argument])
    }
  }

  /// Whether `argument` points into a stack slot of one value (not an array of them): a layout of
  /// its accesses is all there is, where in an array it would describe the first element only.
  private func isOneRecord(_ argument: Value) -> Bool {
    let object = MemoryTypes.underlyingObject(argument)
    guard let slot = object.asInstruction, slot.opcode == LLVMAlloca else { return false }
    return slot.operand(0).constantInt == 1 && !slot.allocatedType.isArray
  }

  /// Whether a layout holds floating-point values beside integers (a `{int, int, double, double}`
  /// record): its first access is an integer, and the element type of the memory says nothing of the
  /// doubles. A helper that only copies the record (`std::unordered_map::emplace` moving it into the
  /// node it allocated, whose `next` pointer is its only access there) took the bytes for a pointer's
  /// and the doubles' adjoints stayed in the node (the gradient was silently 0).
  private func holdsFloatsBesideIntegers(_ layout: IRType) -> Bool {
    let leaves = MemoryTypes.leafKinds(of: layout)
    return layout.isStruct && leaves.float && leaves.other
  }

  /// `layout` (of the object `argument` points into, from its start) with the integer fields this
  /// function stores copies of floating-point data into (`copiedContent`) made the floating-point
  /// type they carry. Unoptimized C++ copies a lambda's captured double into a `std::function` as
  /// an `i64`: laid out as an integer, the storage's first bytes counted as nothing, and the
  /// manager's pointer beside decided that the copy into the vector was a pointer's (the gradient
  /// through the lambda was silently 0).
  private func withCarriedFloats(_ layout: IRType, in argument: Value) -> IRType {
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    let object = MemoryTypes.underlyingObject(argument)
    var carried: [Int: IRType] = [:]
    for block in blocks {
      for store in block.instructions where store.opcode == LLVMStore {
        let value = store.operand(0)
        guard value.type.isInteger, value.type.integerWidth == 64 || value.type.integerWidth == 32,
          let load = value.asInstruction, load.opcode == LLVMLoad,
          case (let target, let offset?) = CopiedBytes.base(of: store.operand(1), dataLayout),
          MemoryTypes.underlyingObject(target) == object, copiedContent(load) == .floatingPoint
        else { continue }
        carried[offset] =
          value.type.integerWidth == 64 ? .double(in: module.context) : .float(in: module.context)
      }
    }
    guard !carried.isEmpty, layout.isStruct else { return layout }
    var at = 0
    let elements = MemoryTypes.withExplicitPadding(layout, module: module).structElements.map { element -> IRType in
      defer { at += Int(module.allocSize(of: element)) }
      guard element.isInteger, let float = carried[at],
        module.allocSize(of: float) == module.allocSize(of: element)
      else { return element }
      return float
    }
    return .structure(elements, in: module.context, packed: true)
  }

  /// The hint for the parameter `place` points into, and `place`'s byte offset from the parameter
  /// (nil when an index is not constant); nil when no hint covers `place`.
  private func hint(at place: Value) -> (type: IRType, offset: Int?)? {
    let hints = derivative.signature.memoryHints
    guard hints.contains(where: { $0 != nil }),
      let type = MemoryTypes.hintedType(reachedBy: [place], in: original, hints: hints)
    else { return nil }
    let (object, offset) = CopiedBytes.base(of: place, LLVMGetModuleDataLayout(module.ref)!)
    // The offset counts from the parameter (or from the stack slot an unoptimized function keeps it
    // in); from anything else (a phi of addresses) it is unknown.
    guard object.isArgument || MemoryTypes.spilledArgument(object) != nil else { return (type, nil) }
    return (type, offset)
  }

  /// The bytes a memcpy `call` copies as the integer copies of floating-point data this function
  /// stores into them lay them out (`copiedContent`: a load of a double's bits, stored whole; or a
  /// store clang's alias tag names a double's), when
  /// nothing else in the copied range is typed. Optimized C++ builds a lambda's captured `p[3]` in a
  /// `std::function` temporary as an `i64`, then `push_back` into reserved storage moves it with a
  /// 16-byte copy: taken for the manager's pointers beside it, the double's adjoint stayed in the
  /// vector (silently 0).
  func carriedFloatLayoutOfCopiedRange(_ call: Instruction) -> IRType? {
    guard let length = call.arguments[2].constantInt.map({ Int($0) }), length > 0 else { return nil }
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    let sides = call.arguments.prefix(2).compactMap { side -> (Value, Int)? in
      guard case (let object, let start?) = CopiedBytes.base(of: side, dataLayout) else { return nil }
      return (object, start)
    }
    var fields: [Int: IRType] = [:]
    for store in blocks.lazy.flatMap(\.instructions) where store.opcode == LLVMStore {
      let value = store.operand(0)
      guard value.type.isInteger, value.type.integerWidth == 64 || value.type.integerWidth == 32,
        case (let target, let offset?) = CopiedBytes.base(of: store.operand(1), dataLayout),
        let start = sides.first(where: { $0.0 == target })?.1,
        offset >= start, offset + Int(module.storeSize(of: value.type)) <= start + length,
        CopiedBytes.tagNamesFloat(store)
          || value.asInstruction.map({ $0.opcode == LLVMLoad && copiedContent($0) == .floatingPoint })
            ?? false
      else { continue }
      let float: IRType =
        value.type.integerWidth == 64 ? .double(in: module.context) : .float(in: module.context)
      if let known = fields[offset - start], known != float { return nil }
      fields[offset - start] = float
    }
    guard !fields.isEmpty else { return nil }
    return CopiedStructs.packedLayout(
      fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, length: length, module: module)
  }

  /// What the caller's hints say the bytes `load` copies are, when they say one thing: only the
  /// hint's fields at the copied bytes' offsets count, as one scalar type repeats through an array.
  /// A hint whose fields were taken as a bag said "pointer" for a `{char data[8]; void *p}` whose
  /// data a helper copied as an integer, and the double in it lost its adjoint (silently 0).
  func hintedContent(of load: Instruction) -> CopiedBytes.Content? {
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    let size = Int(module.storeSize(of: load.type))
    var places = [load.operand(0)]
    for user in load.value.users {
      if let store = user.asInstruction, store.opcode == LLVMStore { places.append(store.operand(1)) }
    }
    var pointer = false
    var float = false
    for place in places {
      if let found = pointeeHintedEvidence(at: place, size: size) {
        pointer = pointer || found.pointer
        float = float || found.float
        continue
      }
      guard let (type, known) = hint(at: place) else { continue }
      guard let offset = known else {
        // Anywhere in the memory (a byte loop's index): only a hint that is all pointers or all
        // floats says what any of its bytes are.
        let leaves = MemoryTypes.leafKinds(of: type)
        guard leaves.pointer != leaves.float, !leaves.other else { return nil }
        pointer = pointer || leaves.pointer
        float = float || leaves.float
        continue
      }
      let extent = Int(module.storeSize(of: type))
      var at = offset
      if offset + size > extent {
        // Past what a struct hint lays out, nothing is known; a scalar's hint holds all along.
        guard !type.isStruct, !type.isArray, extent > 0 else { return nil }
        at = offset % Int(module.allocSize(of: type))
      }
      let found = CopiedBytes.leafEvidence(of: type, from: at, size: size, dataLayout: dataLayout)
      pointer = pointer || found.pointer
      float = float || found.float
    }
    if pointer && !float { return .pointer }
    if float && !pointer { return .floatingPoint }
    return nil
  }

  /// The bytes a memcpy `call` copies as the caller's hint for a parameter lays them out (a struct
  /// hint seen from the copy's offset, cut to its length), when nothing in the function accesses
  /// them: `std::vector<std::function<double(double)>>::push_back` moves a lambda's captured double
  /// with a 16-byte copy of the function object's storage, whose only typed accesses in the helper
  /// are the manager pointers beside it; taken as the memory's first field, a pointer, the double's
  /// adjoint stayed behind (the gradient through the lambda was silently 0).
  func hintedLayoutOfCopiedRange(_ call: Instruction) -> IRType? {
    layoutOfCopiedRange(call) { side in
      guard let (hint, known) = hint(at: side), hint.isStruct, let offset = known else { return nil }
      return (hint, offset)
    }
  }

  /// The bytes a memcpy `call` copies as `seen` lays out each side (a layout and the side's offset
  /// in it), seen from the copy's offset and cut to its length, when the sides that say something
  /// say the same.
  func layoutOfCopiedRange(_ call: Instruction, seen: (Value) -> (layout: IRType, offset: Int)?) -> IRType? {
    guard let length = call.arguments[2].constantInt.map({ Int($0) }), length > 0 else { return nil }
    var found: IRType?
    for side in call.arguments.prefix(2) {
      guard let (layout, offset) = seen(side),
        let fromOffset = MemoryTypes.layout(layout, from: offset, module: module),
        let cut = MemoryTypes.layout(fromOffset, upTo: length, module: module),
        cut.containsPointer || cut.containsFloatingPoint
      else { continue }
      // Two sides that say different things say nothing; grouping aside (`<2 x double>` where the
      // other side has two doubles: a caller that stores both fields at once), they must agree.
      if let earlier = found, scalarLeaves(of: earlier) != scalarLeaves(of: cut) { return nil }
      found = cut
    }
    return found
  }

  /// The floating-point and pointer leaves of a layout with their offsets, vectors split into their
  /// elements, in the order of their offsets: what a layout says, however it groups the scalars.
  func scalarLeaves(of type: IRType) -> [String] {
    let floats = MemoryTypes.floatLeaves(of: type, module: module).flatMap { offset, leaf in
      guard leaf.isVector else { return [(offset, leaf)] }
      let size = Int64(module.allocSize(of: leaf.elementType))
      return (0..<Int64(leaf.vectorSize)).map { (offset + $0 * size, leaf.elementType) }
    }
    let leaves = floats + MemoryTypes.pointerLeaves(of: type, module: module)
    return leaves.sorted { $0.0 < $1.0 }.map { "\($0.0) \($0.1)" }
  }
}
