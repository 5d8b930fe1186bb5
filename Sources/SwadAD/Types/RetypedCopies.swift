// Copies of memory given back the type of what they copy, before AD.
import CLLVM
import LLVMBinding

/// The optimizer moves memory with whatever type it has at hand; two such copies mislead AD:
///
/// - **A choice between integer copies of floating-point data.** `m = c ? b : a` of structs holding
///   a double, whose addresses escape to helpers, is made `load i64`, `select i64`, `store i64`
///   (`CopiedBytes.isChosenCopy`). The integer type analysis sees doubles there, but `instcombine`
///   makes the loads integers again after `FloatCarriers` splits them, and the choice was refused
///   ("floating-point memory is loaded as an integer").
/// - **A floating-point copy of a pointer.** Clang declares a union by its first member, so a
///   `union { double d; double *p; }` is copied as `load double`, `store double` (tagged as
///   characters) whichever member it holds. A pointer moved as a double does not take
///   its shadow along: the derivative read through the copy followed a null shadow (a crash), or an
///   earlier one (a silently wrong gradient).
///
/// - **A copy of integers in a vector.** SLP-vectorized code moves two pointers (a pair of
///   `std::unique_ptr` moved into a grown `std::vector`'s new storage) as one `load <2 x i64>` and
///   `store <2 x i64>`, which no analysis of integer copies looks at: the pointers' shadows stayed
///   behind, and the reverse sweep followed the new elements' null shadows (a crash). Such a copy,
///   its value only stored, becomes one `i64` copy per element, followed as any integer copy is.
///
/// Where `CopiedBytes` finds the bytes to be only floating-point values, or only pointers, the
/// loads, selects, phis and stores of the copy are rewritten with that type: the same bits, moved as
/// what they are, which both modes follow. A floating-point copy of memory that holds pointers for
/// some accesses and doubles for others is left as it is; reverse mode refuses it
/// (`isAmbiguousFloatCopy`).
enum RetypedCopies {
  static func retype(in function: Function, builder: Builder) {
    let context = function.value.type.context
    let double = IRType(LLVMDoubleTypeInContext(context))
    let pointer = IRType(LLVMPointerTypeInContext(context, 0))
    var done: Set<Value> = []
    // Vectors of 64-bit words are split, to be followed as pointers or doubles; of 32-bit words
    // where the function reads floats back (asked before any is split: a split adds addresses
    // that `FloatsReadBack` has not placed).
    let vectorCopies = function.blocks.flatMap(\.instructions).filter(isIntegerVectorCopy)
    let floatsBefore = vectorCopies.contains { $0.type.elementType.integerWidth == 32 }
      ? FloatsReadBack(function: function) : nil
    for load in vectorCopies {
      if let floatsBefore, load.type.elementType.integerWidth == 32 {
        guard floatsBefore.readsBackFloats(at: copiedElements(of: load), size: 4) else { continue }
      }
      splitIntoElements(load, builder: builder)
    }
    for load in function.blocks.flatMap(\.instructions) where !done.contains(load.value) {
      guard load.opcode == LLVMLoad, !load.isVolatile else { continue }
      if CopiedBytes.isChosenCopy(load), CopiedBytes.content(of: load) == .floatingPoint {
        rewrite(load, as: double, builder: builder, done: &done)
      } else if isFloatCopyOfPointerSize(load), CopiedBytes.content(of: load) == .pointer {
        rewrite(load, as: pointer, builder: builder, done: &done)
      }
    }
    let integerCopies = function.blocks.flatMap(\.instructions).filter(FloatsReadBack.isIntegerCopy)
    guard !integerCopies.isEmpty else { return }
    let readBack = FloatsReadBack(function: function)
    for load in integerCopies where !done.contains(load.value) {
      if let float = readBack.floatType(copiedBy: load) { rewrite(load, as: float, builder: builder, done: &done) }
    }
  }

