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
/// leaves the others. Modules that keep floats narrower or wider than a double in memory do not
/// qualify: two floats' adjoints in one word are no double.
extension GradientEmitter {
  /// Whether a 64-bit integer copy (its load) may be told apart at run time.
  func copiedWordsAreSortedAtRunTime(_ load: Instruction) -> Bool {
    load.type.isInteger && load.type.integerWidth == 64 && sortsWordsAtRunTime
  }

  /// Whether this function's copies may be told apart at run time: outside parallel regions, in a
  /// module that keeps no floats but doubles in memory, and not Swift's (a bridged object's word
  /// carries flags in its high bits, and its shadow is no double).
  private var sortsWordsAtRunTime: Bool {
    !derivative.signature.inParallelRegion && !moduleKeepsNonDoubleFloatsInMemory
      && !UntypedCopies.isSwift(original)
  }

  /// Whether the memcpy or memmove `call` copies whole 8-byte words that no type tag of its own lays
  /// out and no floating-point access of this function to the copied range types, and that the
  /// function's pointer accesses (a `std::function` manager stores its type's and its functor's
  /// addresses where its clone copies the captures), the memory around them or a caller's hint say
  /// hold pointers only, or pointers in some records and doubles in others.
  func copiedWordsAreSortedAtRunTime(copy call: Instruction) -> Bool {
    guard let length = call.arguments[2].constantInt, length > 0, length % 8 == 0, sortsWordsAtRunTime,
      CopiedStructs.type(of: call, module: module) == nil,
      case let range = CopiedStructs.accessesInCopiedRange(call, in: blocks, module: module),
      !range.floats
    else { return false }
    if pointeeHintSaysMixed(call) { return true }
    // A layout with both (the records the function stores lay the copy out) says where each lies.
    guard let guessed = copiedRangeType(call) else { return false }
    return guessed.containsPointer && !guessed.containsFloatingPoint
  }

  /// The reverse of such a copy: `source[w] += destination[w]; destination[w] = 0` for each word
  /// `w` whose destination shadow is an adjoint (2^52 or more); the other words stay as they are.
  func accumulateWordsSortedAtRunTime(into source: Value, from destination: Value, bytes: Value) {
    let double = IRType.double(in: module.context)
    let adjointsFrom = Value.constInt(i64, 1 << 52)
    forEachCopiedElement(into: source, from: destination, bytes: bytes, size: 8) { at in
      let to = builder.byteOffset(source, at)
      let from = builder.byteOffset(destination, at)
      let moved = builder.load(i64, from: from)
      let isAdjoint = builder.icmp(LLVMIntUGE, moved, adjointsFrom, "is.adjoint")
      builder.store(builder.select(isAdjoint, Value.constInt(i64, 0), moved), to: from)
      // The source word is read and written back whole: a pointer's shadow there, read as a
      // subnormal double, would not survive an addition under flush-to-zero.
      let held = builder.load(i64, from: to)
      let sum = builder.fadd(builder.bitCast(held, to: double), builder.bitCast(moved, to: double))
      builder.store(builder.select(isAdjoint, builder.bitCast(sum, to: i64), held), to: to)
    }
  }
}

extension GradientEmitter {
  /// The reverse of an integer store of such a copy: the word of `shadow`, when it is an adjoint,
  /// moves into the copy's adjoint `slot` (a double) and is cleared; otherwise both stay.
  func moveAdjointSortedAtRunTime(from shadow: Value, into slot: Value) {
    let double = IRType.double(in: module.context)
    let word = builder.load(i64, from: shadow)
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
  /// Whether a function of the module loads or stores a floating-point value other than a double
  /// (float, half, long double), alone or in a vector.
  var keepsNonDoubleFloatsInMemory: Bool {
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
          if scalar.isFloatingPoint, scalar.kind != LLVMDoubleTypeKind { return true }
        }
      }
    }
    return false
  }
}
