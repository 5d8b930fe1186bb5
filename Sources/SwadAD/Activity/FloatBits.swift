// Floating-point data turned into integer bits: allowed while the bits only feed tests, an error
// where they could carry the value on (and its derivative with it, which swad would lose).
import CLLVM
import LLVMBinding

extension ActivityAnalysis {
  /// Integer operations that keep carrying the bits of a value they were given.
  private static let bitCarriers: Set<UInt32> = [
    LLVMZExt, LLVMSExt, LLVMTrunc, LLVMShl, LLVMLShr, LLVMAShr, LLVMAnd, LLVMOr, LLVMXor, LLVMAdd, LLVMSub,
    LLVMMul, LLVMInsertElement, LLVMExtractElement, LLVMShuffleVector, LLVMInsertValue, LLVMExtractValue,
    LLVMPHI, LLVMSelect, LLVMFreeze,
  ].reduce(into: []) { $0.insert($1.rawValue) }
  /// Operations that pass a value on, or work on its bits: all that an integer loaded from
  /// floating-point memory may go through and still be taken for the float's bits (a sign flipped
  /// with `xor` is still the float, negated; arithmetic on it says it is an integer).
  private static let valueCarriers: Set<UInt32> = [
    LLVMInsertElement, LLVMExtractElement, LLVMInsertValue, LLVMExtractValue, LLVMPHI, LLVMSelect, LLVMFreeze,
    LLVMAnd, LLVMOr, LLVMXor, LLVMShl, LLVMLShr, LLVMAShr, LLVMTrunc, LLVMZExt, LLVMSExt,
  ].reduce(into: []) { $0.insert($1.rawValue) }