  /// Whether `load` reads a vector of 64-bit or 32-bit integers (what may be pointers, or doubles' or
  /// floats' bits) only to store it, perhaps with its elements reordered or picked first (the loop
  /// vectorizer's copy of an array reversed, `b[i] = a[n - 1 - i]`, or of every other element).
  private static func isIntegerVectorCopy(_ load: Instruction) -> Bool {
    guard load.opcode == LLVMLoad, !load.isVolatile, load.type.kind == LLVMVectorTypeKind,
      load.type.elementType.isInteger, [32, 64].contains(load.type.elementType.integerWidth)
    else { return false }
    return storedElements(of: load) != nil
  }

  /// Where the elements of the vector copy `load` are copied from and to: each pointer with the
  /// element's byte offset from it.
  private static func copiedElements(of load: Instruction) -> [(pointer: Value, offset: Int)] {
    guard let stores = storedElements(of: load) else { return [] }
    let size = Int(load.type.elementType.integerWidth / 8)
    let sources = Set(stores.flatMap(\.elements)).map { (load.operand(0), $0 * size) }
    return sources + stores.flatMap { store in store.elements.indices.map { (store.store.operand(1), $0 * size) } }
  }

  /// The stores of the vector `load` and, for each, which of the loaded elements it stores in each
  /// of its elements; nil unless every use stores the vector, or a vector of elements picked from
  /// it alone (a `shufflevector` of `load` and nothing) that is then only stored.
  static func storedElements(of load: Instruction) -> [(store: Instruction, elements: [Int])]? {
    let count = Int(load.type.vectorSize)
    var stores: [(store: Instruction, elements: [Int])] = []
    func isStore(_ user: Instruction, of value: Value) -> Bool {
      user.opcode == LLVMStore && !user.isVolatile && user.operand(0) == value && user.operand(1) != value
    }
    for user in load.value.users {
      guard let user = user.asInstruction else { return nil }
      if isStore(user, of: load.value) {
        stores.append((user, Array(0..<count)))
        continue
      }
      guard user.opcode == LLVMShuffleVector, user.operand(0) == load.value,
        LLVMIsUndef(user.operand(1).ref) != 0 || LLVMIsPoison(user.operand(1).ref) != 0
      else { return nil }
      let elements = (0..<Int(user.type.vectorSize)).map { Int(LLVMGetMaskValue(user.ref, UInt32($0))) }
      guard elements.allSatisfy({ (0..<count).contains($0) }) else { return nil }
      let users = user.value.users.compactMap(\.asInstruction)
      guard !users.isEmpty, users.count == user.value.users.count, users.allSatisfy({ isStore($0, of: user.value) })
      else { return nil }
      stores += users.map { ($0, elements) }
    }
    return stores.isEmpty ? nil : stores
  }

  /// Rewrites the vector copy `load` (and its stores) as one copy per element stored, at the
  /// element's offset, each as aligned as its offset from the vector's alignment allows.
  private static func splitIntoElements(_ load: Instruction, builder: Builder) {
    guard let stores = storedElements(of: load) else { return }
    let element = load.type.elementType
    let size = Int(element.integerWidth / 8)
    // Element `index` of the vector at `pointer`, and how aligned it is there.
    let place = { (pointer: Value, index: Int) -> Value in
      index == 0 ? pointer : builder.byteOffset(pointer, Value.constInt(.int(64, in: builder.context), Int64(size * index)))
    }
    let aligned = { (alignment: UInt32, index: Int) -> UInt32 in
      index == 0 ? alignment : min(alignment, UInt32(size))
    }
    builder.position(before: load)
    builder.debugLocation = load.debugLocation
    var elements: [Int: Value] = [:]
    for index in Set(stores.flatMap(\.elements)).sorted() {
      let value = builder.load(element, from: place(load.operand(0), index))
      Instruction(value.ref).alignment = aligned(load.alignment, index)
      copyScalarTag(from: load, to: Instruction(value.ref))
      elements[index] = value
    }
    var picks: Set<Instruction> = []
    for (store, chosen) in stores {
      builder.position(before: store)
      builder.debugLocation = store.debugLocation
      for (index, source) in chosen.enumerated() {
        let stored = builder.store(elements[source]!, to: place(store.operand(1), index))
        Instruction(stored.ref).alignment = aligned(store.alignment, index)
        copyScalarTag(from: store, to: Instruction(stored.ref))
      }
      if let pick = store.operand(0).asInstruction, pick != load { picks.insert(pick) }
      store.eraseFromParent()
    }
    for pick in picks { pick.eraseFromParent() }
    load.eraseFromParent()
  }

