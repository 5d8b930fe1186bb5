// Integer phis and selects that choose between a float's bits and genuine integers, then stored: the
// store is made one of the float, so that its derivative goes into memory with it.
import CLLVM
import LLVMBinding

extension FloatCarriers {
  /// What the values an integer phi or select chooses among hold, as far as their definitions say.
  private enum ChosenBits: Equatable {
    /// Constants only: valid as any type.
    case anything
    /// Integers made by arithmetic (a loop counter, `-i`), and constants.
    case integer
    /// The bits of floats of one format (loads whose type tag says so, bit casts of floats).
    case float(FloatFormat)
    /// Floats of one format in some paths, integers in others.
    case mixed(FloatFormat)

    /// nil when the two cannot be one value's type (floats of two formats).
    func joined(with other: ChosenBits) -> ChosenBits? {
      switch (self, other) {
      case (.anything, _): other
      case (_, .anything): self
      case (.integer, .integer): .integer
      case (.float(let a), .float(let b)): a == b ? self : nil
      case (.float(let f), .integer), (.integer, .float(let f)), (.mixed(let f), .integer),
        (.integer, .mixed(let f)):
        .mixed(f)
      case (.mixed(let a), .float(let b)), (.float(let a), .mixed(let b)), (.mixed(let a), .mixed(let b)):
        a == b ? .mixed(a) : nil
      }
    }
  }

  /// Makes each store of an integer phi or select that chooses among a float's bits (and perhaps
  /// genuine integers) a store of its floating-point twin: the same choice among the floats, and
  /// among the integers' bits cast. A C union `{double d; long bits}` or a `std::variant<double,
  /// long>` set in a branch and pushed into a vector becomes, after SROA, `phi i64 [%x.bits, %then],
  /// [%minus.i, %else]` stored into the element, with `x[i]` loaded as an `i64` tagged `double`.
  /// The integer type analysis finds such a phi used both ways and leaves it an integer, and the
  /// derivative of `x[i]` was lost in it: both modes gave 0, silently.
  ///
  /// Only when every value chosen among (through other phis and selects) says what it holds: a
  /// load whose type tag is a float of the integer's width, a bit cast of a float, an integer made
  /// by arithmetic, a constant. Bits loaded with no tag could be an integer the program keeps in
  /// memory that is also read as floats; reading its shadow as a float's derivative could make one
  /// up. The twin keeps every bit (bit casts, phis, selects and stores do not change a float's
  /// bits); the integer phis stay for the uses that read them as integers.
  static func storedChoicesAsFloats(in function: Function, builder: Builder) {
    let stores = function.blocks.flatMap(\.instructions).filter { store in
      store.opcode == LLVMStore && !store.isVolatile && LLVMGetOrdering(store.ref) == LLVMAtomicOrderingNotAtomic
        && store.operand(0).type.isInteger
    }
    var twins: [Value: Value] = [:]
    for store in stores {
      if let choice = store.operand(0).asInstruction, isChoice(choice) {
        guard let format = floatFormat(chosenBy: choice) else { continue }
        let floats = twin(of: choice, as: format.type(in: choice.type.context), twins: &twins, builder: builder)
        builder.position(before: store)
        builder.debugLocation = store.debugLocation
        let made = builder.store(floats, to: store.operand(1))
        LLVMSetAlignment(made.ref, store.alignment)
        store.eraseFromParent()
      } else if let parts = assembledParts(of: store.operand(0)),
        parts.contains(where: { $0.format != nil })
      {
        storeInPieces(store, parts: parts, twins: &twins, builder: builder)
      }
    }
  }

  /// One part of an integer assembled with `or disjoint` from parts shifted by whole bytes
  /// (`zext i32 %choice to i64`, shifted left 32): the part, its first byte, and the float format its
  /// choice carries if it is a phi or select of floats' bits.
  private struct AssembledPart {
    var value: Value
    var offset: Int
    var format: FloatFormat?
  }