  /// Throws when a varied floating-point value of `function` is reinterpreted as an integer
  /// (`bitcast double to i64`, what `memcpy(&bits, &x, 8)` and unions become) and those bits reach a
  /// call, a return, a store or a conversion back to floating point: the value travels on as an
  /// integer, and with it a derivative that swad does not follow yet (C's ABI passes `{float, int}`
  /// structs that way too). Bits that only feed comparisons (`signbit`, NaN tests) are fine.
  func requireFloatBitsStayLocal(in function: Function) throws {
    let floatObjects = objectsAccessedAsFloats(in: function)
    // An OpenMP reduction's compare-exchange loop, which derivatives never take (`Rules/OpenMP`).
    let untaken = OpenMPRuntime.atomicReductionBlocks(in: function)
    for block in function.blocks where !untaken.contains(block) {
      for instruction in block.instructions {
        let what: String
        switch instruction.opcode {
        case LLVMBitCast:
          let source = instruction.operand(0)
          // The bits of a value shifted for rounding (`y + 1.5·2^52`: its low bits are round(y), as
          // musl's exp reads k) are piecewise constant, as the rounded value is (`RoundingShifts`).
          guard source.type.containsFloatingPoint, !instruction.type.containsFloatingPoint,
            !instruction.type.containsPointer, isVaried(source), !RoundingShifts.isShiftedForRounding(source)
          else { continue }
          what =
            "a floating-point value (\(source.name.isEmpty ? "\(source.type)" : "'\(source.name)'")) is "
            + "reinterpreted as an integer here"
        case LLVMLoad:
          // `memcpy(&bits, &x[i], 8)` from memory with a shadow becomes an integer load of it: an
          // untyped load (no type-based alias tag) of memory the function also reads or writes as
          // floats. A load only stored elsewhere is a copy, which carries its derivative, and so is one
          // stored into memory declared floating-point (`isStoredIntoDeclaredFloat`); one through a
          // struct's field (`p->id`) reads what the field's type says.
          let pointer = instruction.operand(0)
          // Bits that become a float again are a float's, wherever the memory is read as floats:
          // the derivative would go through the integers (Eigen's SSE broadcast of a packed double,
          // a shuffle of its 32-bit halves, in a function that reads that memory no other way).
          let type = instruction.type
          if type.isVector, type.elementType.isInteger, isVaried(pointer), Self.becomesFloatAgain(instruction)
          {
            throw ADError(
              "floating-point memory is loaded as an integer here and its bits are made a float again: swad "
                + "does not carry derivatives through integers yet, so this derivative would be lost; load it as "
                + "a floating-point type",
              at: instruction)
          }
          // An integer read from memory with a shadow, without a type tag, whose bits are made a
          // float again through operations that only move or mask bits (what `FloatCarriers` and
          // `ExponentReplacement` make floating-point operations are gone by now): the float's
          // derivative would be lost in the integers (`memcpy` of a double into a `uint64_t`, the
          // sign flipped with `^`, read back). Unless the callers' memory says those bytes are an
          // integer, or the function writes integers there (a generator's state made a double).
          let lanes = type.isVector ? type.elementType : type
          // (Cheapest first: `mayBeFloatBits` scans the function's stores.)
          if Self.canCarryBits(lanes), isVaried(pointer), !isVaried(instruction.value),
            Self.becomesFloatAgain(instruction, through: Self.valueCarriers),
            FloatCarriers.mayBeFloatBits(instruction.value, onlyIntegersMade: true),
            !Self.callersDeclareInteger(at: instruction)
          {
            throw ADError(
              "memory with a derivative is loaded as an integer here and its bits are made a float again: swad "
                + "does not carry derivatives through integers yet, so this derivative would be lost; load it as "
                + "a floating-point type (or use fabs, copysign, frexp instead of operating on the bits)",
              at: instruction)
          }
          // A local integer array a copy filled with floating-point data (`memcpy(bits, x, 8 * n)`
          // into a `uint64_t bits[]` from an array of doubles), read as integers whose bits move on
          // (into another integer array, copied back to doubles later): the arrays declare
          // integers, so their shadows mirrored the values, forward mode gave the values as tangents
          // and reverse mode lost the adjoints (silently).
          if Self.canCarryBits(instruction.type), isVaried(pointer),
            isIntegerArrayFilledWithFloats(pointer, floatObjects: floatObjects, in: function)
          {
            what = "an integer array that a copy filled with floating-point data is loaded as an integer here"
            break
          }
          // A load whose type tag says it reads a float, left an integer because its bits are also
          // used as one (a union of a `double`, a `{char; double}` and a `long` set in a branch:
          // SROA cuts its first word at the `char` and merges the pieces with the integer's).
          if Self.canCarryBits(instruction.type), isVaried(pointer), CopiedBytes.tagNamesFloat(instruction),
            !Self.isFloatTaggedCopy(instruction)
          {
            what = "floating-point memory (its type tag says so) is loaded as an integer here"
            break
          }
          guard Self.canCarryBits(instruction.type), isVaried(pointer), !Self.isUntypedCopy(instruction),
            !Self.isStoredIntoDeclaredFloat(instruction),
            LLVMGetMetadata(instruction.ref, LLVMGetMDKindID("tbaa", 4)) == nil,
            LLVMGetMetadata(instruction.ref, LLVMGetMDKindID("range", 5)) == nil,
            !(pointer.asInstruction.map { $0.opcode == LLVMGetElementPtr && $0.gepSourceElementType.isStruct }
              ?? false),
            let floatAccesses = floatObjects[MemoryWrites.underlyingObject(pointer)],
            case let overlap = Self.overlap(of: instruction, with: floatAccesses), overlap != .none,
            // Where positions leave it open, integer fields the value is stored into say what it is.
            overlap == .certain || !Self.isStoredIntoIntegerFields(instruction),
            // (Bits made a float again are a float's, whatever the callers' slots or the source's
            // declared types say.)
            !(Self.callersDeclareInteger(at: instruction)
              || DeclaredDebugTypes.declaresInteger(at: instruction))
              || Self.becomesFloatAgain(instruction, through: Self.valueCarriers)
          else { continue }
          what = "floating-point memory is loaded as an integer here"
        default:
          continue
        }
        let carriers = instruction.opcode == LLVMLoad ? Self.valueCarriers : Self.bitCarriers
        guard let escape = escapingUse(ofBits: instruction, through: carriers) else { continue }
        throw ADError(
          what + ", and the integer reaches \(escape): swad does not carry derivatives through integers yet, "
            + "so this derivative would be lost; pass the value as a floating-point type (not through memcpy "
            + "into an integer or a union), or mark the callee inactive if it only inspects the bits",
          at: instruction)
      }
    }
  }

