// Which bytes of the integers of a program carry floating-point values: a byte-level type analysis of
// integer values, propagated forward and backward through bit operations, phis, calls and returns.
import CLLVM
import LLVMBinding

/// For every integer value of `functions` (instructions, parameters, and each function's result),
/// what each of its bytes holds. Evidence comes from the operations that give bits a type —
/// `bitcast double to i64` says the integer holds a double, `sitofp` that it holds an integer,
/// type-based alias tags what a load reads — and travels through the operations that move bytes
/// about without looking at them (`zext`, `trunc`, shifts by whole bytes, `or` of disjoint bytes,
/// phis, calls of the analyzed functions). C's ABI passes a `{float, int}` struct as one `i64` and a
/// `memcpy` into a `uint64_t` becomes an integer load: the analysis finds the floats in both.
final class IntegerTypeAnalysis {
  let functions: Set<Function>
  private var layouts: [Value: ByteLayout] = [:]
  private var results: [Function: ByteLayout] = [:]
  /// The stack slots followed in each function, and what their bytes hold.
  private var slots: [Function: StackSlots] = [:]
  private var slotLayouts: [Value: ByteLayout] = [:]
  private var changed = false

  init(functions: some Sequence<Function>) {
    self.functions = Set(functions.filter { !$0.isDeclaration })
    for function in self.functions { slots[function] = StackSlots(function: function) }
    repeat {
      changed = false
      for function in self.functions {
        for block in function.blocks {
          for instruction in block.instructions { visit(instruction) }
        }
      }
    } while changed
  }

  /// Whether the analysis follows values of `type`: integers of whole bytes, up to 128 bits.
  static func tracks(_ type: IRType) -> Bool {
    type.isInteger && type.integerWidth % 8 == 0 && type.integerWidth <= 128
  }

  /// What the bytes of `value` hold; nil for values the analysis does not follow.
  func layout(of value: Value) -> ByteLayout? {
    guard Self.tracks(value.type) else { return nil }
    let count = Int(value.type.integerWidth / 8)
    if value.isConstant {
      // A 64-bit constant that can only be a double's bits is one (a Swift enum's constant `Double`
      // payload passed to a function that stores it, a C union of a constant double passed by
      // value): the parameter it flows into carries doubles, whose constant has derivative zero.
      if ConstantBits.isPlainlyDouble(value) {
        return ByteLayout((0..<count).map { .float(.double, index: $0) })
      }
      return ByteLayout(repeating: .anything, count: count)
    }
    return layouts[value] ?? ByteLayout(repeating: .unknown, count: count)
  }

  /// What the bytes of the integer `function` returns hold; nil if it returns no such integer.
  func resultLayout(of function: Function) -> ByteLayout? {
    guard Self.tracks(function.returnType) else { return nil }
    return results[function]
      ?? ByteLayout(repeating: .unknown, count: Int(function.returnType.integerWidth / 8))
  }

  // MARK: - Refinement

  private func refine(_ value: Value, with layout: ByteLayout) {
    guard Self.tracks(value.type), !value.isConstant, let old = self.layout(of: value) else { return }
    let new = old.joined(with: layout.resized(to: old.count, fill: .unknown))
    if new != old {
      layouts[value] = new
      changed = true
    }
  }

  private func refine(_ value: Value, allBytes content: ByteContent) {
    guard let old = layout(of: value) else { return }
    refine(value, with: ByteLayout(repeating: content, count: old.count))
  }

  private func refineResult(of function: Function, with layout: ByteLayout) {
    guard let old = resultLayout(of: function) else { return }
    let new = old.joined(with: layout.resized(to: old.count, fill: .unknown))
    if new != old {
      results[function] = new
      changed = true
    }
  }

  // MARK: - Transfer rules

