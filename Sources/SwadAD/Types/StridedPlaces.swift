// Where the pointers of a function point, as objects plus constant offsets plus multiples of a
// stride: what the offsets of records reached at run-time indices, or by pointers stepping in
// loops, say modulo the records' size.
import CLLVM
import LLVMBinding

/// The places of the pointers of some blocks: for each pointer, the objects it may point into (the
/// values its `getelementptr`s, casts, phis and selects start from), each with an offset known up to
/// multiples of a stride. A pointer stepping by 16 bytes from an object's byte 32 is at
/// `32 + 16k` there; an index `j << 4` adds `16k`. Computed once for all the blocks' pointers, to a
/// fixed point over the loops' phis.
struct StridedPlaces {
  /// An offset known up to multiples of `stride` (exact when `stride` is 0).
  struct Offset: Equatable {
    var constant: Int
    var stride: Int

    /// Where the offset lies in a period of `period` bytes that `stride` is a multiple of.
    func residue(modulo period: Int) -> Int { ((constant % period) + period) % period }

    /// Either offset: this one's constant, up to multiples of both strides and of their distance.
    func joined(with other: Offset) -> Offset {
      Offset(constant: constant, stride: gcd(gcd(stride, other.stride), abs(constant - other.constant)))
    }

    /// This offset moved by `delta`.
    func shifted(by delta: Offset) -> Offset {
      Offset(constant: constant + delta.constant, stride: gcd(stride, delta.stride))
    }
  }

  typealias Place = [Value: Offset]

  /// More objects than this under one pointer: the pointer is taken as pointing anywhere.
  private static let objectLimit = 8

  private var places: [Value: Place?] = [:]
  private let dataLayout: LLVMTargetDataRef
  /// Loads of pointers from stack slots taken as the pointers stored there (`throughSlots`).
  private var slotLoads: Set<Value> = []

  /// With `throughSlots`, a pointer loaded from a stack slot is taken to point where the pointers
  /// stored into the slot do: a Swift array variable's storage, reloaded after a call that may
  /// have replaced it with storage of the same element type (what a layout needs, not identity).
  init(blocks: [BasicBlock], dataLayout: LLVMTargetDataRef, throughSlots: Bool = false) {
    self.dataLayout = dataLayout
    let instructions = blocks.flatMap(\.instructions)
    if throughSlots {
      slotLoads = Set(
        instructions.filter { load in
          load.opcode == LLVMLoad && load.type.isPointer && Self.holdsOnlyPointers(load.operand(0))
        }.map(\.value))
    }
    let pointers = instructions.filter { instruction in
      (instruction.type.isPointer
        && [LLVMGetElementPtr, LLVMPHI, LLVMSelect, LLVMBitCast, LLVMAddrSpaceCast].contains(
          instruction.opcode))
        || slotLoads.contains(instruction.value)
    }
    // Strides only shrink (to divisors) and objects only add up to the limit: a fixed point comes.
    for _ in 0..<64 {
      var changed = false
      for pointer in pointers {
        guard let next = transfer(pointer) else { continue }
        let previous = places[pointer.value]
        let updated = previous.map { Self.join($0, next) } ?? next
        if previous == nil || previous! != updated {
          places[pointer.value] = updated
          changed = true
        }
      }
      if !changed { return }
    }
    // No fixed point (should not happen): every place is unknown.
    for pointer in pointers { places[pointer.value] = .some(nil) }
  }

  /// The objects `pointer` may point into with its offset in each; nil when it may point anywhere
  /// (or nothing reaches it).
  func place(of pointer: Value) -> Place? {
    if let known = places[pointer] { return known }
    if let instruction = pointer.asInstruction,
      [LLVMGetElementPtr, LLVMPHI, LLVMSelect, LLVMBitCast, LLVMAddrSpaceCast].contains(instruction.opcode)
        || slotLoads.contains(pointer)
    {
      return nil
    }
    return [pointer: Offset(constant: 0, stride: 0)]
  }

  /// The place of `instruction` from its operands' current places; nil (`Optional.none`) when no
  /// operand has one yet, `.some(nil)` when it may point anywhere.
  private func transfer(_ instruction: Instruction) -> Place?? {
    switch instruction.opcode {
    case LLVMBitCast, LLVMAddrSpaceCast:
      return current(instruction.operand(0))
    case LLVMGetElementPtr:
      guard let base = current(instruction.operand(0)) else { return nil }
      guard let place = base else { return .some(nil) }
      let delta = offset(of: instruction)
      return place.mapValues { $0.shifted(by: delta) }
    case LLVMPHI, LLVMSelect, LLVMLoad:
      let inputs =
        instruction.opcode == LLVMPHI
        ? instruction.incoming.map(\.value)
        : instruction.opcode == LLVMLoad
          ? Self.storedPointers(instruction.operand(0)) : [instruction.operand(1), instruction.operand(2)]
      var joined: Place??
      for input in inputs {
        guard let place = current(input) else { continue }
        joined = joined.map { known in Self.join(known, place) } ?? place
      }
      return joined
    default:
      return nil
    }
  }

  /// The place of an operand as computed so far: `Optional.none` when not yet computed.
  private func current(_ value: Value) -> Place?? {
    if let known = places[value] { return known }
    if let instruction = value.asInstruction,
      [LLVMGetElementPtr, LLVMPHI, LLVMSelect, LLVMBitCast, LLVMAddrSpaceCast].contains(instruction.opcode)
        || slotLoads.contains(value)
    {
      return nil
    }
    return .some([value: Offset(constant: 0, stride: 0)])
  }