  /// Whether `pointer` points into a stack slot declared as integers only (`uint64_t bits[n]`), or a
  /// heap block of the function's own that it reads as integers only (`uint64_t *k = malloc(…)`; the
  /// caller checks a load of it), that a `memcpy` or `memmove` of `function` fills from memory of
  /// floating-point values only: memory the function reads or writes as floats, or a parameter
  /// every caller passes an array of them.
  /// Through the phis and selects that choose between such arrays: a radix sort swaps its key
  /// buffers after each pass, so its loads read from one or the other.
  private func isIntegerArrayFilledWithFloats(
    _ pointer: Value, floatObjects: [Value: [(base: Value, bytes: Range<Int>?)]], in function: Function
  ) -> Bool {
    var seen: Set<Value> = []
    var work = [MemoryWrites.underlyingObject(pointer)]
    while let object = work.popLast(), seen.count < 16 {
      guard seen.insert(object).inserted, let instruction = object.asInstruction else { continue }
      switch instruction.opcode {
      case LLVMPHI: work += instruction.incoming.map { MemoryWrites.underlyingObject($0.value) }
      case LLVMSelect: work += [1, 2].map { MemoryWrites.underlyingObject(instruction.operand($0)) }
      default:
        if isIntegerObjectFilledWithFloats(object, floatObjects: floatObjects, in: function) { return true }
      }
    }
    return false
  }

  private func isIntegerObjectFilledWithFloats(
    _ object: Value, floatObjects: [Value: [(base: Value, bytes: Range<Int>?)]], in function: Function
  ) -> Bool {
    guard let slot = object.asInstruction, floatObjects[object] == nil else { return false }
    if slot.opcode == LLVMAlloca {
      var type = slot.allocatedType
      while type.isArray { type = type.elementType }
      guard type.isInteger, type.integerWidth >= 32 else { return false }
    } else {
      // A radix sort's keys: doubles copied into a block of integers, moved as integers (their type
      // tags say so), copied back; forward mode gave the values as tangents, reverse mode lost them.
      guard slot.isCall, case .allocation = classifier.semantics(of: slot) else { return false }
    }
    return function.blocks.contains { block in
      block.instructions.contains { call in
        guard call.isCall, let name = call.calledFunction?.name,
          name.hasPrefix("llvm.memcpy") || name.hasPrefix("llvm.memmove"),
          MemoryWrites.underlyingObject(call.arguments[0]) == object
        else { return false }
        let source = MemoryWrites.underlyingObject(call.arguments[1])
        return floatObjects[source] != nil || Self.isFloatArrayInEveryCaller(source)
      }
    }
  }

  /// Whether `value` is a parameter that every direct caller passes a stack slot or global of
  /// floating-point values only.
  private static func isFloatArrayInEveryCaller(_ value: Value) -> Bool {
    guard let arguments = CopiedBytes.argumentsPassed(for: value), !arguments.isEmpty else { return false }
    return arguments.allSatisfy { argument in
      let object = MemoryWrites.underlyingObject(argument)
      guard let slot = object.asInstruction, slot.opcode == LLVMAlloca else { return false }
      return CopiedStructs.holdsOnlyFloatingPoint(slot.allocatedType)
    }
  }

