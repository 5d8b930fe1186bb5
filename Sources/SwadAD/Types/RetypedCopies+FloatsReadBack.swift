// Integer copies whose bytes the function reads back as floating-point values.
import CLLVM
import LLVMBinding

/// A program that moves doubles through integer words (`memcpy(&w[i].bits, &x[i], 8)` into a
/// `struct { uint64_t bits; }`, the structs copied into another array, each read back with
/// `memcpy(&d, &w2[i].bits, 8)`) copies them with loads and stores that declare integers: the
/// struct's field, clang's `long` tag. Taken at their word, the copies' shadows mirrored the values:
/// forward mode gave the values themselves as tangents and reverse mode lost the adjoints, silently.
///
/// The integers' declared type is outweighed by what the function does with the same bytes: where
/// the memory copied from or to is read or written as a floating-point value of the copy's width at
/// the same position (the same word of a record an index steps through, `StridedPlaces`), and
/// nothing but copies reads or writes those bytes as anything else, the copy moves that value. A
/// word also read as an integer (a tagged union's integer case, a hash of the bits) or as a pointer
/// is left to the other analyses.
struct FloatsReadBack {
  private enum Kind { case float, other }

  private struct Access {
    let offset: StridedPlaces.Offset
    let size: Int
    let kind: Kind
  }

  private let places: StridedPlaces
  private let dataLayout: LLVMTargetDataRef
  /// The accesses of each object other than integer copies: floating-point values, and everything
  /// else that gives the bytes a meaning.
  private var accesses: [Value: [Access]] = [:]

