// Copies whose bytes only memory elsewhere types: each word's adjoint or pointer shadow told apart
// when the reverse sweep runs.
import CLLVM
import LLVMBinding

/// A copy that no access of its own types as floating-point values (`std::function`'s 16 bytes of
/// storage, relocated by a growing `std::vector`, are "omnipotent char" to clang's type tags, the
/// relocation reads nothing of them, and the manager that clones them stores pointers there for its
/// other operations) takes its type from pointers around it, or from its callers. That guess is
/// wrong when the same helper moves a lambda that captured a double in one element and one that
/// captured a pointer in the next: typed as pointers, the double's adjoint was left behind (the
/// gradient silently 0); typed as doubles, a pointer's shadow was added into the source's as if it
/// were a number.
///
/// The shadow words tell them apart when the reverse sweep runs, as long as every word is a double,
/// a pointer or a small integer. A pointer's shadow (the shadow block's address, or the pointer
/// itself when its memory is constant) is a user-space address, below 2^48 on x86-64 and AArch64
/// Linux, and so is an integer's shadow (its value) unless the integer is huge or negative. An
/// adjoint, a double, has bits of 2^52 or more (a positive normal number's exponent field is not 0;
/// a negative number's sign bit is set) unless it is 0 or subnormal (below 2.3e-308), and moving
/// those would change nothing. (A huge or negative integer's shadow is moved as if it were an
/// adjoint: the integers' shadows, copies of their values, no longer match them, and no derivative
/// reads them.) So the forward sweep copies every shadow word (a pointer's shadow must move with it;
/// a value's is 0 then), and the reverse sweep moves back the words of 2^52 or more as doubles and
/// leaves the others.
///
/// A module that keeps floats other than doubles in memory breaks the rule: a word may hold two
/// floats' adjoints, which are no double, or one float's in its low half, which is no bigger than an
/// integer (a long double's first word is its mantissa). There the words are checked instead of
/// moved: a word that may hold an adjoint (a float's bits in its low half, or 2^48 or more) stops
/// the program, naming the copy, and the others (pointers' shadows, small integers) stay. Before,
/// such a copy was taken for pointers, and the adjoint of a lambda's captured double or float was
/// lost without a word.
extension GradientEmitter {
  /// Whether a 64-bit integer copy (its load) may be told apart at run time.
  func copiedWordsAreSortedAtRunTime(_ load: Instruction) -> Bool {
    load.type.isInteger && load.type.integerWidth == 64 && sortsWordsAtRunTime
  }

  /// Whether this function's copies may be told apart (or checked) at run time: outside parallel
  /// regions, and not Swift's (a bridged object's word carries flags in its high bits, and its
  /// shadow is no double).
  private var sortsWordsAtRunTime: Bool {
    !derivative.signature.inParallelRegion && !UntypedCopies.isSwift(original)
  }

  /// Whether the memcpy or memmove `call` copies whole 8-byte words that no type tag of its own lays
  /// out and no floating-point access of this function to the copied range types, and that the
  /// function's pointer accesses (a `std::function` manager stores its type's and its functor's
  /// addresses where its clone copies the captures), the memory around them or a caller's hint say
  /// hold pointers only, or pointers in some records and doubles in others; or that nothing at all
  /// types, of a constant or a run-time length, between 8-byte aligned ends.
  ///
  /// A copy nothing types (no access, no declared type, no hint: a `std::vector` of
  /// `std::variant<double, const double *>` copied and erased from, its records `{union; index}`
  /// read through a pointer that is the storage or the pointer it holds) was taken for doubles and
  /// checked when it ran, stopping at the first pointer's shadow. Sorted at run time it moves the
  /// doubles' adjoints back and leaves the pointers' shadows, which the forward sweep copied, as
  /// the doubles-only guess did for doubles. Only where both sides are 8-byte aligned (doubles and
  /// pointers then lie on the words, and the bytes after the last whole word hold neither), and
  /// not in a module that keeps other floats; elsewhere (an `int` array's copy, 4-byte aligned and
  /// of any length) the guess and its check stay.
  func copiedWordsAreSortedAtRunTime(copy call: Instruction) -> Bool {
    let length = call.arguments[2].constantInt
    guard length.map({ $0 > 0 }) ?? true, sortsWordsAtRunTime, CopiedStructs.type(of: call, module: module) == nil
    else { return false }
    let range = CopiedStructs.accessesInCopiedRange(call, in: blocks, module: module)
    // Records declared with a union that hold floating-point values: the declaration lays out one
    // member, and the values may lie where another puts them (`Types/CopiedStructs+Unions.swift`;
    // or the caller declares the record it passes, `Gradient+UnionHints`).
    // A copy that leaves out the records' tail padding (`std::swap` of `{variant; int}` moves 28 of
    // 32 bytes) has a last piece shorter than a word, which holds no double: its bytes stay. Where
    // the module keeps other floats the words can only be checked (a stop at the first that may hold
    // an adjoint, the last piece too), and only for a union declared by a member that holds
    // floating-point values beside other bytes (`{char; double}`): a `std::function`'s storage holds
    // none (a swapped `std::function` with its captured double is moved right by the layouts
    // below), and a `std::optional<double>`'s is the double alone, where every member keeps it.
    // (Records whose layout holds pointers too, a `std::function`'s storage, are told apart below.)
    if length.map({ $0 >= 8 }) ?? true,
      let union = CopiedStructs.unionOfCopiedRecords(call, in: blocks, module: module)
        ?? hintedUnionOfCopiedRecord(call),
      moduleNarrowestFloatBitsInMemory == nil
        || (union.containsFloatingPoint && !CopiedStructs.holdsOnlyFloatingPoint(union)),
      (0..<2).allSatisfy({ (call.callSiteAlignment(argument: $0) ?? 1) >= 8 }),
      range.floats || (copiedRangeType(call).map { !$0.containsPointer } ?? true)
    {
      return true
    }
    guard length.map({ $0 % 8 == 0 }) ?? true, !range.floats else { return false }
    if length != nil, pointeeHintSaysMixed(call) { return true }
    // A layout with both (the records the function stores lay the copy out) says where each lies.
    // Where the module keeps other floats the words could only be checked, and a double's adjoint
    // would stop the copy the doubles-only guess moves right.
    guard let guessed = copiedRangeType(call) else {
      return moduleNarrowestFloatBitsInMemory == nil
        && (0..<2).allSatisfy { (call.callSiteAlignment(argument: $0) ?? 1) >= 8 }
    }
    return length != nil && guessed.containsPointer && !guessed.containsFloatingPoint
  }

