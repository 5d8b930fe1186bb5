// Integer copies that move whole floating-point values, whatever their alias tags say.
import CLLVM
import LLVMBinding

/// Generic code moves elements of any type as integer words: glibc qsort's `swap_words_64` through a
/// `may_alias` `uint64_t` (tagged `char`), Swift's filter of an array of enums whose payload is a
/// `Double` in some cases (an untagged word, tested against zero before it is appended). Taken for
/// genuine integers, their primal bits were mirrored into the shadow (forward mode: tangents equal
/// to primal values) and no adjoint moved back (reverse mode: 0). When the function, or a caller
/// that passes the memory, moves floating-point values of the word's width at exactly its bytes
/// (`CopiedBytes.floatOverlap`), the word is such a value: it carries the shadow's bytes
/// (`ActivityAnalysis.isVaried`), and reverse mode moves the value's adjoint back
/// (`reverseIntegerStore`). Copies of pieces (bytes, a double's 32-bit halves) carry the shadow's
/// bits too; reverse mode refuses them (`Gradient+Forward`).
enum WholeFloatCopies {
  /// How the integer load `load`, stored elsewhere and otherwise only compared
  /// (`isStoredAndCompared`), meets the floating-point values of the memory it reads and of the
  /// memory it is stored to, looked up `callerDepth` callers up.
  static func overlap(of load: Instruction, callerDepth: Int = 2) -> CopiedBytes.FloatOverlap {
    guard load.opcode == LLVMLoad, load.type.isInteger, load.type.integerWidth % 8 == 0,
      load.type.integerWidth <= 64, LLVMGetMetadata(load.ref, LLVMGetMDKindID("range", 5)) == nil,
      !SwiftIntegerFields.isMarked(load), isStoredAndCompared(load)
    else { return .none }
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(load.function.ref))!
    let size = Int(load.type.integerWidth / 8)
    let accesses = [load] + load.value.users.compactMap(\.asInstruction).filter { $0.opcode == LLVMStore }
    let places = accesses.map { $0.opcode == LLVMLoad ? $0.operand(0) : $0.operand(1) }
    // A record's integer field (`out->id = in->id` beside doubles) is an integer, whatever an array
    // index of unknown sign makes its position look like next to the record's doubles.
    if places.contains(where: { declaresIntegerField(at: $0, size: size, dataLayout: dataLayout) }) {
      return .none
    }
    var result = CopiedBytes.FloatOverlap.none
    for (access, place) in zip(accesses, places) {
      switch CopiedBytes.floatOverlap(
        of: place, size: size, alignment: Int(access.alignment), in: load.function, callerDepth: callerDepth,
        dataLayout: dataLayout)
      {
      case .none: continue
      case .pieces: return .pieces
      case .unaligned: result = .unaligned
      case .whole(let type):
        if case .whole(let other) = result, other != type { return .pieces }
        if result != .unaligned { result = .whole(type) }
      }
    }
    return result
  }

  /// Whether `load` copies whole floating-point values of its own width (64 bits: doubles, 32:
  /// floats), of memory that no access says holds a pointer at those bytes (a string's buffer
  /// pointer beside a record's double, in a vector's reallocation, stays as the copy's own accesses
  /// say).
  static func copiesWholeFloats(_ load: Instruction) -> Bool {
    guard case .whole(let type) = overlap(of: load) else { return false }
    guard
      (load.type.integerWidth == 64 && type.kind == LLVMDoubleTypeKind)
        || (load.type.integerWidth == 32 && type.kind == LLVMFloatTypeKind)
    else { return false }
    let content = CopiedBytes.content(of: load)
    return content != .pointer && content != .mixed
  }

  /// Whether `load` moves pieces of floating-point values as an integer word: a double as two
  /// 32-bit words (a generic swap through a `may_alias` `uint32_t`). Such a word carries its
  /// shadow's bits, which forward mode moves like the primal's, piece by piece, into whole tangents;
  /// reverse mode refuses it (`Gradient+Forward`): no adjoint can go back in pieces. Taken for a
  /// genuine integer, the primal's bits were mirrored into the shadow (forward mode: tangents equal
  /// to primal values; reverse mode: primal values in the gradient), silently.
  static func copiesPieces(_ load: Instruction) -> Bool {
    // An access tagged with a type other than `char` is that type's by C's aliasing rules (the
    // `int` of a `std::pair<double, int>` that a sort moves, tagged as a scalar `int`). Doubles
    // copied through a `uint32_t *` so tagged break those rules: built with -fno-strict-aliasing, as
    // such code must be, the words are untagged.
    load.opcode == LLVMLoad && load.type.isInteger && CopiedBytes.isCharacterAccess(load)
      && overlap(of: load) == .pieces && !readsIntegerEveryCallerDeclares(load)
  }

  /// Whether `load` reads a parameter that every caller passes an integer slot of the load's size
  /// (`int&&`): an integer, whatever the memory it is copied to may hold at a run-time offset.
  private static func readsIntegerEveryCallerDeclares(_ load: Instruction) -> Bool {
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(load.function.ref))!
    return CopiedBytes.declaresIntegerInEveryCaller(
      load.operand(0), covering: Int(LLVMStoreSizeOfType(dataLayout, load.type.ref)), dataLayout: dataLayout)
  }

  /// `copiesWholeFloats` and `copiesPieces`, computed once per load (the activity analysis asks
  /// again on every round).
  final class Cache {
    private var answers: [Instruction: Bool] = [:]

    /// Whether `load` carries its shadow's bits as a copy of floating-point data: whole values or
    /// pieces of them.
    func copiesFloatBits(_ load: Instruction) -> Bool {
      if let known = answers[load] { return known }
      let answer = WholeFloatCopies.copiesWholeFloats(load) || WholeFloatCopies.copiesPieces(load)
      answers[load] = answer
      return answer
    }
  }

  /// Whether `load`'s value is stored elsewhere and otherwise only compared: a copy, which may look
  /// at the bits on the way (Swift's filter of an enum array tests the payload word against zero,
  /// the encoding of a case without payload, before it appends the element), not a computation.
  private static func isStoredAndCompared(_ load: Instruction) -> Bool {
    var stored = false
    for user in load.value.users {
      guard let instruction = user.asInstruction else { return false }
      switch instruction.opcode {
      case LLVMStore:
        guard instruction.operand(0) == load.value else { return false }
        stored = true
      case LLVMICmp: continue
      // The payload word tested for the cases without payload (a Swift `switch` over an enum); not
      // a byte a switch tests, which is a tag (`std::variant`'s index).
      case LLVMSwitch where instruction.operand(0) == load.value && load.type.integerWidth >= 32: continue
      default: return false
      }
    }
    return stored
  }

  /// Whether the declared type at `place` is a record with an integer field covering its `size`
  /// bytes.
  private static func declaresIntegerField(at place: Value, size: Int, dataLayout: LLVMTargetDataRef) -> Bool
  {
    guard let declared = CopiedBytes.declaredType(at: place, dataLayout), declared.type.isStruct else {
      return false
    }
    return CopiedBytes.declaresInteger(
      at: place, unionsDeclareNothing: true, covering: size, dataLayout: dataLayout)
  }
}