  init(function: Function) {
    dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(function.value.ref))!
    places = StridedPlaces(blocks: function.blocks, dataLayout: dataLayout)
    for instruction in function.blocks.flatMap(\.instructions) {
      let pointer: Value
      let type: IRType
      switch instruction.opcode {
      case LLVMLoad:
        if Self.onlyMovesBytes(instruction) { continue }
        pointer = instruction.operand(0)
        type = instruction.type
      case LLVMStore:
        let value = instruction.operand(0)
        if Self.isCopied(value) { continue }
        pointer = instruction.operand(1)
        type = value.type
      default:
        continue
      }
      guard let place = places.place(of: pointer) else { continue }
      let lanes = type.isVector ? Int(type.vectorSize) : 1
      let element = type.isVector ? type.elementType : type
      let size = Int(LLVMStoreSizeOfType(dataLayout, element.ref))
      let kind: Kind = element.isFloatingPoint ? .float : .other
      for (object, offset) in place {
        for lane in 0..<lanes {
          let at = StridedPlaces.Offset(constant: offset.constant + lane * size, stride: offset.stride)
          accesses[object, default: []].append(Access(offset: at, size: size, kind: kind))
        }
      }
    }
  }

  /// The floating-point type the integer copy starting at `load` moves, by what the function does
  /// with the bytes copied from and to; nil when nothing says, or something also says otherwise.
  func floatType(copiedBy load: Instruction) -> IRType? {
    guard Self.isIntegerCopy(load), !CopiedBytes.readsPointer(load),
      let network = CopiedBytes.choices(from: load)
    else { return nil }
    let size = Int(LLVMStoreSizeOfType(dataLayout, load.type.ref))
    guard readsBackFloats(at: Self.places(of: load, network: network).map { ($0, 0) }, size: size) else {
      return nil
    }
    let context = load.type.context
    return IRType(size == 8 ? LLVMDoubleTypeInContext(context) : LLVMFloatTypeInContext(context))
  }

  /// Whether the function reads or writes floating-point values of `size` bytes at the same word as
  /// some of `places` (each a pointer and a byte offset from it), and nothing but copies reads or
  /// writes any of those bytes otherwise.
  func readsBackFloats(at places: [(pointer: Value, offset: Int)], size: Int) -> Bool {
    var floats = false
    for (pointer, delta) in places {
      guard let place = self.places.place(of: pointer) else { continue }
      for (object, base) in place {
        let offset = StridedPlaces.Offset(constant: base.constant + delta, stride: base.stride)
        for access in accesses[object] ?? [] {
          switch access.kind {
          case .float:
            if access.size == size, Self.sameWord(offset, access.offset, size: size) { floats = true }
          case .other:
            if Self.mayOverlap(offset, size, access.offset, access.size) { return false }
          }
        }
      }
    }
    return floats
  }

  /// An integer load of a double's or a float's width that only moves bytes, and that declares an
  /// integer: by a tag naming one, or by the types the memory is declared with. (Untyped copies are
  /// sorted where AD meets them, `ActivityAnalysis.isUntypedCopy`, and so are words tagged as
  /// characters, C's `may_alias` words, by the floats at the same places, `CopiedBytes`.)
  static func isIntegerCopy(_ load: Instruction) -> Bool {
    guard onlyMovesBytes(load), load.type.isInteger,
      load.type.integerWidth == 64 || load.type.integerWidth == 32
    else { return false }
    let tagged = LLVMGetMetadata(load.ref, LLVMGetMDKindID("tbaa", 4)) != nil
    if tagged { return !CopiedBytes.isCharacterAccess(load) }
    return !ActivityAnalysis.isUntypedCopy(load) || declaresIntegerAtEveryPlace(load)
  }

  /// Whether the memory `load` copies from, and every place its value is stored to, declares an
  /// integer of the load's width there, looking under a constant byte offset (`getelementptr i8,
  /// %p, 8`, which declares nothing itself): how a vector copy's second word is addressed once it is
  /// split (`int64_t` words swapped in pairs in place, built without type tags).
  private static func declaresIntegerAtEveryPlace(_ load: Instruction) -> Bool {
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(load.function.ref))!
    let size = Int(LLVMStoreSizeOfType(dataLayout, load.type.ref))
    guard let network = CopiedBytes.choices(from: load) else { return false }
    return places(of: load, network: network).allSatisfy { place in
      var base = place
      var offset = 0
      while let gep = base.asInstruction, gep.opcode == LLVMGetElementPtr, gep.operandCount == 2,
        gep.gepSourceElementType.isInteger, gep.gepSourceElementType.integerWidth == 8,
        let bytes = gep.operand(1).constantInt
      {
        base = gep.operand(0)
        offset += Int(bytes)
      }
      // Whole elements past an element of an integer array (`getelementptr i64, %a, %i`): another
      // element of it.
      if offset != 0, let element = base.asInstruction, element.opcode == LLVMGetElementPtr,
        element.operandCount == 2, element.gepSourceElementType.isInteger
      {
        let stride = Int(LLVMABISizeOfType(dataLayout, element.gepSourceElementType.ref))
        if stride > 0, offset % stride == 0 { offset = 0 }
      }
      return CopiedBytes.declaresInteger(
        at: base, offset: offset, unionsDeclareNothing: true, covering: size, dataLayout: dataLayout)
    }
  }

  /// Where the copy starting at `load` reads and writes: the loaded address, then every address its
  /// value (through the choices of `network`) is stored to.
  private static func places(of load: Instruction, network: [Instruction]) -> [Value] {
    [load.operand(0)]
      + ([load] + network).flatMap { step in
        step.value.users.compactMap { user in
          user.asInstruction.flatMap { $0.opcode == LLVMStore ? $0.operand(1) : nil }
        }
      }
  }

  /// A load whose value is only stored, perhaps chosen on the way, or a vector of integers only
  /// stored, perhaps reordered (`RetypedCopies.storedElements`): a copy, which says nothing of the
  /// bytes by its type (the optimizer copies with whatever type it has at hand).
  private static func onlyMovesBytes(_ load: Instruction) -> Bool {
    guard load.opcode == LLVMLoad, !load.isVolatile, LLVMGetOrdering(load.ref) == LLVMAtomicOrderingNotAtomic,
      !load.value.users.isEmpty
    else { return false }
    if load.type.isVector, load.type.elementType.isInteger {
      return RetypedCopies.storedElements(of: load) != nil
    }
    return CopiedBytes.choices(from: load) != nil
  }

  /// Whether the stored `value` is what copies load: a load only stored, a choice among such loads,
  /// or a vector of integers loaded and reordered.
  private static func isCopied(_ value: Value) -> Bool {
    if let pick = value.asInstruction, pick.opcode == LLVMShuffleVector, let load = pick.operand(0).asInstruction {
      return onlyMovesBytes(load)
    }
    let sources = RetypedCopies.copiedLoads(reaching: value)
    return !sources.isEmpty && sources.allSatisfy(onlyMovesBytes)
  }

  /// Whether two accesses of `size` bytes are at the same word for every index their strides
  /// allow: the same offset, or offsets with the same residue modulo a common stride of whole words.
  private static func sameWord(_ a: StridedPlaces.Offset, _ b: StridedPlaces.Offset, size: Int) -> Bool {
    let period = gcd(a.stride, b.stride)
    if period == 0 { return a.constant == b.constant }
    return period % size == 0 && a.residue(modulo: period) == b.residue(modulo: period)
  }

  /// Whether bytes `a ..< a + sizeA` and `b ..< b + sizeB` may meet for some indices.
  private static func mayOverlap(
    _ a: StridedPlaces.Offset, _ sizeA: Int, _ b: StridedPlaces.Offset, _ sizeB: Int
  ) -> Bool {
    let period = gcd(a.stride, b.stride)
    if period == 0 { return a.constant < b.constant + sizeB && b.constant < a.constant + sizeA }
    if sizeA >= period || sizeB >= period { return true }
    // On a circle of `period` bytes: the distance from a's start to b's start, each way.
    let forward = (b.residue(modulo: period) - a.residue(modulo: period) + period) % period
    return forward < sizeA || (period - forward) % period < sizeB
  }
}