  /// The parts of `value`, an `or disjoint` tree of parts, each a value widened (`zext`) and shifted
  /// left by whole bytes, or anything else at byte 0; nil when `value` is no such tree.
  private static func assembledParts(of value: Value) -> [AssembledPart]? {
    guard let or = value.asInstruction, or.opcode == LLVMOr, LLVMGetIsDisjoint(or.ref) != 0 else { return nil }
    var parts: [AssembledPart] = []
    for operand in or.operands {
      if let inner = assembledParts(of: operand) {
        parts += inner
        continue
      }
      var term = operand
      var offset = 0
      if let shift = term.asInstruction, shift.opcode == LLVMShl, let bits = shift.operand(1).constantInt,
        bits % 8 == 0, let widened = shift.operand(0).asInstruction, widened.opcode == LLVMZExt
      {
        offset = Int(bits / 8)
        term = shift.operand(0)
      }
      if let widened = term.asInstruction, widened.opcode == LLVMZExt, let choice = widened.operand(0).asInstruction,
        isChoice(choice), let format = floatFormat(chosenBy: choice)
      {
        parts.append(AssembledPart(value: choice.value, offset: offset, format: format))
      } else {
        parts.append(AssembledPart(value: operand, offset: 0, format: nil))
      }
    }
    return parts
  }

  /// Replaces `store` of an assembled integer with a store of each float part's twin at its bytes
  /// and stores of the other parts, together, at the bytes between (every byte written as before).
  private static func storeInPieces(
    _ store: Instruction, parts: [AssembledPart], twins: inout [Value: Value], builder: Builder
  ) {
    let whole = store.operand(0).type
    let width = Int(whole.integerWidth / 8)
    let context = builder.context
    let pointer = store.operand(1)
    let alignment = Int(store.alignment)
    var floatBytes = Set<Int>()
    for part in parts where part.format != nil {
      floatBytes.formUnion(part.offset..<(part.offset + part.format!.size))
    }
    builder.position(before: store)
    builder.debugLocation = store.debugLocation
    func storePiece(_ piece: Value, at offset: Int) {
      let address =
        offset == 0 ? pointer : builder.byteOffset(pointer, .constInt(.int(64, in: context), Int64(offset)))
      let made = builder.store(piece, to: address)
      LLVMSetAlignment(made.ref, UInt32(pieceAlignment(alignment, offset: offset)))
    }
    for part in parts {
      guard let format = part.format, let choice = part.value.asInstruction else { continue }
      let floats = twin(of: choice, as: format.type(in: whole.context), twins: &twins, builder: builder)
      builder.position(before: store)
      builder.debugLocation = store.debugLocation
      storePiece(floats, at: part.offset)
    }
    // The other parts' bytes, zero where the floats are, in runs between the floats.
    let others = parts.filter { $0.format == nil }.map(\.value)
    let rest = others.dropFirst().reduce(others.first ?? .constInt(whole, 0)) { builder.or($0, $1) }
    var start = 0
    while start < width {
      guard !floatBytes.contains(start) else {
        start += 1
        continue
      }
      var end = start
      while end < width, !floatBytes.contains(end) { end += 1 }
      var run = rest
      if start > 0 { run = builder.lshr(run, .constInt(whole, Int64(8 * start))) }
      run = builder.intCast(run, to: .int(UInt32(8 * (end - start)), in: context), signed: false)
      storePiece(run, at: start)
      start = end
    }
    store.eraseFromParent()
  }

  /// An integer phi or select of a float format's width.
  private static func isChoice(_ instruction: Instruction) -> Bool {
    guard instruction.opcode == LLVMPHI || instruction.opcode == LLVMSelect, instruction.type.isInteger else {
      return false
    }
    return [FloatFormat.half, .single, .double].contains { 8 * $0.size == Int(instruction.type.integerWidth) }
  }

