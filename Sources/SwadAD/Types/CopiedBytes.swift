// What an integer copy of memory moves: a pointer's bytes or a floating-point value's.
import CLLVM
import LLVMBinding

/// The optimizer turns a small copy (`memcpy` of a struct, a `uint64_t` moved through) into an
/// integer load stored elsewhere, which says nothing of what the bytes are (`isUntypedCopy`). For a
/// floating-point value the reverse sweep moves the adjoint back, like a memcpy's; for a pointer the
/// forward sweep must copy the shadow pointer along, or the code after the copy reads through a null
/// shadow: libstdc++'s `std::function` clones a lambda that captured a pointer with such a copy, and
/// its derivative came out 0 (or crashed).
///
/// The bytes' type comes from the other accesses to the memory copied from and to, at the same
/// offsets: loads and stores of pointers say pointer, of floating-point values say float. Memory
/// reached through a parameter is looked up in the callers too, at the argument they pass (a copy in
/// a helper that is not inlined, as `std::function`'s manager is).
enum CopiedBytes {
  /// What the bytes are: a pointer's, a floating-point value's, both (some accesses say one, some
  /// the other: a union, a generic helper called for both), or nothing says.
  enum Content { case pointer, floatingPoint, mixed, unknown }

  /// What the load `load` copies into the memory its users store to (through the selects and phis
  /// of an `isChosenCopy`): an integer load, or a floating-point one of a union
  /// (`RetypedCopies`).
  static func content(of load: Instruction) -> Content {
    if readsPointer(load) { return .pointer }
    if tagNamesFloat(load) { return .floatingPoint }
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(load.function.ref))!
    let size = Int(LLVMStoreSizeOfType(dataLayout, load.type.ref))
    let network = choices(from: load) ?? []
    var places = [load.operand(0)]
    for step in [load] + network {
      for user in step.value.users {
        if let store = user.asInstruction, store.opcode == LLVMStore { places.append(store.operand(1)) }
      }
    }
    places = places.flatMap(chosenAddresses)
    var pointers = false
    var floats = false
    let copies = Set(
      [load] + network + ([load] + network).flatMap { $0.value.users.compactMap(\.asInstruction) })
    // A floating-point load says what it copies by its type; only accesses to the same bytes can
    // say otherwise (a union's other member), not ones anywhere in an array it indexes.
    let exact = load.type.isFloatingPoint
    var visited: Set<String> = []
    for place in places {
      let declared = declaredEvidence(pointer: place, offset: 0, size: size, dataLayout: dataLayout)
      pointers = pointers || declared.pointer
      floats = floats || declared.float
      let (object, offset) = base(of: place, dataLayout)
      if exact && offset == nil { continue }
      let found = evidence(
        object: object, offset: offset, size: size, in: load.function, depth: 8, excluding: copies,
        exact: exact, dataLayout: dataLayout, visited: &visited)
      pointers = pointers || found.pointer
      floats = floats || found.float
    }
    if pointers && !floats { return .pointer }
    if floats && !pointers { return .floatingPoint }
    if pointers { return .mixed }
    // Nothing at the copied bytes' own offsets says what they are (a union written at a variable
    // index: an array of them filled in a loop). Pointers anywhere in the memory make the copy
    // ambiguous rather than a double's: moved as a double, a pointer's shadow stayed behind.
    if exact {
      for place in places {
        let (object, _) = base(of: place, dataLayout)
        let anywhere = evidence(
          object: object, offset: nil, size: size, in: load.function, depth: 8, excluding: copies,
          dataLayout: dataLayout, visited: &visited)
        if anywhere.pointer { return .mixed }
      }
    }
    return .unknown
  }

  /// The addresses `pointer` is chosen from (`c ? &a : &b`, through selects), or `pointer` itself.
  /// (Not through phis: one that steps through an array in a loop is not the address it starts at.)
  private static func chosenAddresses(_ pointer: Value) -> [Value] {
    guard let select = pointer.asInstruction, select.opcode == LLVMSelect else { return [pointer] }
    return chosenAddresses(select.operand(1)) + chosenAddresses(select.operand(2))
  }

  /// The object `pointer` points into and its constant byte offset there (nil when an index is not
  /// constant).
  static func base(of pointer: Value, _ dataLayout: LLVMTargetDataRef) -> (Value, Int?) {
    var current = pointer
    var offset: Int? = 0
    while let instruction = current.asInstruction {
      switch instruction.opcode {
      case LLVMGetElementPtr:
        if let known = offset, let bytes = StackSlots.constantOffset(of: instruction, dataLayout) {
          offset = known + bytes
        } else {
          offset = nil
        }
      case LLVMBitCast, LLVMAddrSpaceCast: break
      default: return (current, offset)
      }
      current = instruction.operand(0)
    }
    return (current, offset)
  }

  /// The object `pointer` points into through `getelementptr`s and casts, and the lowest byte offset
  /// it may be at there: a variable index taken as zero (arrays are indexed from their start), with
  /// whether the offset is exact (no index was variable).
  static func lowestOffset(of pointer: Value, _ dataLayout: LLVMTargetDataRef) -> (
    object: Value, offset: Int, exact: Bool
  )? {
    var current = pointer
    var offset = 0
    var exact = true
    while let instruction = current.asInstruction {
      switch instruction.opcode {
      case LLVMBitCast, LLVMAddrSpaceCast: break
      case LLVMGetElementPtr:
        guard var type = LLVMGetGEPSourceElementType(instruction.ref).map(IRType.init) else { return nil }
        for position in 1..<instruction.operandCount {
          let index = instruction.operand(position)
          if position > 1, type.isStruct {
            guard let field = index.constantInt else { return nil }
            offset += Int(LLVMOffsetOfElement(dataLayout, type.ref, UInt32(field)))
            type = type.structElements[Int(field)]
            continue
          }
          if position > 1 { type = type.elementType }
          if let constant = index.constantInt {
            offset += Int(constant) * Int(LLVMABISizeOfType(dataLayout, type.ref))
          } else {
            exact = false
          }
        }
      default:
        return (current, offset, exact)
      }
      current = instruction.operand(0)
    }
    return (current, offset, exact)
  }

  /// Whether typed accesses in `function` to `object`'s bytes `offset ..< offset + size` (anywhere
  /// in it when an offset is unknown) load or store pointers, or floating-point values; through a
  /// parameter, also in the callers, `depth` levels up. With `exact`, only accesses at known
  /// offsets count.
  private static func evidence(
    object: Value, offset: Int?, size: Int, in function: Function, depth: Int, excluding: Set<Instruction>,
    exact: Bool = false, dataLayout: LLVMTargetDataRef, visited: inout Set<String>
  ) -> (pointer: Bool, float: Bool) {
    var (pointer, float) = declaredEvidence(
      pointer: object, offset: offset, size: size, dataLayout: dataLayout)
    for block in function.blocks {
      for instruction in block.instructions where !excluding.contains(instruction) {
        guard instruction.opcode == LLVMLoad || instruction.opcode == LLVMStore,
          let access = MemoryWrites.access(by: instruction)
        else { continue }
        let (accessed, at) = base(of: access.pointer, dataLayout)
        guard accessed == object else { continue }
        if let offset, let at {
          let length = Int(LLVMStoreSizeOfType(dataLayout, access.type.ref))
          guard at < offset + size, offset < at + length else { continue }
        }
        if exact && (offset == nil || at == nil) { continue }
        if access.type.containsPointer { pointer = true }
        if access.type.containsFloatingPoint { float = true }
      }
    }
    guard depth > 0, object.isArgument, let index = function.parameters.firstIndex(of: object),
      visited.insert("\(function.name) \(index) \(offset.map(String.init) ?? "?")").inserted
    else {
      return (pointer, float)
    }
    for user in function.value.users {
      guard let call = user.asInstruction, call.isCall, call.calledOperand == function.value,
        index < call.arguments.count
      else { continue }
      let declared = declaredEvidence(
        pointer: call.arguments[index], offset: offset, size: size, dataLayout: dataLayout)
      pointer = pointer || declared.pointer
      float = float || declared.float
      let (passed, at) = base(of: call.arguments[index], dataLayout)
      let found = evidence(
        object: passed, offset: offset.flatMap { inner in at.map { $0 + inner } }, size: size,
        in: call.function,
        depth: depth - 1, excluding: [], exact: exact, dataLayout: dataLayout, visited: &visited)
      pointer = pointer || found.pointer
      float = float || found.float
    }
    return (pointer, float)
  }

  /// Whether the memory a copy byte by byte at `pointer` moves may hold floating-point values, by
  /// the declared types along the way to it, whatever the offset: a stack slot's type, the element
  /// a `getelementptr` indexes (`&v->data[i]` of doubles), and for a parameter, the same in its
  /// callers, up to four levels. A string's characters reach no such type; a generic byte swap of
  /// doubles does, through its callers. Through a byte loop's moving pointer, where it starts (at
  /// the first byte of a double: an inlined generic swap's loop was taken for a string's).
  static func mayHoldFloats(at pointer: Value, depth: Int = 4) -> Bool {
    var visited: Set<Value> = []
    return mayHoldFloats(at: pointer, depth: depth, visited: &visited)
  }

  private static func mayHoldFloats(at pointer: Value, depth: Int, visited: inout Set<Value>) -> Bool {
    var current = pointer
    while visited.insert(current).inserted {
      if let instruction = current.asInstruction {
        switch instruction.opcode {
        case LLVMPHI:
          // A byte loop's moving pointer (stepped from itself on the back edge): where it starts. For
          // a start in a declared type, what the type holds there. Other phis (a string's local
          // buffer or its heap block) say nothing, as before.
          let steps = instruction.incoming.filter { incoming in
            incoming.value.asInstruction.map { $0.opcode == LLVMGetElementPtr && $0.operand(0) == current }
              ?? false
          }
          guard !steps.isEmpty else { return false }
          let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(instruction.function.ref))!
          return instruction.incoming.contains { incoming in
            guard !steps.contains(where: { $0.value == incoming.value }) else { return false }
            if let declared = declaredType(at: incoming.value, dataLayout), !declared.indexesBytes {
              return leafEvidence(of: declared.type, from: declared.offset, size: 1, dataLayout: dataLayout)
                .float
            }
            return mayHoldFloats(at: incoming.value, depth: depth, visited: &visited)
          }
        case LLVMAlloca:
          return instruction.allocatedType.containsFloatingPoint
        case LLVMBitCast, LLVMAddrSpaceCast:
          current = instruction.operand(0)
        case LLVMGetElementPtr:
          if let source = LLVMGetGEPSourceElementType(instruction.ref).map(IRType.init),
            source.containsFloatingPoint
          {
            return true
          }
          current = instruction.operand(0)
        case LLVMLoad:
          // A pointer loaded with clang's alias tag for a pointer to floats ("p1 double": the
          // `double *data` field of a struct), the optimizer having made the indexing bytes; or,
          // without tags (unoptimized code), a pointer loaded from the same place as one through
          // which floats are read or written.
          return pointeeIsFloat(tagOf: instruction) || loadsFromPlaceOfFloats(instruction)
        default:
          return false
        }
      } else if current.isArgument, depth > 0 {
        let function = Function(LLVMGetParamParent(current.ref))
        guard let index = function.parameters.firstIndex(of: current) else { return false }
        return function.value.users.contains { user in
          guard let call = user.asInstruction, call.isCall, call.calledOperand == function.value,
            index < call.arguments.count
          else { return false }
          return mayHoldFloats(at: call.arguments[index], depth: depth - 1, visited: &visited)
        }
      } else {
        return false
      }
    }
    return false
  }

  /// Whether another pointer loaded from `load`'s address in its function is used, through address
  /// arithmetic, to load or store floating-point values.
  private static func loadsFromPlaceOfFloats(_ load: Instruction) -> Bool {
    let place = load.operand(0)
    for user in place.users {
      guard let other = user.asInstruction, other.opcode == LLVMLoad, other.type.isPointer else { continue }
      var seen: Set<Value> = []
      var work = [other.value]
      while let pointer = work.popLast() {
        guard seen.insert(pointer).inserted, seen.count < 64 else { continue }
        for use in pointer.users {
          guard let instruction = use.asInstruction else { continue }
          switch instruction.opcode {
          case LLVMGetElementPtr, LLVMBitCast, LLVMPHI, LLVMSelect: work.append(instruction.value)
          case LLVMLoad where instruction.type.containsFloatingPoint: return true
          case LLVMStore
          where instruction.operand(1) == pointer && instruction.operand(0).type.containsFloatingPoint:
            return true
          default: continue
          }
        }
      }
    }
    return false
  }

  /// Whether the type-based alias tag of `access` (an integer load or store) names a floating-point
  /// type of the integer's width: clang copies a `double` through a `long` view so
  /// (`load i64 ... !tbaa double`, stored as it is into a lambda's captures).
  static func tagNamesFloat(_ access: Instruction) -> Bool {
    let type = access.opcode == LLVMStore ? access.operand(0).type : access.type
    guard type.isInteger, let name = accessTagName(access) else { return false }
    return (name == "double" && type.integerWidth == 64) || (name == "float" && type.integerWidth == 32)
  }

  /// Whether `access`'s type-based alias tag names an integer field of a record (a struct-path tag
  /// `!{record, long, 8}`: `std::pair<double, long>`'s `second`), not a scalar nor characters.
  static func tagNamesIntegerField(_ access: Instruction) -> Bool {
    fieldTagName(access).map { ["int", "long", "long long", "short"].contains($0) } ?? false
  }

  /// Whether `access`'s type-based alias tag names a `char` field of a record (`!{record, omnipotent
  /// char, 16}`: the `char` of a `std::tuple<char, double, int>`, a record's `char tag`). The bytes of
  /// other values moved as characters (`memcpy`, a union's member, an array of `char`) carry the
  /// character type's own scalar tag, or none.
  static func tagNamesCharacterField(_ access: Instruction) -> Bool {
    fieldTagName(access) == "omnipotent char"
  }

  /// The access type's name in `access`'s type-based alias tag when the tag is a struct-path one
  /// into a record (its base type is not the access type).
  private static func fieldTagName(_ access: Instruction) -> String? {
    guard let tag = LLVMGetMetadata(access.ref, LLVMGetMDKindID("tbaa", 4)) else { return nil }
    let operands = MetadataOperands.of(tag)
    guard operands.count >= 3, let record = operands[0], let field = operands[1], record != field else {
      return nil
    }
    return accessTagName(access)
  }

  /// The name of the access type in `access`'s type-based alias tag (`double`, `long`, `omnipotent
  /// char`), if it has one.
  static func accessTagName(_ access: Instruction) -> String? {
    guard let tag = LLVMGetMetadata(access.ref, LLVMGetMDKindID("tbaa", 4)) else { return nil }
    let operands = MetadataOperands.of(tag)
    guard operands.count >= 2, let accessType = operands[1], LLVMIsAMDNode(accessType) != nil else {
      return nil
    }
    return MetadataOperands.of(accessType).first.flatMap({ $0 }).flatMap(MetadataOperands.string)
  }

  /// Whether `load`'s type-based alias tag names a pointer to floating-point values ("p1 double",
  /// "p2 float" …).
  private static func pointeeIsFloat(tagOf load: Instruction) -> Bool {
    guard let tag = LLVMGetMetadata(load.ref, LLVMGetMDKindID("tbaa", 4)) else { return false }
    let operands = MetadataOperands.of(tag)
    guard operands.count >= 2, let access = operands[1], LLVMIsAMDNode(access) != nil,
      let name = MetadataOperands.of(access).first.flatMap({ $0 }).flatMap(MetadataOperands.string),
      name.first == "p", let space = name.firstIndex(of: " ")
    else { return false }
    let pointee = name[name.index(after: space)...]
    return ["double", "float", "long double", "_Float16", "__fp16"].contains(String(pointee))
  }

  /// Whether `load` is an untyped integer load (no type-based alias tag, no value range) that one of
  /// two values is chosen from and stored (`m = cond ? b : a` of a struct holding a pointer, whose
  /// copies the optimizer makes `load i64`, `select i64`, `store i64` when the structs' addresses
  /// escape to a call): only selects (as a chosen value) and phis use it, on the way to stores.
  /// Nothing said the bytes were a pointer, so the primal address went into the shadow memory and
  /// the derivative through it was silently 0; with what `content(of:)` finds, they carry the
  /// shadow's bytes as a plain copy does.
  static func isChosenCopy(_ load: Instruction) -> Bool {
    guard load.opcode == LLVMLoad, load.type.isInteger, load.type.integerWidth == 64,
      LLVMGetMetadata(load.ref, LLVMGetMDKindID("tbaa", 4)) == nil,
      LLVMGetMetadata(load.ref, LLVMGetMDKindID("range", 5)) == nil,
      let network = choices(from: load)
    else { return false }
    return !network.isEmpty
  }

  /// The selects and phis an integer load's value flows through to stores, or nil when it has
  /// another use (arithmetic, a comparison, a call): then it is computed with, not only moved.
  static func choices(from load: Instruction) -> [Instruction]? {
    var network: [Instruction] = []
    var seen: Set<Value> = [load.value]
    var work = [load.value]
    while let value = work.popLast() {
      for user in value.users {
        guard let instruction = user.asInstruction else { return nil }
        switch instruction.opcode {
        case LLVMStore where instruction.operand(0) == value: continue
        case LLVMSelect where instruction.operand(0) != value, LLVMPHI:
          if seen.insert(instruction.value).inserted {
            network.append(instruction)
            work.append(instruction.value)
          }
        default: return nil
        }
      }
    }
    return network
  }

  /// Whether `integer` is made a pointer (`inttoptr`), directly or through the phis and selects that
  /// carry it round a loop (`current = node.next`) and the address arithmetic on it, or in a
  /// function it is passed to (Swift passes an `indirect enum`'s boxes as `i64`s with a tag bit: a
  /// child read from its parent's box and handed to the recursive `eval`).
  private static func isMadePointer(_ integer: Value) -> Bool {
    var seen: Set<Value> = [integer]
    var work = [integer]
    while let value = work.popLast() {
      for user in value.users {
        guard let instruction = user.asInstruction else { continue }
        switch instruction.opcode {
        case LLVMIntToPtr: return true
        case LLVMPHI, LLVMSelect, LLVMAdd, LLVMSub, LLVMAnd, LLVMOr:
          if instruction.type == integer.type, seen.insert(instruction.value).inserted {
            work.append(instruction.value)
          }
        case LLVMCall, LLVMInvoke:
          guard let callee = instruction.calledFunction, !callee.isDeclaration,
            instruction.calledFunctionType == callee.type
          else { continue }
          for (index, argument) in instruction.arguments.enumerated()
          where argument == value && index < callee.parameters.count {
            let parameter = callee.parameter(index)
            if seen.insert(parameter).inserted { work.append(parameter) }
          }
        default: continue
        }
      }
    }
    return false
  }

  /// Whether `instruction` has no type-based alias tag, or one of characters (C's "omnipotent char",
  /// which any type's bytes may be accessed as).
  static func isCharacterAccess(_ instruction: Instruction) -> Bool {
    guard let tag = LLVMGetMetadata(instruction.ref, LLVMGetMDKindID("tbaa", 4)) else { return true }
    let operands = MetadataOperands.of(tag)
    guard operands.count >= 2, let access = operands[1], LLVMIsAMDNode(access) != nil,
      let name = MetadataOperands.of(access).first.flatMap({ $0 }).flatMap(MetadataOperands.string)
    else { return false }
    return name == "omnipotent char"
  }

  /// Whether `instruction` accesses a pointer whatever its IR type: its type-based alias tag says so
  /// (a type node under "any pointer": clang's "p1 double" for a `double *`; the optimizer loads and
  /// stores a pointer it only moves as an integer of its size, as libstdc++'s `std::function` clones
  /// a lambda that captured a pointer), or the integer it loads is made a pointer (`isMadePointer`:
  /// Swift loads an `Optional` class reference, a linked list's `next: Node?`, as an `i64`).
  static func readsPointer(_ instruction: Instruction) -> Bool {
    if instruction.opcode == LLVMLoad, instruction.type.isInteger, isMadePointer(instruction.value) {
      return true
    }
    guard let tag = LLVMGetMetadata(instruction.ref, LLVMGetMDKindID("tbaa", 4)) else { return false }
    let operands = { (node: LLVMValueRef) -> [LLVMValueRef?] in
      var values = [LLVMValueRef?](repeating: nil, count: Int(LLVMGetMDNodeNumOperands(node)))
      values.withUnsafeMutableBufferPointer { LLVMGetMDNodeOperands(node, $0.baseAddress) }
      return values
    }
    // A struct-path tag is (base type, access type, offset); walk the access type up to the root.
    let tagOperands = operands(tag)
    guard tagOperands.count >= 2 else { return false }
    var node = tagOperands[1]
    for _ in 0..<16 {
      guard let current = node, LLVMIsAMDNode(current) != nil else { return false }
      let fields = operands(current)
      guard let name = fields.first ?? nil else { return false }
      var length: UInt32 = 0
      if let bytes = LLVMGetMDString(name, &length),
        String(decoding: UnsafeRawBufferPointer(start: bytes, count: Int(length)), as: UTF8.self)
          == "any pointer"
      {
        return true
      }
      node = fields.count >= 2 ? fields[1] : nil
    }
    return false
  }
}