  /// Whether a by-value argument of `type` is moved back from the callee's copy word by word, told
  /// apart when the reverse runs, as the copies of records declared with a union are (above): a
  /// `{union {double d; struct {char c; double w}}; char index}` passed by value (to a callee that
  /// stores it, as `std::__adjust_heap` does with a `std::variant`) was moved back as its declared
  /// member lays it out, `w` at byte 8, and the adjoint of `d` at byte 0 was lost (silently 0).
  func byValueWordsAreSortedAtRunTime(_ type: IRType) -> Bool {
    guard sortsWordsAtRunTime, module.allocSize(of: type) % 8 == 0, let union = CopiedStructs.union(in: type),
      union.containsFloatingPoint
    else { return false }
    return moduleNarrowestFloatBitsInMemory == nil || !CopiedStructs.holdsOnlyFloatingPoint(union)
  }

  /// The reverse of such a copy: `source[w] += destination[w]; destination[w] = 0` for each word
  /// `w` whose destination shadow is an adjoint (2^52 or more); the other words stay as they are. In
  /// a module that keeps other floats, a stop at the first word that may hold an adjoint.
  /// `copy` names the copy when a check stops; `length` (the copy's constant length, if any) finds
  /// the piece after the last whole word.
  func accumulateWordsSortedAtRunTime(
    into source: Value, from destination: Value, bytes: Value, length: Int64?, copy: Instruction
  ) {
    forEachCopiedElement(into: source, from: destination, bytes: bytes, size: 8) { at, _ in
      if let floatBits = moduleNarrowestFloatBitsInMemory {
        let moved = builder.load(i64, from: builder.byteOffset(destination, at))
        return stopIfWordMayHoldAdjoint(moved, floatBits: floatBits, copy: copy)
      }
      moveWordIfAdjoint(at: at, into: source, from: destination)
    }
    // The last piece of a copy shorter than its records (their tail padding left out) holds no
    // double, but may hold a float's adjoint: checked as the low half of a word.
    guard let floatBits = moduleNarrowestFloatBitsInMemory, let length,
      case let tail = length % 8, tail >= Int64(floatBits / 8)
    else { return }
    let piece = IRType.int(UInt32(min(tail, 4) * 8), in: module.context)
    let last = builder.load(piece, from: builder.byteOffset(destination, Value.constInt(i64, length - tail)))
    Instruction(last.ref).alignment = 1
    stopIfWordMayHoldAdjoint(builder.intCast(last, to: i64, signed: false), floatBits: floatBits, copy: copy)
  }