  private func visit(_ instruction: Instruction) {
    let value = instruction.value
    switch instruction.opcode {
    case LLVMBitCast:
      let source = instruction.operand(0)
      if let floats = ByteLayout(floatingPoint: source.type) { refine(value, with: floats) }
      if let floats = ByteLayout(floatingPoint: instruction.type) { refine(source, with: floats) }
    case LLVMZExt, LLVMSExt:
      let source = instruction.operand(0)
      guard let resultLayout = layout(of: value) else { return }
      guard let sourceLayout = layout(of: source) else {
        refine(value, allBytes: .integer)  // a flag or a narrow integer, widened
        return
      }
      let fill: ByteContent = instruction.opcode == LLVMZExt ? .anything : .integer
      refine(value, with: sourceLayout.resized(to: resultLayout.count, fill: fill))
      refine(source, with: resultLayout)
    case LLVMTrunc:
      let source = instruction.operand(0)
      guard let sourceLayout = layout(of: source) else { return }
      guard let resultLayout = layout(of: value) else {
        refine(source, allBytes: .integer)  // narrowed to a flag: an integer test
        return
      }
      refine(value, with: sourceLayout)
      refine(source, with: resultLayout.resized(to: sourceLayout.count, fill: .unknown))
    case LLVMShl, LLVMLShr, LLVMAShr:
      guard let resultLayout = layout(of: value), let sourceLayout = layout(of: instruction.operand(0)) else {
        return
      }
      guard let bits = instruction.operand(1).constantInt, bits % 8 == 0, bits >= 0,
        bits < 8 * Int64(resultLayout.count)
      else {
        integerOperation(instruction)
        return
      }
      let bytes = Int(bits / 8) * (instruction.opcode == LLVMShl ? 1 : -1)
      let fill: ByteContent = instruction.opcode == LLVMAShr ? .integer : .anything
      refine(value, with: sourceLayout.shifted(by: bytes, fill: fill))
      refine(instruction.operand(0), with: resultLayout.shifted(by: -bytes, fill: .unknown))
    case LLVMOr:
      disjointMerge(instruction)
    case LLVMAnd:
      mask(instruction)
    case LLVMAdd, LLVMSub, LLVMMul, LLVMUDiv, LLVMSDiv, LLVMURem, LLVMSRem, LLVMXor:
      integerOperation(instruction)
    case LLVMPHI:
      for (incoming, _) in instruction.incoming { flow(from: incoming, to: value) }
    case LLVMSelect:
      flow(from: instruction.operand(1), to: value)
      flow(from: instruction.operand(2), to: value)
    case LLVMFreeze:
      flow(from: instruction.operand(0), to: value)
    case LLVMSIToFP, LLVMUIToFP, LLVMIntToPtr:
      refine(instruction.operand(0), allBytes: .integer)
    case LLVMFPToSI, LLVMFPToUI, LLVMPtrToInt:
      refine(value, allBytes: .integer)
    case LLVMLoad:
      if let layout = Self.accessTypeLayout(instruction) { refine(value, with: layout) }
      access(instruction, value: value, pointer: instruction.operand(0))
    case LLVMStore:
      if let layout = Self.accessTypeLayout(instruction) { refine(instruction.operand(0), with: layout) }
      access(instruction, value: instruction.operand(0), pointer: instruction.operand(1))
    case LLVMGetElementPtr:
      for index in instruction.operands.dropFirst() { refine(index, allBytes: .integer) }
    case LLVMRet:
      guard instruction.operandCount == 1 else { return }
      let returned = instruction.operand(0)
      if let layout = layout(of: returned) { refineResult(of: instruction.function, with: layout) }
      if let layout = resultLayout(of: instruction.function) { refine(returned, with: layout) }
    case LLVMCall, LLVMInvoke:
      call(instruction)
    default:
      return
    }
  }

  /// Both ways: what one value holds, the other holds (a phi and its incoming values, a copy).
  private func flow(from source: Value, to target: Value) {
    guard let sourceLayout = layout(of: source), let targetLayout = layout(of: target) else { return }
    refine(target, with: sourceLayout)
    refine(source, with: targetLayout)
  }

  /// Arithmetic: its operands and result are integers.
  private func integerOperation(_ instruction: Instruction) {
    refine(instruction.value, allBytes: .integer)
    for operand in instruction.operands { refine(operand, allBytes: .integer) }
  }

  /// `or` of values whose set bytes do not overlap assembles a value from parts (how C's ABI packs a
  /// `{float, int}`): each byte comes from the operand that can have it non-zero. Overlapping bytes
  /// are combined bits, integers.
  private func disjointMerge(_ instruction: Instruction) {
    let a = instruction.operand(0)
    let b = instruction.operand(1)
    guard let resultLayout = layout(of: instruction.value), let layoutA = layout(of: a),
      let layoutB = layout(of: b)
    else { return }
    let zeroA = Self.knownZeroBytes(of: a)
    let zeroB = Self.knownZeroBytes(of: b)
    var merged: [ByteContent] = []
    for index in 0..<resultLayout.count {
      switch (zeroA.contains(index), zeroB.contains(index)) {
      case (true, true): merged.append(.anything)
      case (true, false): merged.append(layoutB.bytes[index])
      case (false, true): merged.append(layoutA.bytes[index])
      case (false, false): merged.append(.integer)
      }
    }
    refine(instruction.value, with: ByteLayout(merged))
    for (operand, zero) in [(a, zeroA), (b, zeroB)] {
      let other = operand == a ? zeroB : zeroA
      refine(
        operand,
        with: ByteLayout(
          (0..<resultLayout.count).map { index in
            zero.contains(index) ? .unknown : other.contains(index) ? resultLayout.bytes[index] : .integer
          }))
    }
  }