  /// Gives an element's access the vector access's type-based alias tag when the tag names the
  /// scalar type each element has (`!{p1 double, p1 double, 0}`), not a field of a record. The
  /// loop vectorizer moves a growing `std::vector<std::unique_ptr<double>>`'s pointers as
  /// `<2 x i64>` tagged as pointers and clears the old slots with a `memset`: without the tag, the
  /// element copies said nothing of pointers, their shadows stayed behind, and the reverse sweep
  /// followed the new elements' null shadows (a crash at -O2 from 9 elements on).
  private static func copyScalarTag(from vectorAccess: Instruction, to access: Instruction) {
    guard let tag = scalarTag(of: vectorAccess) else { return }
    LLVMSetMetadata(access.ref, LLVMGetMDKindID("tbaa", 4), tag)
  }

  /// The type-based alias tag of `access` when it names a scalar type (`!{p1 double, p1 double, 0}`),
  /// not a field of a record.
  private static func scalarTag(of access: Instruction) -> LLVMValueRef? {
    guard let tag = LLVMGetMetadata(access.ref, LLVMGetMDKindID("tbaa", 4)) else { return nil }
    let operands = MetadataOperands.of(tag)
    guard operands.count >= 3, let base = operands[0], let type = operands[1], base == type,
      let offset = operands[2], LLVMIsAConstantInt(offset) != nil, LLVMConstIntGetZExtValue(offset) == 0
    else { return nil }
    return tag
  }


  /// Whether `load` is a floating-point copy (its value only stored, perhaps chosen on the way) of
  /// memory that holds pointers for some accesses and floating-point values for others: a union's
  /// copy that reverse mode cannot follow, whose pointer's shadow would have to move forward and
  /// whose value's adjoint backward.
  static func isAmbiguousFloatCopy(_ load: Instruction) -> Bool {
    isFloatCopyOfPointerSize(load) && CopiedBytes.content(of: load) == .mixed
  }

  /// The loads a stored value was chosen from (itself when it is one), through selects and phis.
  static func copiedLoads(reaching value: Value) -> [Instruction] {
    var loads: [Instruction] = []
    var seen: Set<Value> = [value]
    var work = [value]
    while let next = work.popLast(), let instruction = next.asInstruction {
      let sources: [Value]
      switch instruction.opcode {
      case LLVMLoad:
        loads.append(instruction)
        continue
      case LLVMSelect: sources = [instruction.operand(1), instruction.operand(2)]
      case LLVMPHI: sources = instruction.incoming.map(\.value)
      default: continue
      }
      for source in sources where seen.insert(source).inserted { work.append(source) }
    }
    return loads
  }

  /// A load of a floating-point value the size of a pointer tagged as characters (C's tag for a
  /// union's copy), only stored. (An untagged one, in unoptimized code, has the type the source
  /// gave it: a `std::variant`'s move of its double alternative, next to the move of a pointer
  /// alternative from the same bytes.)
  private static func isFloatCopyOfPointerSize(_ load: Instruction) -> Bool {
    guard load.opcode == LLVMLoad, load.type.isFloatingPoint, !load.isVolatile,
      LLVMGetMetadata(load.ref, LLVMGetMDKindID("tbaa", 4)) != nil, CopiedBytes.isCharacterAccess(load),
      CopiedBytes.choices(from: load) != nil
    else { return false }
    let module = LLVMGetGlobalParent(load.function.ref)!
    let dataLayout = LLVMGetModuleDataLayout(module)!
    return LLVMStoreSizeOfType(dataLayout, load.type.ref) == UInt64(LLVMPointerSize(dataLayout))
  }