  /// In a module whose narrowest float other than double has `floatBits`, a stop when the shadow
  /// `word` of `copy` may hold an adjoint: a float's (or half's) bits in its low half with nothing
  /// above, or bits from 2^48 (2^42 with halves) up, beyond any user-space address. Pointers'
  /// shadows and small integers pass.
  private func stopIfWordMayHoldAdjoint(_ word: Value, floatBits: Int, copy: Instruction) {
    let lowest: Int64 = floatBits == 16 ? 1 << 10 : 1 << 23
    let highest: Int64 = floatBits == 16 ? 1 << 42 : 1 << 48
    let inLowHalf = builder.icmp(
      LLVMIntULT, builder.sub(word, Value.constInt(i64, lowest)), Value.constInt(i64, (1 << 32) - lowest))
    let high = builder.icmp(LLVMIntUGE, word, Value.constInt(i64, highest))
    let stop = reverse.appendBlock(named: "copy.holds.adjoint")
    let next = reverse.appendBlock(named: "copy.word.checked")
    stop.moveAfter(builder.insertBlock)
    next.moveAfter(stop)
    builder.condBr(builder.or(inLowHalf, high, "may.hold.adjoint"), stop, next)
    builder.position(atEndOf: stop)
    RunTimeStops.emit(
      "cannot differentiate in reverse mode this copy of memory that no type lays out (std::function "
        + "objects moved or copied by a std::vector, the bytes of a union or a std::variant): one of its words holds an adjoint, "
        + "and in a module that keeps floats other than doubles in memory a word cannot be told "
        + "apart as one double, two floats or a pointer's shadow; keep the floats in another module, "
        + "keep lambdas that capture values apart from those that capture references, or use forward mode",
      at: copy, module: module, builder: builder)
    builder.unreachable()
    builder.position(atEndOf: next)
  }
}

extension GradientEmitter {
  /// The reverse of a copy of Swift records for the words of their enum payloads
  /// (`CopiedStructs.swiftPayloadWordsOfCopiedRange`), which the records' type lays out as bytes:
  /// a payload may be a `Double` (whose adjoint is a double of 2^52 and up, or 0), an integer (whose
  /// shadow mirrors its value) or a class reference (whose shadow is an address below 2^47; a payload
  /// beside a tag byte has no spare bits set). The words of 2^52 and up move back as doubles; the
  /// others stay. (A large or negative integer's mirror moves too; no derivative reads it.) Left as
  /// bytes, an array of structs with an enum field holding a `Double` lost the payload's adjoint
  /// when it grew (the gradient silently 0).
  func movePayloadWordsSortedAtRunTime(
    into source: Value, from destination: Value, bytes: Value, recordSize: Int, words: [Int]
  ) {
    forEachCopiedElement(into: source, from: destination, bytes: bytes, size: Int64(recordSize)) { base, _ in
      for word in words {
        moveWordIfAdjoint(
          at: builder.add(base, Value.constInt(i64, Int64(word))), into: source, from: destination)
      }
    }
  }

  /// `source[at] += destination[at]; destination[at] = 0` as doubles when the destination's word is
  /// an adjoint (2^52 or more); both words stay as they are otherwise.
  func moveWordIfAdjoint(at offset: Value, into source: Value, from destination: Value) {
    let double = IRType.double(in: module.context)
    let to = builder.byteOffset(source, offset)
    let from = builder.byteOffset(destination, offset)
    let moved = builder.load(i64, from: from)
    let isAdjoint = builder.icmp(LLVMIntUGE, moved, Value.constInt(i64, 1 << 52), "is.adjoint")
    builder.store(builder.select(isAdjoint, Value.constInt(i64, 0), moved), to: from)
    // The source word is read and written back whole: a pointer's shadow there, read as a
    // subnormal double, would not survive an addition under flush-to-zero.
    let held = builder.load(i64, from: to)
    let sum = builder.fadd(builder.bitCast(held, to: double), builder.bitCast(moved, to: double))
    builder.store(builder.select(isAdjoint, builder.bitCast(sum, to: i64), held), to: to)
  }

  /// The forward sweep's copy of the shadow words of such a copy, in a module that keeps doubles
  /// only: a word of the source's shadow that is neither 0 nor an adjoint (a pointer's shadow, an
  /// integer's value) replaces the destination's, and the others leave it, so that the seeds a
  /// caller put in the destination's shadow stay there for the reverse sweep to move back. (Copied
  /// whole, the words of a copy that nothing types would overwrite an output's seeds with the
  /// source's zeros.) A module that keeps other floats has the words copied whole, as its checks
  /// expect.
  func copyShadowWordsSortedAtRunTime(to destination: Value, from source: Value, bytes: Value) {
    builder.call(sortedWordsCopyFunction, [destination, source, bytes])
  }