  /// `and` with a constant keeps the bytes whose mask is all ones and clears those whose mask is
  /// zero; a byte partly masked (`fabs` done on the bits) is bit manipulation: an integer.
  private func mask(_ instruction: Instruction) {
    let (source, maskValue) =
      instruction.operand(1).isConstant
      ? (instruction.operand(0), instruction.operand(1)) : (instruction.operand(1), instruction.operand(0))
    guard let resultLayout = layout(of: instruction.value), let sourceLayout = layout(of: source) else {
      return
    }
    guard maskValue.isConstant, let maskBytes = Self.constantBytes(maskValue) else {
      integerOperation(instruction)
      return
    }
    refine(
      instruction.value,
      with: ByteLayout(
        (0..<resultLayout.count).map { index in
          maskBytes[index] == 0xFF ? sourceLayout.bytes[index] : maskBytes[index] == 0 ? .anything : .integer
        }))
    refine(
      source,
      with: ByteLayout(
        (0..<resultLayout.count).map { index in
          maskBytes[index] == 0xFF ? resultLayout.bytes[index] : maskBytes[index] == 0 ? .unknown : .integer
        }))
  }

  // MARK: - Stack slots

  /// What a slot's bytes hold, from `offset` on, for `count` bytes.
  private func slotLayout(_ slot: Value, in function: Function) -> ByteLayout {
    slotLayouts[slot] ?? ByteLayout(repeating: .unknown, count: slots[function]?.sizes[slot] ?? 0)
  }

  private func refineSlot(_ slot: Value, in function: Function, at offset: Int, with layout: ByteLayout) {
    let old = slotLayout(slot, in: function)
    guard offset + layout.count <= old.count else { return }
    var bytes = old.bytes
    for (index, content) in layout.bytes.enumerated() {
      bytes[offset + index] = bytes[offset + index].joined(with: content)
    }
    let new = ByteLayout(bytes)
    if new != old {
      slotLayouts[slot] = new
      changed = true
    }
  }