  /// Whether `slot` is a stack slot that only pointers are stored into (as values, by this
  /// function), and that is otherwise only loaded from, passed to calls or marked for lifetime.
  private static func holdsOnlyPointers(_ slot: Value) -> Bool {
    guard let alloca = slot.asInstruction, alloca.opcode == LLVMAlloca else { return false }
    var stores = 0
    for user in slot.users {
      guard let instruction = user.asInstruction else { return false }
      switch instruction.opcode {
      case LLVMStore:
        guard instruction.operand(1) == slot, instruction.operand(0).type.isPointer else { return false }
        stores += 1
      case LLVMLoad, LLVMCall:
        continue
      default:
        return false
      }
    }
    return stores > 0
  }

  /// The pointers this function stores into `slot`.
  private static func storedPointers(_ slot: Value) -> [Value] {
    slot.users.compactMap { user in
      guard let store = user.asInstruction, store.opcode == LLVMStore, store.operand(1) == slot else {
        return nil
      }
      return store.operand(0)
    }
  }

  private static func join(_ a: Place?, _ b: Place?) -> Place? {
    guard let a, let b else { return nil }
    let joined = a.merging(b) { $0.joined(with: $1) }
    return joined.count > objectLimit ? nil : joined
  }

  /// The bytes a `getelementptr` adds: its constant indices' sum, and the strides its variable
  /// indices step by (an element's size times what the index is known to be a multiple of).
  private func offset(of gep: Instruction) -> Offset {
    var type = gep.gepSourceElementType
    var result = Offset(constant: 0, stride: 0)
    for (position, index) in gep.operands.dropFirst().enumerated() {
      let size: Int
      if position == 0 {
        size = Int(LLVMABISizeOfType(dataLayout, type.ref))
      } else if type.isStruct {
        // Struct fields are constants by the IR's rules.
        let field = Int(index.constantInt ?? 0)
        result.constant += Int(LLVMOffsetOfElement(dataLayout, type.ref, UInt32(field)))
        type = type.structElements[field]
        continue
      } else {
        type = type.elementType
        size = Int(LLVMABISizeOfType(dataLayout, type.ref))
      }
      if let value = index.constantInt {
        result.constant += Int(value) * size
      } else {
        var visiting: Set<Value> = []
        result.stride = gcd(result.stride, size * Self.knownFactor(of: index, visiting: &visiting))
      }
    }
    return result
  }

  /// A number `index` is always a multiple of, as `knownFactor(of:visiting:)` finds it.
  static func knownFactor(of index: Value) -> Int {
    var visiting = Set<Value>()
    return knownFactor(of: index, visiting: &visiting)
  }

  /// A number `index` is always a multiple of (0 when it is always 0): a constant, a shift or
  /// multiplication by a constant, the common factor of a sum's or a phi's inputs, through integer
  /// extensions, or what an exact division of it says; 1 when nothing says.
  private static func knownFactor(of index: Value, visiting: inout Set<Value>) -> Int {
    if let constant = index.constantInt { return abs(Int(constant)) }
    let structural = structuralFactor(of: index, visiting: &visiting)
    guard structural != 0 else { return 0 }
    let divided = exactDivisor(of: index)
    return structural / gcd(structural, divided) * divided
  }

  /// What an exact division of `value` says it is a multiple of: a byte distance between two
  /// records, `end - begin`, that the code divides by the records' size with `ashr exact` (a
  /// std::vector's count); 1 when nothing divides it so.
  private static func exactDivisor(of value: Value) -> Int {
    var divisor = 1
    for user in value.users {
      guard let division = user.asInstruction,
        [LLVMAShr, LLVMLShr, LLVMSDiv, LLVMUDiv].contains(division.opcode), division.operand(0) == value,
        LLVMGetExact(division.ref) != 0, let amount = division.operand(1).constantInt, amount > 0
      else { continue }
      let factor: Int
      switch division.opcode {
      case LLVMAShr, LLVMLShr: factor = amount < 32 ? 1 << Int(amount) : 1
      case LLVMSDiv, LLVMUDiv: factor = Int(amount)
      default: continue
      }
      divisor = divisor / gcd(divisor, factor) * factor
    }
    return divisor
  }

  /// `knownFactor` from how `index` is computed.
  private static func structuralFactor(of index: Value, visiting: inout Set<Value>) -> Int {
    guard let instruction = index.asInstruction else { return 1 }
    switch instruction.opcode {
    case LLVMSExt, LLVMZExt:
      return knownFactor(of: instruction.operand(0), visiting: &visiting)
    case LLVMShl:
      guard let shift = instruction.operand(1).constantInt, shift >= 0, shift < 32 else { return 1 }
      return (1 << Int(shift)) * knownFactor(of: instruction.operand(0), visiting: &visiting)
    case LLVMMul:
      return knownFactor(of: instruction.operand(0), visiting: &visiting)
        * knownFactor(of: instruction.operand(1), visiting: &visiting)
    case LLVMAdd, LLVMSub:
      // A byte index stepping by the records' size (`idx + 16` on a loop's phi).
      return gcd(
        knownFactor(of: instruction.operand(0), visiting: &visiting),
        knownFactor(of: instruction.operand(1), visiting: &visiting))
    case LLVMPHI:
      // A phi on a cycle of phis adds nothing of its own: its inputs from outside say.
      guard visiting.insert(instruction.value).inserted else { return 0 }
      return instruction.incoming.reduce(0) { gcd($0, knownFactor(of: $1.value, visiting: &visiting)) }
    default:
      return 1
    }
  }
}

/// The greatest common divisor (of magnitudes; gcd(0, n) is n).
func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