  /// `void @swad.sorted.words.copy(ptr to, ptr from, i64 bytes)`: whole words, in the order memmove
  /// needs when the two ranges overlap; defined on first use.
  private var sortedWordsCopyFunction: Function {
    let name = "swad.sorted.words.copy"
    if let defined = module.function(named: name) { return defined }
    let pointer = IRType.pointer(in: module.context)
    return module.defineInternalFunction(
      named: name, returning: .void(in: module.context), [pointer, pointer, i64]
    ) {
      copy, b in
      let (to, from, bytes) = (copy.parameter(0), copy.parameter(1), copy.parameter(2))
      let entry = b.insertBlock
      let loop = copy.appendBlock(named: "word")
      let done = copy.appendBlock(named: "done")
      let words = b.lshr(bytes, Value.constInt(i64, 3))
      let last = b.sub(words, Value.constInt(i64, 1))
      let downwards = b.icmp(LLVMIntUGT, to, from, "downwards")
      b.condBr(b.icmp(LLVMIntEQ, words, Value.constInt(i64, 0)), done, loop)
      b.position(atEndOf: loop)
      let j = b.phi(i64, "j")
      let at = b.mul(b.select(downwards, b.sub(last, j.value), j.value), Value.constInt(i64, 8))
      let word = b.load(i64, from: b.byteOffset(from, at))
      Instruction(word.ref).alignment = 1
      let target = b.byteOffset(to, at)
      let held = b.load(i64, from: target)
      Instruction(held.ref).alignment = 1
      // 0 and the adjoints (2^52 and up) leave the destination's word: word - 1 >= 2^52 - 1.
      let leaves = b.icmp(
        LLVMIntUGE, b.sub(word, Value.constInt(i64, 1)), Value.constInt(i64, (1 << 52) - 1), "leaves")
      let stored = b.store(b.select(leaves, held, word), to: target)
      Instruction(stored.ref).alignment = 1
      let next = b.add(j.value, Value.constInt(i64, 1))
      j.addIncoming([(Value.constInt(i64, 0), entry), (next, loop)])
      b.condBr(b.icmp(LLVMIntULT, next, words), loop, done)
      b.position(atEndOf: done)
      b.retVoid()
    }
  }

  /// The reverse of an integer store of such a copy: the word of `shadow`, when it is an adjoint,
  /// moves into the copy's adjoint `slot` (a double) and is cleared; otherwise both stay. In a
  /// module that keeps other floats, a stop if the word may hold an adjoint.
  func moveAdjointSortedAtRunTime(from shadow: Value, into slot: Value, store: Instruction) {
    let double = IRType.double(in: module.context)
    let word = builder.load(i64, from: shadow)
    if let floatBits = moduleNarrowestFloatBitsInMemory {
      return stopIfWordMayHoldAdjoint(word, floatBits: floatBits, copy: store)
    }
    let isAdjoint = builder.icmp(LLVMIntUGE, word, Value.constInt(i64, 1 << 52), "is.adjoint")
    builder.store(builder.select(isAdjoint, Value.constInt(i64, 0), word), to: shadow)
    let moved = builder.select(isAdjoint, builder.bitCast(word, to: double), adjointZero(double))
    builder.store(addFloats(builder.load(double, from: slot), moved), to: slot)
  }

  /// The reverse of the copy's load: a nonzero `seed` is added into the loaded word's `shadow`, read
  /// and written back whole otherwise (a pointer's shadow read as a subnormal double would not
  /// survive an addition under flush-to-zero).
  func addSortedAtRunTime(_ seed: Value, to shadow: Value) {
    let double = IRType.double(in: module.context)
    let held = builder.load(i64, from: shadow)
    let sum = builder.bitCast(builder.fadd(builder.bitCast(held, to: double), seed), to: i64)
    let moves = builder.fcmp(LLVMRealUNE, seed, Value.constReal(double, 0), "moves.adjoint")
    builder.store(builder.select(moves, sum, held), to: shadow)
  }
}

extension Module {
  /// The widths of the floating-point types other than double that a function of the module loads
  /// or stores, alone or in a vector (half 16, float 32, and 80 or 128 for long doubles).
  var nonDoubleFloatBitsInMemory: Set<Int> {
    var widths: Set<Int> = []
    for function in functions where !function.isDeclaration {
      for block in function.blocks {
        for instruction in block.instructions {
          let type: IRType
          if instruction.opcode == LLVMLoad {
            type = instruction.value.type
          } else if instruction.opcode == LLVMStore {
            type = instruction.operand(0).type
          } else {
            continue
          }
          let scalar = type.isVector ? type.elementType : type
          guard scalar.isFloatingPoint, scalar.kind != LLVMDoubleTypeKind else { continue }
          switch scalar.kind {
          case LLVMHalfTypeKind, LLVMBFloatTypeKind: widths.insert(16)
          case LLVMFloatTypeKind: widths.insert(32)
          case LLVMX86_FP80TypeKind: widths.insert(80)
          default: widths.insert(128)
          }
        }
      }
    }
    return widths
  }
}