  /// A load or store of a followed stack slot: the value's bytes and the slot's, both ways (an
  /// integer stored where a double is loaded from holds one).
  private func access(_ instruction: Instruction, value: Value, pointer: Value) {
    let function = instruction.function
    guard let (slot, offset) = slots[function]?.resolve(pointer) else { return }
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(function.ref))!
    let size = Int(LLVMStoreSizeOfType(dataLayout, value.type.ref))
    let stored = slotLayout(slot, in: function)
    guard offset + size <= stored.count else { return }
    if let layout = layout(of: value) {
      refineSlot(slot, in: function, at: offset, with: layout)
      refine(value, with: ByteLayout(Array(stored.bytes[offset..<(offset + size)])))
    } else if let floats = ByteLayout(floatingPoint: value.type) {
      refineSlot(slot, in: function, at: offset, with: floats)
    } else {
      refineSlot(slot, in: function, at: offset, with: ByteLayout(repeating: .integer, count: size))
    }
  }

  /// `memcpy`/`memmove` of a constant length between followed slots: the same bytes, both ways.
  private func copy(_ instruction: Instruction) {
    let function = instruction.function
    guard let length = instruction.operand(2).constantInt, length > 0,
      let (destination, to) = slots[function]?.resolve(instruction.operand(0)),
      let (source, from) = slots[function]?.resolve(instruction.operand(1))
    else { return }
    let count = Int(length)
    let target = slotLayout(destination, in: function)
    let origin = slotLayout(source, in: function)
    guard to + count <= target.count, from + count <= origin.count else { return }
    refineSlot(
      destination, in: function, at: to, with: ByteLayout(Array(origin.bytes[from..<(from + count)])))
    refineSlot(source, in: function, at: from, with: ByteLayout(Array(target.bytes[to..<(to + count)])))
  }

  /// Arguments and parameters, results and the calls' values, of the analyzed functions.
  private func call(_ instruction: Instruction) {
    if let name = instruction.calledFunction?.name,
      name.hasPrefix("llvm.memcpy") || name.hasPrefix("llvm.memmove")
    {
      copy(instruction)
      return
    }
    guard let callee = instruction.calledFunction, functions.contains(callee),
      instruction.calledFunctionType == callee.type
    else { return }
    for (argument, parameter) in zip(instruction.arguments, callee.parameters) {
      flow(from: argument, to: parameter)
    }
    if let calleeResult = resultLayout(of: callee), let callLayout = layout(of: instruction.value) {
      refine(instruction.value, with: calleeResult)
      refineResult(of: callee, with: callLayout)
    }
  }

  // MARK: - Facts read from the IR

  /// What a load or store accesses according to its type-based alias tag (clang's `!tbaa`): a
  /// `double` or `float` tag says the integer is one. An integer tag says nothing: it names the
  /// variable's declared type, and a `uint64_t` that a double was `memcpy`'d into holds the double.
  static func accessTypeLayout(_ instruction: Instruction) -> ByteLayout? {
    let type = instruction.opcode == LLVMLoad ? instruction.type : instruction.operand(0).type
    guard tracks(type), let name = accessTypeName(instruction) else { return nil }
    let format: FloatFormat
    switch name {
    case "double": format = .double
    case "float": format = .single
    default: return nil
    }
    guard type.integerWidth == 8 * UInt32(format.size) else { return nil }
    return ByteLayout((0..<format.size).map { .float(format, index: $0) })
  }

  /// The name of the scalar type in an access's `!tbaa` tag (`!{base, access, offset}`, the access
  /// type's first operand its name).
  private static func accessTypeName(_ instruction: Instruction) -> String? {
    guard let tag = LLVMGetMetadata(instruction.ref, LLVMGetMDKindID("tbaa", 4)),
      LLVMGetMDNodeNumOperands(tag) >= 2
    else { return nil }
    var operands = [LLVMValueRef?](repeating: nil, count: Int(LLVMGetMDNodeNumOperands(tag)))
    LLVMGetMDNodeOperands(tag, &operands)
    guard let access = operands[1], LLVMIsAMDNode(access) != nil, LLVMGetMDNodeNumOperands(access) >= 1 else {
      return nil
    }
    var accessOperands = [LLVMValueRef?](repeating: nil, count: Int(LLVMGetMDNodeNumOperands(access)))
    LLVMGetMDNodeOperands(access, &accessOperands)
    guard let nameValue = accessOperands[0] else { return nil }
    var length: UInt32 = 0
    guard let text = LLVMGetMDString(nameValue, &length) else { return nil }
    return String(decoding: UnsafeRawBufferPointer(start: text, count: Int(length)), as: UTF8.self)
  }

  /// The bytes of an integer constant, least significant first (up to 64 bits); nil otherwise.
  static func constantBytes(_ value: Value) -> [UInt8]? {
    guard value.type.isInteger, value.type.integerWidth <= 64, LLVMIsAConstantInt(value.ref) != nil else {
      return nil
    }
    let bits = LLVMConstIntGetZExtValue(value.ref)
    return (0..<Int(value.type.integerWidth / 8)).map { UInt8(truncatingIfNeeded: bits >> (8 * UInt64($0))) }
  }

  /// The bytes of `value` known to be zero from how it was made (a `zext`'s upper bytes, the bytes
  /// a shift moved in, a constant's zero bytes).
  static func knownZeroBytes(of value: Value, depth: Int = 4) -> Set<Int> {
    guard tracks(value.type) else { return [] }
    let count = Int(value.type.integerWidth / 8)
    if let bytes = constantBytes(value) { return Set(bytes.indices.filter { bytes[$0] == 0 }) }
    guard depth > 0, let instruction = value.asInstruction else { return [] }
    switch instruction.opcode {
    case LLVMZExt:
      let source = instruction.operand(0).type
      guard source.isInteger else { return [] }
      return Set(Int((source.integerWidth + 7) / 8)..<count)
    case LLVMShl, LLVMLShr:
      guard let bits = instruction.operand(1).constantInt, bits >= 0, bits < 8 * Int64(count) else {
        return []
      }
      let whole = Int(bits / 8)
      let inner = knownZeroBytes(of: instruction.operand(0), depth: depth - 1)
      if instruction.opcode == LLVMShl {
        return Set(0..<whole).union(inner.compactMap { $0 + whole < count ? $0 + whole : nil })
      }
      return Set((count - whole)..<count).union(inner.compactMap { $0 - whole >= 0 ? $0 - whole : nil })
    case LLVMAnd:
      return knownZeroBytes(of: instruction.operand(0), depth: depth - 1)
        .union(knownZeroBytes(of: instruction.operand(1), depth: depth - 1))
    case LLVMOr:
      return knownZeroBytes(of: instruction.operand(0), depth: depth - 1)
        .intersection(knownZeroBytes(of: instruction.operand(1), depth: depth - 1))
    default:
      return []
    }
  }
}