  /// Throws when `function` turns back into a pointer (`inttoptr`) an integer that a call of a defined
  /// function returned and that may be the address of memory with a shadow (a varied pointer went in:
  /// `uintptr_t a = address_of(x); ((double *)a)[i]`). Such a result carries no shadow, so the loads
  /// and stores through the pointer would lose their derivatives without a word. (A result made a
  /// pointer directly is returned as a pointer before this: `AddressesReturnedAsIntegers`.) So for a
  /// function without a body here: Swift's unoptimized code makes an `UnsafeBufferPointer` by calling
  /// the library's `init(start:count:)`, which takes the address and returns it as integers; the
  /// derivative through the buffer was silently 0 in both modes.
  func requireReturnedAddressesKeepShadows(in function: Function) throws {
    for block in function.blocks {
      for instruction in block.instructions where instruction.opcode == LLVMIntToPtr {
        // Through the address arithmetic an offset or a mask adds, and the phis and selects that
        // carry the integer round a loop or out of a branch.
        var seen: Set<Value> = []
        var work = [instruction.operand(0)]
        var returner: Function?
        while returner == nil, let integer = work.popLast() {
          guard seen.insert(integer).inserted, let step = integer.asInstruction else { continue }
          switch step.opcode {
          case LLVMAdd, LLVMSub, LLVMAnd, LLVMOr: work.append(step.operand(0))
          case LLVMPHI: work += step.incoming.map(\.value)
          case LLVMSelect: work += [step.operand(1), step.operand(2)]
          case LLVMExtractValue: work.append(step.operand(0))  // a `{start, count}` pair
          default:
            guard step.isCall, !isVaried(step.value),
              step.arguments.contains(where: { isVaried($0) && Self.canCarryAddress($0.type) })
            else { continue }
            if case .defined(let callee) = classifier.semantics(of: step) {
              returner = callee
            } else if let callee = step.calledFunction, callee.isDeclaration, !callee.isIntrinsic,
              step.arguments.contains(where: isAddressOfVariedPointer)
            {
              // (An address itself, not any integer the analysis calls varied: a string's index
              // handed to the library and added to its base is text.)
              returner = callee
            }
          }
        }
        guard let callee = returner else { continue }
        let name = demangledIfPossible(callee.name)
        guard callee.isDeclaration else {
          throw ADError(
            "the address '\(name)' returns as an integer is made a pointer again "
              + "here: swad does not carry a shadow through an address returned as an integer yet, so the "
              + "derivatives through this pointer would be lost; return the pointer as a pointer",
            at: instruction)
        }
        // Swift's library, reached unspecialized: its generic code is in the module once optimized.
        let remedy =
          callee.name.hasPrefix("$s")
          ? "compile the Swift code with -O, whose specializations bring the library's code into the module"
          : "define the function in the module, or pass and return the pointer as a pointer"
        throw ADError(
          "an address with a derivative goes through '\(name)', which has no body in this module, as an "
            + "integer, and what it returns is made a pointer again here: swad cannot follow the shadow "
            + "through it, so the derivatives through this pointer would be lost; \(remedy)",
          at: instruction)
      }
    }
  }

  /// Whether `integer` is the address of a varied pointer (`ptrtoint`), give or take an offset.
  private func isAddressOfVariedPointer(_ integer: Value) -> Bool {
    var seen: Set<Value> = []
    var work = [integer]
    while let value = work.popLast() {
      guard seen.insert(value).inserted, let step = value.asInstruction else { continue }
      switch step.opcode {
      case LLVMPtrToInt: if isVaried(step.operand(0)) { return true }
      case LLVMAdd, LLVMSub, LLVMAnd, LLVMOr: work.append(step.operand(0))
      case LLVMPHI: work += step.incoming.map(\.value)
      case LLVMSelect: work += [step.operand(1), step.operand(2)]
      default: continue
      }
    }
    return false
  }

