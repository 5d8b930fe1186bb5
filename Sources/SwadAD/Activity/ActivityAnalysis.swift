// Activity analysis: which values can carry a derivative, and which influence an active output.
import CLLVM
import LLVMBinding

/// The activity of a function's values for one set of active parameters.
///
/// A value is *varied* when it may depend on an active input: a float computed from one, a pointer
/// that may point into memory with a shadow (it then has a shadow pointer), a value loaded through
/// such a pointer. A value is *useful* when it may influence an active output: the returned value,
/// a store into shadowed memory, an argument of a differentiated call. Only values that are both
/// need derivative code; everything else is plain primal code.
struct ActivityAnalysis {
  private(set) var varied: Set<Value> = []
  private(set) var useful: Set<Value> = []
  /// The objects (`MemoryTypes.underlyingObject`) reached through pointers without a shadow that a
  /// call given a varied argument beside such a pointer may write a derivative into
  /// (`UnshadowedMemory` stops the program where one is read back). (A store of this function's own
  /// into such memory, handed to a call that runs as it is, is an error when the derivative is made:
  /// `UnshadowedMemory.requireNoDerivativeHandedAway`.)
  private(set) var writtenWithoutShadow: Set<Value> = []
  /// Which integer loads copy whole floating-point values (`WholeFloatCopies`), asked while the
  /// analysis runs.
  private let wholeFloatCopies = WholeFloatCopies.Cache()

  /// - Parameters:
  ///   - function: the function analysed.
  ///   - variedParameters: the indices of parameters that carry a tangent or shadow.
  ///   - activeReturn: whether the returned value is an active output.
  let classifier: CallClassifier
  let globals: GlobalShadows

  init(
    function: Function, variedParameters: Set<Int>, activeReturn: Bool, classifier: CallClassifier,
    globals: GlobalShadows
  ) {
    self.classifier = classifier
    self.globals = globals
    for index in variedParameters { varied.insert(function.parameter(index)) }
    let instructions = function.blocks.flatMap(\.instructions)
    var changed = true
    while changed {
      changed = false
      for instruction in instructions {
        if !varied.contains(instruction.value), isVaried(instruction) {
          varied.insert(instruction.value)
          changed = true
        }
        if recordWritesWithoutShadow(by: instruction) { changed = true }
      }
    }
    computeUseful(instructions: instructions, activeReturn: activeReturn)
  }

  /// Whether `value` may carry a derivative (a shadowed global or a constant pointer into one does).
  func isVaried(_ value: Value) -> Bool { varied.contains(value) || globals.isShadowed(value) }
  /// Whether `value` needs derivative code: varied and useful.
  func isActive(_ value: Value) -> Bool { varied.contains(value) && useful.contains(value) }

  /// Whether a value of this type can hold a derivative or a shadow.
  /// Whether a value of this type, loaded from memory that has a shadow, can be floating-point data
  /// moved as an integer: the optimizer turns small copies (`memcpy` of a double, a struct) into
  /// integer loads and stores. Such loads carry the shadow's bits along, to the stores they feed.
  static func canCarryBits(_ type: IRType) -> Bool {
    type.isInteger && (type.integerWidth == 32 || type.integerWidth == 64)
  }

  /// An integer load the optimizer made from a copy: it says nothing of its type (a load of a genuine
  /// integer carries type-based alias information or a value range) ...
  static func isUntypedCopy(_ load: Instruction) -> Bool {
    let tbaa = LLVMGetMDKindID("tbaa", 4)
    let range = LLVMGetMDKindID("range", 5)
    guard LLVMGetMetadata(load.ref, tbaa) == nil, LLVMGetMetadata(load.ref, range) == nil else {
      return false
    }
    // ... and is only stored elsewhere: a value computed with is a genuine integer.
    return isOnlyStored(load) && !copiesDeclaredInteger(load)
  }