  /// Rewrites the copy that starts at `load` (its choices and stores) with values of `target`.
  private static func rewrite(
    _ load: Instruction, as target: IRType, builder: Builder, done: inout Set<Value>
  ) {
    guard let network = CopiedBytes.choices(from: load) else { return }
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(load.function.ref))!
    let bits = IRType(
      LLVMIntTypeInContext(target.context, UInt32(LLVMSizeOfTypeInBits(dataLayout, target.ref))))
    var rewriter = Rewriter(builder: builder, target: target, bits: bits)
    var stores: [Instruction] = []
    for step in [load] + network {
      for user in step.value.users {
        if let store = user.asInstruction, store.opcode == LLVMStore { stores.append(store) }
      }
    }
    for store in stores {
      let value = rewriter.retyped(store.operand(0))
      builder.position(before: store)
      builder.debugLocation = store.debugLocation
      let typed = builder.store(value, to: store.operand(1))
      Instruction(typed.ref).alignment = store.alignment
      store.eraseFromParent()
    }
    // The old copy is dead now: its selects and phis, then the loads they chose from.
    var dead = Set(network + [load] + rewriter.replaced.compactMap(\.asInstruction))
    while let step = dead.first(where: { $0.value.users.isEmpty }) {
      dead.remove(step)
      done.insert(step.value)
      step.eraseFromParent()
    }
  }

  /// The counterparts of type `target` of the values of a copy, made once each.
  private struct Rewriter {
    let builder: Builder
    let target: IRType
    /// The integer of `target`'s size, through which a pointer is made of a floating-point value.
    let bits: IRType
    var made: [Value: Value] = [:]
    var replaced: Set<Value> = []

    mutating func retyped(_ value: Value) -> Value {
      if let known = made[value] { return known }
      guard let instruction = value.asInstruction else {
        // A constant (a zero chosen against a copy) or an argument: the same bits.
        if value.isConstant { return constant(value) }
        return cast(value, after: nil)
      }
      switch instruction.opcode {
      case LLVMLoad where !instruction.isVolatile:
        builder.position(before: instruction)
        builder.debugLocation = instruction.debugLocation
        let typed = builder.load(target, from: instruction.operand(0))
        Instruction(typed.ref).alignment = instruction.alignment
        made[value] = typed
        replaced.insert(value)
        return typed
      case LLVMSelect:
        let chosen = [retyped(instruction.operand(1)), retyped(instruction.operand(2))]
        builder.position(before: instruction)
        builder.debugLocation = instruction.debugLocation
        let typed = builder.select(instruction.operand(0), chosen[0], chosen[1])
        made[value] = typed
        return typed
      case LLVMPHI:
        builder.position(before: instruction)
        let typed = builder.phi(target)
        made[value] = typed.value
        typed.addIncoming(instruction.incoming.map { (retyped($0.value), $0.block) })
        return typed.value
      default:
        return cast(value, after: instruction)
      }
    }

    /// The constant `value`'s bits as a `target`.
    private func constant(_ value: Value) -> Value {
      guard target.isPointer else { return Value(LLVMConstBitCast(value.ref, target.ref)) }
      return Value(LLVMConstIntToPtr(LLVMConstBitCast(value.ref, bits.ref), target.ref))
    }

    /// `value` reinterpreted as a `target`, right after its definition (at the function's entry for
    /// an argument).
    private mutating func cast(_ value: Value, after definition: Instruction?) -> Value {
      if let definition, let next = definition.next, !definition.isPhi {
        builder.position(before: next)
      } else if let definition {
        builder.position(before: definition.parent.firstNonPhi!)
      } else {
        let entry = Function(LLVMGetParamParent(value.ref)).entryBlock!
        builder.position(before: entry.firstNonPhi!)
      }
      let typed =
        target.isPointer
        ? builder.intToPointer(builder.bitCast(value, to: bits), to: target)
        : builder.bitCast(value, to: target)
      made[value] = typed
      return typed
    }
  }
}