  /// The float format `choice` carries in some path, when every value it chooses among says what
  /// it holds; nil otherwise (integers only, or a value that says nothing).
  private static func floatFormat(chosenBy choice: Instruction) -> FloatFormat? {
    var visited: Set<Value> = []
    switch chosenBits(choice, visited: &visited) {
    case .float(let format)?, .mixed(let format)?: return format
    default: return nil
    }
  }

  /// What the values `choice` chooses among hold, through other phis and selects (each once).
  private static func chosenBits(_ choice: Instruction, visited: inout Set<Value>) -> ChosenBits? {
    guard visited.insert(choice.value).inserted else { return .anything }
    let chosen =
      choice.opcode == LLVMPHI ? choice.incoming.map(\.value) : [choice.operand(1), choice.operand(2)]
    var bits = ChosenBits.anything
    for value in chosen {
      let held: ChosenBits?
      if let instruction = value.asInstruction, isChoice(instruction), instruction.type == choice.type {
        held = chosenBits(instruction, visited: &visited)
      } else {
        held = leafBits(value, width: Int(choice.type.integerWidth))
      }
      guard let held, let joined = bits.joined(with: held) else { return nil }
      bits = joined
    }
    return bits
  }

  /// What a value that is not a phi or select holds, from its definition alone.
  private static func leafBits(_ value: Value, width: Int) -> ChosenBits? {
    if value.isConstant { return .anything }
    guard let instruction = value.asInstruction else { return nil }
    switch instruction.opcode {
    case LLVMLoad:
      guard let layout = IntegerTypeAnalysis.accessTypeLayout(instruction),
        case .float(let format, _) = layout.bytes.first, 8 * format.size == width
      else { return nil }
      return .float(format)
    case LLVMBitCast:
      guard let format = FloatFormat(instruction.operand(0).type), 8 * format.size == width else { return nil }
      return .float(format)
    case LLVMAdd, LLVMSub, LLVMMul, LLVMUDiv, LLVMSDiv, LLVMURem, LLVMSRem:
      // Arithmetic on a float's bits (`bits + 1`, the next float up) makes a float's bits, changed;
      // bits loaded untagged or tagged as a float may be those.
      let onFloatBits = instruction.operands.contains { operand in
        guard let source = operand.asInstruction else { return false }
        switch source.opcode {
        case LLVMBitCast: return source.operand(0).type.isFloatingPoint
        case LLVMLoad:
          return LLVMGetMetadata(source.ref, LLVMGetMDKindID("tbaa", 4)) == nil
            || IntegerTypeAnalysis.accessTypeLayout(source) != nil
        default: return false
        }
      }
      return onFloatBits ? nil : .integer
    case LLVMFPToSI, LLVMFPToUI:
      return .integer
    case LLVMTrunc, LLVMSExt, LLVMZExt:
      // An integer narrowed or widened (`(int)(i * i)`, a flag) is one.
      var visited: Set<Value> = []
      return isInteger(instruction.operand(0), visited: &visited) ? .integer : nil
    default:
      return nil
    }
  }

  /// Whether `value` is an integer by its definition: a flag, a constant, an integer `leafBits`
  /// says is one, or a phi or select of those.
  private static func isInteger(_ value: Value, visited: inout Set<Value>) -> Bool {
    guard value.type.isInteger else { return false }
    if value.type.integerWidth < 8 || value.isConstant { return true }
    guard let instruction = value.asInstruction else { return false }
    if instruction.opcode == LLVMPHI || instruction.opcode == LLVMSelect {
      guard visited.insert(value).inserted else { return true }
      let chosen =
        instruction.opcode == LLVMPHI
        ? instruction.incoming.map(\.value) : [instruction.operand(1), instruction.operand(2)]
      return chosen.allSatisfy { isInteger($0, visited: &visited) }
    }
    return leafBits(value, width: Int(value.type.integerWidth)) == .integer
  }
}