  /// Whether the memory `load` reads, and every place it is stored to, declare an integer that holds
  /// those bytes (not a union's member, not bytes, not a narrower field beside others): a genuine
  /// integer field moved, not a float's bits. A
  /// Swift `String`'s count-and-flags word copied into an array of records `{name: String; value:
  /// Double}` (`zip(names, p).map`, a sort of the records) was taken for a double's bits, of memory
  /// holding pointers too, and reverse mode refused the copy.
  static func copiesDeclaredInteger(_ load: Instruction) -> Bool {
    // An integer field of the Swift records the function works on (`SwiftIntegerFields`).
    if SwiftIntegerFields.isMarked(load) { return true }
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(load.function.ref))!
    let size = Int(LLVMStoreSizeOfType(dataLayout, load.type.ref))
    func declaresInteger(_ pointer: Value) -> Bool {
      CopiedBytes.declaresInteger(
        at: pointer, unionsDeclareNothing: true, covering: size, dataLayout: dataLayout)
    }
    return declaresInteger(load.operand(0))
      && load.value.users.allSatisfy { user in
        user.asInstruction.map { declaresInteger($0.operand(1)) } ?? false
      }
  }

  /// An integer load of a floating-point value's bits, tagged as that value (`load i64 ... !tbaa
  /// double`: clang copies a lambda's captured `double` into a `std::function` so), only stored
  /// elsewhere: a copy of the double, whose derivative goes where it is stored. Taken for an
  /// integer, the gradient through the lambda was silently 0.
  static func isFloatTaggedCopy(_ load: Instruction) -> Bool {
    load.opcode == LLVMLoad && CopiedBytes.tagNamesFloat(load) && isOnlyStored(load)
  }

  /// Whether `load`'s value has uses and every one stores it elsewhere (a copy, not a computation).
  static func isOnlyStored(_ load: Instruction) -> Bool {
    let users = load.value.users
    return !users.isEmpty
      && users.allSatisfy { user in
        guard let store = user.asInstruction, store.opcode == LLVMStore else { return false }
        return store.operand(0) == load.value
      }
  }

  /// A load of one or two bytes only stored elsewhere, typed as nothing or as characters (C's
  /// `unsigned char` swap loop, the way generic code moves elements of any type): it moves whatever
  /// the bytes are, a pointer's, a double's or characters, so the shadow's bytes move with it.
  /// Before, the primal's bytes were mirrored into the destination's shadow: a generic byte swap of
  /// row pointers or of doubles gave wrong derivatives in both modes, silently.
  static func isByteCopy(_ load: Instruction) -> Bool {
    guard load.opcode == LLVMLoad, load.type.isInteger, load.type.integerWidth <= 16,
      load.type.integerWidth % 8 == 0, LLVMGetMetadata(load.ref, LLVMGetMDKindID("range", 5)) == nil,
      CopiedBytes.isCharacterAccess(load)
    else { return false }
    return isOnlyStored(load)
  }

  /// Whether `value` is a floating-point value's bits copied as an integer (an untyped copy or a copy
  /// byte by byte whose bytes `CopiedBytes` finds to be floats). Such bits from memory without a
  /// shadow (constant data) have a zero derivative: mirrored into a shadow like an integer's, they
  /// became the tangent (a `memcpy` of a constant double into a local gave its value as tangent).
  static func isCopiedFloatBits(_ value: Value) -> Bool {
    guard let load = value.asInstruction, load.opcode == LLVMLoad,
      (canCarryBits(load.type) && (isUntypedCopy(load) || isFloatTaggedCopy(load))) || isByteCopy(load)
    else { return false }
    return CopiedBytes.content(of: load) == .floatingPoint
  }

  /// Whether the integer `store` writes, not varied, is a floating-point value's bits whose shadow is
  /// zero, not the integer mirrored: a float's bits copied as an integer (`isCopiedFloatBits`), a
  /// constant read elsewhere as a float (`storesFloatBits`), or an integer stored into memory declared
  /// floating-point at those bytes (`storesIntoDeclaredFloat`).
  static func writesConstantFloatBits(_ store: Instruction) -> Bool {
    isCopiedFloatBits(store.operand(0)) || storesFloatBits(store) || storesIntoDeclaredFloat(store)
  }

  /// Whether `store` writes a 32- or 64-bit integer into memory whose declared type has a
  /// floating-point value of that size at those bytes, and nothing else there (the element a
  /// `getelementptr` indexes: a Swift `[Double]`'s `%TSd`). A Swift interpreter's
  /// `case let .const(d, v): r[d] = v`, over an enum whose payload word is a `Double` in one case and
  /// an `Int` in others, loads the word as an `i64` (also used as an index) and stores it into the
  /// array whole: mirrored into the shadow like an integer's, the constant was its own derivative
  /// (silently wrong in both modes).
  static func storesIntoDeclaredFloat(_ store: Instruction) -> Bool {
    let value = store.operand(0)
    guard store.opcode == LLVMStore, value.type.isInteger, [32, 64].contains(value.type.integerWidth) else {
      return false
    }
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(store.function.ref))!
    let evidence = CopiedBytes.declaredEvidence(
      pointer: store.operand(1), offset: 0, size: Int(value.type.integerWidth / 8), dataLayout: dataLayout)
    return evidence.float && !evidence.pointer
  }

  /// Whether the integer `load` (no `!range`: not a count or an index Swift knows the bounds of) is
  /// stored whole into memory declared floating-point at those bytes (`storesIntoDeclaredFloat`),
  /// and never made a pointer: those bytes are a double's, whatever else the word is used for. A
  /// Swift enum's `Double` payload word appended to an array of tuples (`bars.append((a, b, A,
  /// material))`), also handed to the enum's outlined copy, so not only stored; an interpreter's
  /// payload word, an index in its `.param(Int)` case and appended to a `[Double]` stack in its
  /// `.push(Double)` case. Taken for an integer, its derivative was dropped (silently 0). Loaded
  /// from memory without a derivative (a constant program), the word is still inactive, and the
  /// stored bits a constant's (`writesConstantFloatBits`).
  static func isStoredIntoDeclaredFloat(_ load: Instruction) -> Bool {
    guard load.opcode == LLVMLoad, load.type.isInteger,
      LLVMGetMetadata(load.ref, LLVMGetMDKindID("range", 5)) == nil,
      load.value.users.allSatisfy({ user in user.asInstruction.map { $0.opcode != LLVMIntToPtr } ?? false })
    else { return false }
    return load.value.users.contains { user in
      guard let store = user.asInstruction, store.opcode == LLVMStore, store.operand(0) == load.value else {
        return false
      }
      return storesIntoDeclaredFloat(store)
    }
  }

  /// Whether `store` writes a constant's bits that the function also reads as a floating-point
  /// value: a Swift enum's `Double` payload (`.scale(1.5)`) stored as an `i64`, read back by the case
  /// that holds a double. Its shadow gets zero, as a float constant's would: mirrored, the bits of 1.5
  /// were a tangent of 1.5. (An array's count beside its elements is before them: still mirrored.)
  /// The reads are looked for in the functions the memory is passed to as well (`[Double?]` with a
  /// constant element handed to a helper that is not inlined: the tangent read there was the
  /// constant, 2.0 for a literal 2.0).
  /// An exponent built in the integer (`(uint64_t)(k + 1023) << 52`, a power of two written through
  /// a `uint64_t *` into a `double` array) is such bits too: mirrored, each 2^k was its own tangent.
  /// Like a constant that can only be a double's, it is taken for one where nothing reads it back
  /// (written into a duplicated output for the caller, whose tangent was 2^k): as an integer it is a
  /// multiple of 2^52 (2^23 in 32 bits), which no count, index or size is.
  static func storesFloatBits(_ store: Instruction) -> Bool {
    let value = store.operand(0)
    guard store.opcode == LLVMStore, value.type.isInteger, [32, 64].contains(value.type.integerWidth),
      value.isConstant && !value.isNull || isShiftedIntoExponent(value)
    else { return false }
    if ConstantBits.isPlainlyDouble(value) || isShiftedIntoExponent(value) { return true }
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(store.function.ref))!
    guard let stored = CopiedBytes.lowestOffset(of: store.operand(1), dataLayout) else { return false }
    let end = stored.offset + Int(value.type.integerWidth / 8)
    return readsFloat(
      of: stored.object, bytes: stored.offset..<end, exact: stored.exact, in: store.function, depth: 3,
      dataLayout: dataLayout)
  }

  /// Whether the integer `value` is shifted into a float's exponent field (left by 52 bits or more
  /// in 64 bits, 23 or more in 32): a power of two made from its exponent.
  /// (`(k + 1023) << 52` is folded into `(k << 52) + bits(1.0)`: a constant added or or-ed in
  /// keeps it one.)
  private static func isShiftedIntoExponent(_ value: Value) -> Bool {
    guard let step = value.asInstruction else { return false }
    switch step.opcode {
    case LLVMShl:
      guard let amount = step.operand(1).constantInt else { return false }
      return amount >= (value.type.integerWidth == 64 ? 52 : 23)
    case LLVMAdd, LLVMOr:
      let (a, b) = (step.operand(0), step.operand(1))
      return a.isConstant && isShiftedIntoExponent(b) || b.isConstant && isShiftedIntoExponent(a)
    default:
      return false
    }
  }

  /// Whether `value` is a choice (`select`, nested) one of whose arms is a constant that can only be
  /// a float's or a double's bits (`ConstantBits.isPlainlyFloat`): a Swift `Double?` or enum payload word set to a
  /// constant in one case (`x > 1 ? 3.0 : nil`, `.clipped(x, 3)` beside `.ok(x)`) and to something
  /// else in the other. Mirrored into a shadow whole, the constant was its own tangent (forward mode
  /// gave 9 for 3); its arm's shadow is zero (`shadowOfChosenBits`).
  static func choosesConstantFloatBits(_ value: Value) -> Bool {
    guard value.type.isInteger, [32, 64].contains(value.type.integerWidth), let choice = value.asInstruction
    else {
      return false
    }
    if isPhiOfConstantFloatBits(choice) { return true }
    guard choice.opcode == LLVMSelect else { return false }
    return [choice.operand(1), choice.operand(2)].contains { arm in
      arm.isConstant ? ConstantBits.isPlainlyFloat(arm) : choosesConstantFloatBits(arm)
    }
  }

  /// Whether `phi` merges only constants, zeros and a float's or double's bits
  /// (`ConstantBits.isPlainlyFloat`), at least one of them: the payload word of a `switch` choosing
  /// `.clipped(x, at: 1)` or `.missing`. Its shadow is zero on every path.
  static func isPhiOfConstantFloatBits(_ phi: Instruction) -> Bool {
    guard phi.opcode == LLVMPHI else { return false }
    let incoming = phi.incoming.map(\.value)
    return incoming.allSatisfy {
      $0.isConstant && ($0.isNull || $0.isUndef || ConstantBits.isPlainlyFloat($0))
    }
      && incoming.contains(where: ConstantBits.isPlainlyFloat)
  }

  /// Whether `function` (or, `depth` calls deep, a defined function it passes `object` to) loads a
  /// floating-point value from `object`'s `bytes` (from `bytes.lowerBound` on when not `exact`).
  private static func readsFloat(
    of object: Value, bytes: Range<Int>, exact: Bool, in function: Function, depth: Int,
    dataLayout: LLVMTargetDataRef
  ) -> Bool {
    for block in function.blocks {
      for instruction in block.instructions {
        if instruction.opcode == LLVMLoad, instruction.type.isFloatingPoint {
          guard let read = CopiedBytes.lowestOffset(of: instruction.operand(0), dataLayout),
            read.object == object
          else { continue }
          let readEnd = read.offset + Int(LLVMStoreSizeOfType(dataLayout, instruction.type.ref))
          // An offset that is not exact is its lowest: the access may be anywhere past it.
          let overlaps: Bool
          switch (read.exact, exact) {
          case (true, true): overlaps = read.offset < bytes.upperBound && bytes.lowerBound < readEnd
          case (false, true): overlaps = read.offset < bytes.upperBound
          case (true, false): overlaps = bytes.lowerBound < readEnd
          case (false, false): overlaps = true
          }
          if overlaps { return true }
        } else if depth > 0, instruction.isCall, let callee = instruction.calledFunction,
          !callee.isDeclaration,
          instruction.calledFunctionType == callee.type
        {
          for (index, argument) in instruction.arguments.enumerated() where index < callee.parameters.count {
            // The address itself, or (Swift passes an enum's array payload so) as an integer the
            // callee makes a pointer again.
            let address = argument.type.isPointer ? argument : Self.addressPassedAsInteger(argument)
            guard let address, let passed = CopiedBytes.lowestOffset(of: address, dataLayout),
              passed.object == object
            else { continue }
            // The bytes as the callee sees them, from its parameter.
            let shift = passed.offset
            guard bytes.upperBound > shift else { continue }
            let inner = max(bytes.lowerBound - shift, 0)..<(bytes.upperBound - shift)
            let parameter = callee.parameters[index]
            let seen = argument.type.isPointer ? [parameter] : Self.pointersMade(from: parameter)
            for pointer in seen
            where readsFloat(
              of: pointer, bytes: inner, exact: exact && passed.exact, in: callee, depth: depth - 1,
              dataLayout: dataLayout)
            {
              return true
            }
          }
        }
      }
    }
    return false
  }

  /// The pointer an integer argument is the address of (`ptrtoint`, with tag bits set or cleared by a
  /// constant), or nil.
  private static func addressPassedAsInteger(_ integer: Value) -> Value? {
    guard var step = integer.asInstruction else { return nil }
    while step.opcode == LLVMOr || step.opcode == LLVMAnd {
      guard step.operand(1).isConstant, let next = step.operand(0).asInstruction else { return nil }
      step = next
    }
    return step.opcode == LLVMPtrToInt ? step.operand(0) : nil
  }

  /// The pointers a function makes of its integer parameter (`inttoptr`, after tag bits are set or
  /// cleared by a constant).
  private static func pointersMade(from integer: Value) -> [Value] {
    integer.users.compactMap(\.asInstruction).flatMap { user -> [Value] in
      switch user.opcode {
      case LLVMIntToPtr: return [user.value]
      case LLVMOr,
        LLVMAnd where user.operand(1).isConstant:
        return pointersMade(from: user.value)
      default: return []
      }
    }
  }

  /// Whether a value of this type can be an address with a shadow: a pointer, or an integer as wide.
  static func canCarryAddress(_ type: IRType) -> Bool {
    type.isPointer || (type.isInteger && type.integerWidth == 64)
  }

  /// For `add`/`sub`/`and`/`or` on an integer address: the index of the operand that is the address
  /// (the other is an offset without a shadow, a constant mask, or tag bits), or nil if the
  /// instruction is not address arithmetic.
  static func addressOperand(of instruction: Instruction, varied: (Value) -> Bool) -> Int? {
    guard instruction.type.isInteger, instruction.type.integerWidth == 64 else { return nil }
    let first = varied(instruction.operand(0))
    let second = varied(instruction.operand(1))
    if instruction.opcode == LLVMAnd {
      // Rounding an address down to an alignment (Eigen's and others' hand-aligned malloc): the
      // shadow is rounded the same way, which keeps it inside its own allocation; so are tag bits
      // masked off.
      if first && !second && instruction.operand(1).isConstant { return 0 }
      if second && !first && instruction.operand(0).isConstant { return 1 }
      return nil
    }
    if instruction.opcode == LLVMOr {
      // Tag bits set in an address's spare bits are set in the shadow's: Swift tags the pointers to
      // an enum's class payloads and `indirect` boxes with the case, in the top bits (a constant, or
      // chosen at run time between cases), and the derivatives through them were silently 0.
      if first && !second { return 0 }
      if second && !first { return 1 }
      return nil
    }
    if first && !second { return 0 }
    if second && !first && instruction.opcode == LLVMAdd { return 1 }
    return nil
  }

  static func canCarryDerivative(_ type: IRType) -> Bool {
    type.containsFloatingPoint || type.containsPointer
  }

  private func anyVaried(_ values: [Value]) -> Bool { values.contains { isVaried($0) } }

  /// Whether some of `values` are floats or pointers that carry derivatives or shadows.
  private func carriesDerivativeData(_ values: [Value]) -> Bool {
    values.contains { isVaried($0) && Self.canCarryDerivative($0.type) }
  }

  /// Throws `error` when `call`, which has no derivative (an unknown or indirect callee), receives
  /// derivative data. Only floats and pointers count: an address passed as an integer (to a hash or
  /// a log, say) is no derivative's business.
  func requireNoDerivativeData(in call: Instruction, else error: @autoclosure () -> ADError) throws {
    if receivesDerivativeData(call) { throw error() }
  }

  /// Whether floats or pointers with derivatives go into `call`, or its result is an active value.
  func receivesDerivativeData(_ call: Instruction) -> Bool {
    carriesDerivativeData(call.arguments) || isActive(call.value)
  }

  /// Whether a call argument carries a derivative or a shadow into the callee.
  func isActiveArgument(_ value: Value) -> Bool {
    isVaried(value) && (Self.canCarryDerivative(value.type) || Self.canCarryAddress(value.type))
  }

  /// Whether the object `allocation` makes is only written here and handed to functions without
  /// derivative (and counted): the `[Any]` array `print(x, y)` builds, the `[CVarArg]` one of
  /// `String(format:)` (a stack object). Nothing differentiated reads
  /// it, so it needs no shadow; a shadow of zeros would not be destroyable either (its elements'
  /// type fields are the primal's alone), and releasing it crashed.
  private func isOnlyWrittenForOutput(_ allocation: Instruction) -> Bool {
    var seen: Set<Value> = []
    var work = [allocation.value]
    var handed = false
    while let value = work.popLast() {
      guard seen.insert(value).inserted else { continue }
      for user in value.users {
        guard let instruction = user.asInstruction else { return false }
        switch instruction.opcode {
        case LLVMGetElementPtr, LLVMBitCast: work.append(instruction.value)
        case LLVMStore where instruction.operand(0) != value: continue
        case LLVMLoad where !instruction.type.containsFloatingPoint && !instruction.type.containsPointer:
          continue  // the count, to destroy the elements
        case LLVMCall, LLVMInvoke:
          switch classifier.semantics(of: instruction) {
          case .inactive: handed = true
          case .referenceCounting: continue
          case .defined(let callee) where callee.name == "__swift_fixLifetime": continue
          default: return false
          }
        default: return false
        }
      }
    }
    return handed
  }

  /// Adds to `writtenWithoutShadow` the objects the call `instruction` may write a derivative into
  /// through a pointer without a shadow; whether it added one.
  private mutating func recordWritesWithoutShadow(by instruction: Instruction) -> Bool {
    guard instruction.opcode == LLVMCall || instruction.opcode == LLVMInvoke,
      case .defined = classifier.semantics(of: instruction),
      instruction.arguments.contains(where: { isVaried($0) && Self.canCarryDerivative($0.type) })
    else { return false }
    var added = false
    for pointer in instruction.arguments where pointer.type.isPointer && !isVaried(pointer) {
      added = writtenWithoutShadow.insert(MemoryTypes.underlyingObject(pointer)).inserted || added
    }
    return added
  }

  /// Whether `call` is given a pointer without a shadow into memory this function may have written
  /// a derivative into (`writtenWithoutShadow`): its result may be that value read back. Memory from
  /// an allocator swad does not know (`mmap`), filled by one helper (`put(d, x)`) and read by
  /// another (`get(d)`): taken for a call without derivative, the read was not checked and the
  /// gradient was silently 0; differentiated, its read of memory without a shadow stops the program.
  private func readsWrittenWithoutShadow(_ call: Instruction) -> Bool {
    !writtenWithoutShadow.isEmpty
      && call.arguments.contains { argument in
        argument.type.isPointer && !isVaried(argument)
          && writtenWithoutShadow.contains(MemoryTypes.underlyingObject(argument))
      }
  }

  private func isVaried(_ instruction: Instruction) -> Bool {
    let type = instruction.type
    switch instruction.opcode {
    case LLVMAlloca:
      // A stack slot gets a shadow (a dead one is removed by the optimizer), unless it only ever
      // holds values without derivatives (`ConstantSlots`: a constant passed by reference). Not the
      // error register's.
      return !SwiftRuntime.isErrorSlot(instruction)
        && !ConstantSlots.holdsOnlyUnvaried(instruction, isVaried: { self.isVaried($0) })
        && !ConstantSlots.isExistentialWithoutDerivative(instruction, isVaried: { self.isVaried($0) })
    case LLVMLoad:
      // An integer the alias tag says is a pointer carries a shadow pointer's bytes (`CopiedBytes`).
      let carried =
        (Self.canCarryBits(type) && (Self.isUntypedCopy(instruction) || Self.isFloatTaggedCopy(instruction)))
        || (Self.canCarryAddress(type) && CopiedBytes.readsPointer(instruction))
        // A choice between copies (`CopiedBytes.isChosenCopy`) carries the shadow's bytes unless they
        // are a float's: a pointer's shadow goes along, and an integer's shadow bytes are its own
        // (mirrored), so carrying them changes nothing. Floating-point bytes are refused (`FloatBits`).
        || (CopiedBytes.isChosenCopy(instruction) && CopiedBytes.content(of: instruction) != .floatingPoint)
        || Self.isByteCopy(instruction)
        || (Self.canCarryBits(type) && Self.isStoredIntoDeclaredFloat(instruction))
      guard isVaried(instruction.operand(0)) else { return false }
      return Self.canCarryDerivative(type) || carried || wholeFloatCopies.copiesFloatBits(instruction)
    case LLVMStore, LLVMFence, LLVMBr, LLVMSwitch, LLVMRet, LLVMUnreachable, LLVMIndirectBr:
      return false
    case LLVMGetElementPtr, LLVMAddrSpaceCast:
      return isVaried(instruction.operand(0))
    case LLVMICmp, LLVMFCmp, LLVMFPToSI, LLVMFPToUI, LLVMSIToFP, LLVMUIToFP:
      return false
    case LLVMPtrToInt, LLVMIntToPtr:
      // An address passed as an integer (Swift passes optional pointers so) keeps its shadow.
      return Self.canCarryAddress(instruction.operand(0).type) && Self.canCarryAddress(type)
        && isVaried(instruction.operand(0))
    case LLVMAdd, LLVMSub, LLVMAnd, LLVMOr:
      // Address arithmetic on such an integer: one operand is the address, the other an offset (or
      // an alignment mask, or tag bits).
      return Self.addressOperand(of: instruction, varied: isVaried) != nil
    case LLVMSelect:
      return (Self.canCarryDerivative(type) || Self.canCarryAddress(type))
        && anyVaried([instruction.operand(1), instruction.operand(2)])
    case LLVMPHI:
      return (Self.canCarryDerivative(type) || Self.canCarryAddress(type)) && anyVaried(instruction.operands)
    case LLVMCall, LLVMInvoke:
      switch classifier.semantics(of: instruction) {
      case .allocation(.writtenThrough): return false  // the result is a status; the pointer is stored
      case .allocation(.swiftObject), .allocation(.swiftStackObject):
        return !isOnlyWrittenForOutput(instruction)
      case .allocation: return true
      case .mirroredOnShadows:
        // A node of a shadowed container (`_Rb_tree_decrement(header)`: a std::set's last element)
        // is the mirrored call's result on the shadows, and so is a Swift dynamic cast's object.
        // (Swift's array methods mirrored so return
        // buffers that the code reaches again through the array's own memory.)
        guard let name = instruction.calledFunction?.name,
          CXXRuntime.isNodeLinking(name) || SwiftRuntime.isDynamicCast(name)
        else { return false }
        return type.isPointer && anyVaried(instruction.arguments.filter(\.type.isPointer))
      case .inactive, .deallocation, .memorySet, .memoryTransfer, .sort, .referenceCounting, .openMP,
        .arrayElementCopy:
        return false
      case .rule: return type.containsFloatingPoint && anyVaried(instruction.arguments)
      case .search(let routine):
        // The address found, not `strtod`'s number (its end has the shadow, written through).
        return routine.returnsAddress && isVaried(instruction.arguments[routine.base])
      case .defined(let callee):
        // A returned pointer may point into memory the callee made (an allocation wrapper, a pool
        // slot): it has a shadow whatever the arguments, which the callee's derivative returns.
        if type.containsPointer { return true }
        return Self.canCarryDerivative(type)
          && (anyVaried(instruction.arguments) || globals.isTouched(by: callee)
            || readsWrittenWithoutShadow(instruction))
      case .indirect:
        // As for a defined callee: the target may return a pointer with a shadow, which must then be
        // an error rather than a pointer silently without one (`requireNoDerivativeData`).
        return type.containsPointer || (Self.canCarryDerivative(type) && anyVaried(instruction.arguments))
      case .unknown, .customGradient, .customDerivative, .blas, .mpi:
        return Self.canCarryDerivative(type) && anyVaried(instruction.arguments)
      }
    case LLVMFAdd, LLVMFSub:
      // `(y + 2^52) - 2^52` rounds y: piecewise constant (`RoundingShifts`).
      return anyVaried(instruction.operands) && !RoundingShifts.isRounded(instruction)
    default:
      return Self.canCarryDerivative(type) && anyVaried(instruction.operands)
    }
  }

  /// Backward propagation from the active outputs.
  private mutating func computeUseful(instructions: [Instruction], activeReturn: Bool) {
    var worklist: [Value] = []
    func mark(_ value: Value) {
      if varied.contains(value) && !useful.contains(value) {
        useful.insert(value)
        worklist.append(value)
      }
    }
    // Roots: returned values, values stored into shadowed memory, arguments of calls that are
    // differentiated or transfer memory.
    for instruction in instructions {
      switch instruction.opcode {
      case LLVMRet where activeReturn && instruction.operandCount > 0:
        mark(instruction.operand(0))
      case LLVMStore:
        if isVaried(instruction.operand(1)) {
          mark(instruction.operand(0))
          mark(instruction.operand(1))
        }
      case LLVMAtomicRMW:
        // An atomic update of shadowed memory (`#pragma omp atomic`) stores like a store.
        if isVaried(instruction.operand(0)) {
          mark(instruction.operand(1))
          mark(instruction.operand(0))
        }
      case LLVMCall, LLVMInvoke:
        switch classifier.semantics(of: instruction) {
        case .defined, .unknown, .indirect, .memoryTransfer, .memorySet, .sort, .deallocation,
          .customGradient,
          .customDerivative, .mirroredOnShadows, .blas, .mpi, .openMP, .arrayElementCopy:
          instruction.arguments.forEach(mark)
        case .allocation, .rule, .inactive, .referenceCounting, .search: break
        }
      default: break
      }
    }
    // Operands of useful values are useful; a useful load makes its pointer useful.
    while let value = worklist.popLast() {
      guard let instruction = value.asInstruction else { continue }
      switch instruction.opcode {
      case LLVMPHI:
        instruction.incoming.forEach { mark($0.value) }
      case LLVMCall, LLVMInvoke:
        instruction.arguments.forEach(mark)
      default:
        instruction.operands.forEach(mark)
      }
    }
  }
}