  /// The underlying objects the function accesses as floating-point data only: loads, stores and
  /// GEPs of float types, and nothing typed otherwise (a struct of a double and an integer count, a
  /// store of an integer, a tagged integer load) — an array of floats. With each, where its float
  /// accesses are: the pointer they are at a constant offset from (`CopiedBytes.base`: the object,
  /// or a pointer stepping through it) and their bytes there, nil where no offset is constant.
  private func objectsAccessedAsFloats(in function: Function) -> [Value: [(base: Value, bytes: Range<Int>?)]]
  {
    var floats: [Value: [(base: Value, bytes: Range<Int>?)]] = [:]
    var others: Set<Value> = []
    // Loads of a header's counts (`!range`, at constant offsets from the object: a Swift array's
    // count and capacity), which say nothing of the elements past them.
    var headers: [Value: Int] = [:]
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(function.ref))!
    for block in function.blocks {
      for instruction in block.instructions {
        guard let access = MemoryWrites.access(by: instruction) else { continue }
        let object = MemoryWrites.underlyingObject(access.pointer)
        if instruction.opcode == LLVMLoad, access.type.isInteger,
          LLVMGetMetadata(instruction.ref, LLVMGetMDKindID("range", 5)) != nil,
          case (let base, let offset?) = CopiedBytes.base(of: access.pointer, dataLayout), base == object
        {
          let end = offset + Int(LLVMStoreSizeOfType(dataLayout, access.type.ref))
          headers[object] = max(headers[object] ?? 0, end)
          continue
        }
        if access.type.isFloatingPointOrVector {
          let (base, offset) = CopiedBytes.base(of: access.pointer, dataLayout)
          let size = Int(LLVMStoreSizeOfType(dataLayout, access.type.ref))
          let bytes = instruction.opcode != LLVMGetElementPtr ? offset.map { $0..<($0 + size) } : nil
          floats[object, default: []].append((base, bytes))
        } else if instruction.opcode == LLVMGetElementPtr {
          // Byte offsets (`getelementptr i8`) say nothing; a struct's fields say it is not an array.
          if access.type.isStruct { others.insert(object) }
        } else if instruction.opcode != LLVMLoad || access.type.containsPointer
          || LLVMGetMetadata(instruction.ref, LLVMGetMDKindID("tbaa", 4)) != nil
          || LLVMGetMetadata(instruction.ref, LLVMGetMDKindID("range", 5)) != nil
        {
          others.insert(object)  // typed as something else: not (only) floats
        }
      }
    }
    // A header below every float access leaves the elements floats.
    return floats.filter { object, accesses in
      guard !others.contains(object) else { return false }
      guard let header = headers[object] else { return true }
      return accesses.allSatisfy { access in
        access.base == object && (access.bytes.map { $0.lowerBound >= header } ?? false)
      }
    }
  }

  /// Whether an integer load's bytes are a float's as far as the function's accesses tell.
  enum FloatOverlap { case none, possible, certain }

  /// Whether the integer `load` may read bytes the function accesses as floats (`floatAccesses`,
  /// `objectsAccessedAsFloats`): not when it and they are at constant offsets from one pointer and
  /// no float's bytes overlap its own, and it is narrower or wider than they are, or a loop steps the
  /// pointer over records in which they do not overlap; certainly where they share bytes at known
  /// offsets. The `int` of a `pair<double, int>` in a `std::set`'s node, read without a tag after
  /// the pair was copied with `memcpy`, and the `int` field of the edges a loop steps through, are
  /// no double's bits.
  private static func overlap(of load: Instruction, with floatAccesses: [(base: Value, bytes: Range<Int>?)])
    -> FloatOverlap
  {
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(load.function.ref))!
    let (base, offset) = CopiedBytes.base(of: load.operand(0), dataLayout)
    guard let offset else { return .possible }
    let bytes = offset..<(offset + Int(LLVMStoreSizeOfType(dataLayout, load.type.ref)))
    // Only an integer of another width than the floats': `x[1]` loaded as an `i64` beside `x[0]`
    // read as a double is the next double of an array. Unless a loop steps the pointer over records
    // of a known size in which the integer and the floats have places of their own (the `long` and
    // the `double` of the `std::pair<long, double>`s a range-for reads), and the integer is used as
    // one too (an index, a comparison, arithmetic: the bits of a complex number's real part copied
    // as an integer are not).
    let stride = isComputedWith(load.value) ? loopStride(of: base, dataLayout) : nil
    var result = FloatOverlap.none
    for access in floatAccesses {
      guard access.base == base, let floatBytes = access.bytes else {
        result = .possible
        continue
      }
      if floatBytes.overlaps(bytes) { return .certain }
      guard floatBytes.count == bytes.count else { continue }
      if let stride {
        switch overlapInRecord(floatBytes, bytes, size: stride) {
        case true?: return .certain
        case false?: continue
        case nil: break
        }
      }
      result = .possible
    }
    return result
  }

  /// Whether the integer `value` is used as a number: an index, a comparison's operand, a sum or a
  /// product (not only moved, nor only its bits looked at).
  private static func isComputedWith(_ value: Value) -> Bool {
    value.users.contains { user in
      guard let instruction = user.asInstruction else { return false }
      switch instruction.opcode {
      case LLVMGetElementPtr: return instruction.operand(0) != value
      case LLVMICmp, LLVMAdd, LLVMSub, LLVMMul, LLVMSDiv, LLVMUDiv, LLVMSRem, LLVMURem, LLVMSIToFP,
        LLVMUIToFP:
        return true
      default: return false
      }
    }
  }

  /// The constant step of a loop's pointer `base` (a phi whose incoming values are the pointer it
  /// starts from and itself advanced by one constant number of bytes), if it has one.
  private static func loopStride(of base: Value, _ dataLayout: LLVMTargetDataRef) -> Int? {
    guard let phi = base.asInstruction, phi.opcode == LLVMPHI else { return nil }
    var steps: Set<Int> = []
    for incoming in phi.incoming {
      let (from, offset) = CopiedBytes.base(of: incoming.value, dataLayout)
      guard from == base else { continue }
      guard let offset, offset > 0 else { return nil }
      steps.insert(offset)
    }
    return steps.count == 1 ? steps.first : nil
  }

  /// Whether two byte ranges, taken in records of `size` bytes, share a byte; nil when one of them
  /// does not lie within one record.
  private static func overlapInRecord(_ a: Range<Int>, _ b: Range<Int>, size: Int) -> Bool? {
    func inRecord(_ range: Range<Int>) -> Range<Int>? {
      let start = ((range.lowerBound % size) + size) % size
      return start + range.count <= size ? start..<(start + range.count) : nil
    }
    guard let a = inRecord(a), let b = inRecord(b) else { return nil }
    return a.overlaps(b)
  }

  /// Whether every store of the integer `load` writes it into an integer field of a record, as the
  /// store's type-based alias tag (`CopiedBytes.tagNamesIntegerField`) or, unoptimized, the declared
  /// type of the memory (`CopiedBytes.declaresInteger`) says, and its bits
  /// are never made a float: a record's integer moved (the `long` of a `std::pair<double, long>`
  /// that `priority_queue::top` copies, read without a tag beside the pair's double), not a float's
  /// bits, which would reach an integer field only through an explicit `memcpy` pun.
  private static func isStoredIntoIntegerFields(_ load: Instruction) -> Bool {
    // Through the merges that carry it unchanged (the pair `top()` copied, or the one just pushed).
    var seen: Set<Value> = []
    var work = [load.value]
    var stores: [(value: Value, store: Instruction)] = []
    while let value = work.popLast() {
      guard seen.insert(value).inserted else { continue }
      for user in value.users {
        guard let instruction = user.asInstruction else { continue }
        switch instruction.opcode {
        case LLVMStore: stores.append((value, instruction))
        case LLVMPHI, LLVMSelect, LLVMFreeze: work.append(instruction.value)
        default: continue
        }
      }
    }
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(load.function.ref))!
    let size = Int(LLVMStoreSizeOfType(dataLayout, load.type.ref))
    func intoIntegerField(_ store: Instruction) -> Bool {
      CopiedBytes.tagNamesIntegerField(store)
        || CopiedBytes.declaresInteger(
          at: store.operand(1), unionsDeclareNothing: true, covering: size, dataLayout: dataLayout)
    }
    return !stores.isEmpty
      && stores.allSatisfy { $0.store.operand(0) == $0.value && intoIntegerField($0.store) }
      && !becomesFloatAgain(load, through: valueCarriers)
  }

  /// Operations that move an integer vector's lanes without changing them.
  private static let laneMovers: Set<UInt32> = [
    LLVMShuffleVector, LLVMExtractElement, LLVMInsertElement, LLVMPHI, LLVMSelect, LLVMFreeze,
  ].reduce(into: []) { $0.insert($1.rawValue) }

  /// Integer intrinsics whose result is made of their operands' bits, moved or chosen: a byte swap
  /// (a big-endian wire format), a rotation, a bit reversal, a maximum or minimum (of doubles'
  /// bits compared as integers, which orders positive doubles). Classified inactive as calls, they
  /// carry the bits on as the instructions in the sets above do: where the bits become a float
  /// again, its derivative would be lost (it was silently 0 in both modes).
  private static let bitMovingIntrinsics = [
    "llvm.bswap.", "llvm.bitreverse.", "llvm.fshl.", "llvm.fshr.", "llvm.umax.", "llvm.umin.", "llvm.smax.",
    "llvm.smin.", "llvm.abs.",
  ]

  /// Whether `instruction`, a user of integer bits, passes them on: one of `carriers`, or a call of
  /// an intrinsic that moves or chooses bits.
  private static func carriesBits(_ instruction: Instruction, through carriers: Set<UInt32>) -> Bool {
    if carriers.contains(instruction.opcode.rawValue) { return true }
    guard instruction.opcode == LLVMCall, let name = instruction.calledFunction?.name, name.hasPrefix("llvm.")
    else { return false }
    return bitMovingIntrinsics.contains { name.hasPrefix($0) }
  }

  /// Whether the bits `load` reads reach a bit cast to floating point through operations that only
  /// move lanes (a shuffle of a double's 32-bit halves that `FloatCarriers` could not make a shuffle
  /// of doubles). Bits changed on the way (a mask that clears the sign) are the older check's.
  private static func becomesFloatAgain(_ load: Instruction, through carriers: Set<UInt32> = laneMovers)
    -> Bool
  {
    var seen: Set<Value> = []
    var work = [load.value]
    while let value = work.popLast() {
      guard seen.insert(value).inserted else { continue }
      for user in value.users {
        guard let instruction = user.asInstruction else { continue }
        if instruction.opcode == LLVMBitCast, instruction.type.containsFloatingPoint { return true }
        if carriesBits(instruction, through: carriers) { work.append(instruction.value) }
      }
    }
    return false
  }

  /// Whether `load` reads, through a parameter at a constant offset, bytes that every caller's
  /// memory declares an integer: the stack slot of its class that each call hands over (or, handed
  /// on, its callers' slots, a few calls up). Unoptimized code has no type-based alias tags, so in
  /// the callee `{rows, cols, value}` (Eigen's `CwiseNullaryOp` of `MatrixXd::Zero(rows, cols)`)
  /// looks like three doubles, its `rows` read as an `i64` beside `value` read as a double; the
  /// caller's `alloca %"class.Eigen::CwiseNullaryOp"` says which are integers.
  private static func callersDeclareInteger(at load: Instruction, depth: Int = 0) -> Bool {
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(load.function.ref))!
    let (base, offset) = CopiedBytes.base(of: load.operand(0), dataLayout)
    guard let offset else { return false }
    return callersDeclareInteger(parameter: base, offset: offset, dataLayout: dataLayout, depth: depth)
  }

  private static func callersDeclareInteger(
    parameter: Value, offset: Int, dataLayout: LLVMTargetDataRef, depth: Int
  ) -> Bool {
    guard depth < 4, parameter.isArgument else { return false }
    let function = Function(LLVMGetParamParent(parameter.ref))
    guard let index = function.parameters.firstIndex(of: parameter) else { return false }
    let uses = function.value.users
    guard !uses.isEmpty else { return false }
    for use in uses {
      // Calls only, of the function itself (its address taken elsewhere: callers unknown).
      guard let call = use.asInstruction, call.isCall, call.calledOperand == function.value,
        index < call.arguments.count
      else { return false }
      let argument = call.arguments[index]
      // (A union's type names one of its members: the bytes may hold another.)
      if CopiedBytes.declaresInteger(
        at: argument, offset: offset, unionsDeclareNothing: true, dataLayout: dataLayout)
      {
        continue
      }
      let (base, more) = CopiedBytes.base(of: argument, dataLayout)
      guard let more,
        callersDeclareInteger(
          parameter: base, offset: offset + more, dataLayout: dataLayout, depth: depth + 1)
      else { return false }
    }
    return true
  }

  /// A description of the first use through which the bits of `bits` leave integer arithmetic and
  /// comparisons, or nil.
  /// Whether `call` receives, beside the integer `integer` (the bits of `bits`, a bit cast of a
  /// float), the float itself, and reads the integer only as an integer: a function whose integer
  /// parameter `FloatCarriers` gave a floating-point twin for its float uses (a Swift enum's payload,
  /// a `Double` in one case and an `Int` in another). The derivative goes with the twin.
  private static func passesFloatBeside(_ bits: Instruction, integer: Value, to call: Instruction) -> Bool {
    guard bits.opcode == LLVMBitCast, call.arguments.contains(bits.operand(0)),
      let callee = call.calledFunction, !callee.isDeclaration
    else { return false }
    for (index, argument) in call.arguments.enumerated() where argument == integer {
      guard index < callee.parameters.count else { return false }
      var seen: Set<Value> = []
      var work = [callee.parameters[index]]
      while let value = work.popLast() {
        guard seen.insert(value).inserted else { continue }
        for user in value.users {
          guard let use = user.asInstruction else { continue }
          switch use.opcode {
          case LLVMPHI, LLVMSelect, LLVMFreeze: work.append(use.value)
          case LLVMBitCast where use.type.containsFloatingPoint: return false
          case LLVMStore, LLVMRet, LLVMCall, LLVMInvoke: return false
          default: continue
          }
        }
      }
    }
    return true
  }

  private func escapingUse(ofBits bits: Instruction, through carriers: Set<UInt32>) -> String? {
    var seen: Set<Value> = []
    var work = [bits.value]
    while let value = work.popLast() {
      guard seen.insert(value).inserted else { continue }
      for user in value.users {
        guard let instruction = user.asInstruction else { continue }
        let opcode = instruction.opcode
        if Self.carriesBits(instruction, through: carriers) {
          work.append(user)
          continue
        }
        switch opcode {
        case LLVMBitCast:
          if instruction.type.containsFloatingPoint { return "a conversion back to floating point" }
          // The same bits in other integer lanes (<2 x i64> as <4 x i32>).
          if !instruction.type.containsPointer { work.append(user) }
        case LLVMIntToPtr where bits.opcode == LLVMBitCast:
          // A float's bits made an address (a pointer merged into a double vector's load, which
          // `PointerLanes` did not take apart). An integer loaded from memory and made a pointer is
          // an address kept as an integer (Swift's optional references), not a float's bits.
          return "a conversion to a pointer (whose shadow cannot come with it)"
        case LLVMStore where instruction.operand(0) == value:
          return "a store to memory"
        case LLVMRet:
          return "the return of '\(instruction.function.name)'"
        case LLVMCall, LLVMInvoke:
          if case .inactive = classifier.semantics(of: instruction) { continue }
          if Self.passesFloatBeside(bits, integer: value, to: instruction) { continue }
          // The function as the user wrote it, not the body `FloatCarriers` split off it.
          let name =
            instruction.calledFunction.map {
              "'\(demangledIfPossible(FloatCarriers.originalName(of: $0.name)))'"
            } ?? "an indirect call"
          return "a call of \(name)"
        default:
          continue
        }
      }
    }
    return nil
  }
}
