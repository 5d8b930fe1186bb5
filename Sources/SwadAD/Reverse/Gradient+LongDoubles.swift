// Reverse mode: copies that nothing lays out, in a module that keeps `long double`s (x86_fp80) in
// memory. Guessed to hold doubles, such a copy moved a long double's adjoint back as two doubles:
// its 64-bit significand, read as a double, is -0.0 for every power of two (an adjoint of exactly 1),
// and 0 + -0.0 is +0.0, so the significand's integer bit was lost and the adjoint became NaN; where
// the source's shadow already held an adjoint the two were added as doubles (silently wrong). A
// `std::vector<std::variant<long double, double>>` relocated by `reserve` did both.
import CLLVM
import LLVMBinding

extension GradientEmitter {
  /// Whether a copy that no type tag lays out, as `layout` (nil: nothing) says it, may move long
  /// doubles' adjoints as doubles, or doubles' as long doubles, in a module that keeps long doubles:
  /// when the layout is nothing but doubles and long doubles. The accesses near a copy of `{long
  /// double L; char c; double w}` records in a sort, whose comparison reads `w` alone, lay it out as
  /// four doubles; `std::variant<long double, double, CD>` (`CD` is `{char; double}`), swapped by
  /// copies of its union and index that nothing else near them types, is laid out by its long
  /// double, and the `CD`'s double at byte 8 was taken for the long double's exponent (both silently
  /// wrong). Layouts with pointers or floats keep theirs (a pointer's shadow stays where it is; two
  /// floats are no double).
  func copyMayHideLongDoubles(_ layout: IRType?) -> Bool {
    guard moduleFloatBitsInMemory.contains(80), !derivative.signature.inParallelRegion else { return false }
    guard let layout else { return true }
    let kinds = MemoryTypes.leafKinds(of: layout)
    return !kinds.pointer && !kinds.other
      && MemoryTypes.floatLeaves(of: layout, module: module).allSatisfy { _, leaf in
        [LLVMDoubleTypeKind, LLVMX86_FP80TypeKind].contains((leaf.isVector ? leaf.elementType : leaf).kind)
      }
  }

  /// `source += destination; destination = 0` over the 16-byte pieces of such a copy, each as a long
  /// double when its shadow reads as one (a 64-bit significand with its integer bit set and, in the
  /// next word, a sign and nonzero exponent with the six padding bytes zero: a double adjoint has that
  /// second word only below 3.3e-319), else as two doubles: each word that is an adjoint (2^52 or
  /// more; a pointer's shadow or an integer's stays where it is, `moveWordIfAdjoint`). The bytes
  /// after the last whole piece move as a double when they hold one.
  func accumulateLongDoublesSortedAtRunTime(into source: Value, from destination: Value, bytes: Value) {
    forEachCopiedElement(into: source, from: destination, bytes: bytes, size: 16) { at, _ in
      let significand = loadWord(at: builder.byteOffset(destination, at))
      let exponent = loadWord(at: builder.byteOffset(destination, builder.add(at, Value.constInt(i64, 8))))
      let padding = builder.lshr(exponent, Value.constInt(i64, 16))
      let isLongDouble = builder.and(
        builder.and(
          builder.icmp(LLVMIntEQ, padding, Value.constInt(i64, 0)),
          builder.icmp(LLVMIntNE, builder.and(exponent, Value.constInt(i64, 0x7fff)), Value.constInt(i64, 0))),
        builder.icmp(LLVMIntSLT, significand, Value.constInt(i64, 0)), "is.long.double")
      let asLongDouble = reverse.appendBlock(named: "long.double.move")
      let asDoubles = reverse.appendBlock(named: "double.words.move")
      let moved = reverse.appendBlock(named: "piece.moved")
      asLongDouble.moveAfter(builder.insertBlock)
      asDoubles.moveAfter(asLongDouble)
      moved.moveAfter(asDoubles)
      builder.condBr(isLongDouble, asLongDouble, asDoubles)

      builder.position(atEndOf: asLongDouble)
      let extended = IRType.x86FP80(in: module.context)
      let to = builder.byteOffset(source, at)
      let from = builder.byteOffset(destination, at)
      let adjoint = builder.load(extended, from: from)
      let held = builder.load(extended, from: to)
      Instruction(adjoint.ref).alignment = 1
      Instruction(held.ref).alignment = 1
      Instruction(builder.store(Value.null(extended), to: from).ref).alignment = 1
      Instruction(builder.store(builder.fadd(held, adjoint), to: to).ref).alignment = 1
      builder.br(moved)

      builder.position(atEndOf: asDoubles)
      moveWordIfAdjoint(at: at, into: source, from: destination)
      moveWordIfAdjoint(at: builder.add(at, Value.constInt(i64, 8)), into: source, from: destination)
      builder.br(moved)
      builder.position(atEndOf: moved)
    }
    // A last word after the whole pieces.
    let tail = builder.and(bytes, Value.constInt(i64, 8))
    let last = reverse.appendBlock(named: "last.word.move")
    let done = reverse.appendBlock(named: "last.word.moved")
    last.moveAfter(builder.insertBlock)
    done.moveAfter(last)
    builder.condBr(builder.icmp(LLVMIntNE, tail, Value.constInt(i64, 0)), last, done)
    builder.position(atEndOf: last)
    let at = builder.and(bytes, Value.constInt(i64, ~15))
    moveWordIfAdjoint(at: at, into: source, from: destination)
    builder.br(done)
    builder.position(atEndOf: done)
  }

  /// The 8-byte word at `address`, read at any alignment.
  private func loadWord(at address: Value) -> Value {
    let word = builder.load(i64, from: address)
    Instruction(word.ref).alignment = 1
    return word
  }
}
