// What the declared types on the way to memory (a stack slot's type, the element a
// `getelementptr` indexes) say of its bytes: floating-point values, pointers, integers.
import CLLVM
import LLVMBinding

extension CopiedBytes {
  /// What the declared type of the memory at `pointer` says of its bytes `offset ..< offset + size`
  /// (relative to `pointer`): a stack slot's allocated type (unoptimized C++ keeps a
  /// `std::unique_ptr` in an `alloca` of its class), or the type a `getelementptr` indexes (a
  /// vector's element in its new storage, `&start[n]`). Nothing when there is no such type.
  static func declaredEvidence(
    pointer: Value, offset: Int?, size: Int, dataLayout: LLVMTargetDataRef
  ) -> (pointer: Bool, float: Bool) {
    guard let offset, let declared = declaredType(at: pointer, dataLayout) else { return (false, false) }
    return leafEvidence(of: declared.type, from: declared.offset + offset, size: size, dataLayout: dataLayout)
  }

  /// The declared type of the memory at `pointer` and the byte offset `pointer` is at in it: a stack
  /// slot's allocated type, or the type a `getelementptr` with a variable first index indexes
  /// (`&base[n].field`), through constant offsets and casts; with whether that type is a byte the
  /// `getelementptr` indexes (`getelementptr i8, p, i`, which declares nothing of what they are).
  /// Through a phi of such pointers (a loop's pointer moving through an array of structs), the
  /// type they all agree on, arrays stripped to their elements.
  static func declaredType(at pointer: Value, _ dataLayout: LLVMTargetDataRef) -> (
    type: IRType, offset: Int, indexesBytes: Bool
  )? {
    var visited: Set<Value> = []
    return declaredType(at: pointer, dataLayout, visited: &visited)
  }

  fileprivate static func declaredType(
    at pointer: Value, _ dataLayout: LLVMTargetDataRef, visited: inout Set<Value>
  )
    -> (type: IRType, offset: Int, indexesBytes: Bool)?
  {
    var extra = 0
    var current = pointer
    while let instruction = current.asInstruction {
      switch instruction.opcode {
      case LLVMPHI:
        guard visited.insert(current).inserted else { return nil }
        var agreed: (type: IRType, offset: Int, indexesBytes: Bool)?
        for incoming in instruction.incoming where incoming.value != current {
          // A back edge's pointer (the phi stepped by a constant) leads back here: it says nothing.
          if let step = incoming.value.asInstruction, step.opcode == LLVMGetElementPtr,
            step.operand(0) == current
          {
            continue
          }
          guard let found = declaredType(at: incoming.value, dataLayout, visited: &visited) else {
            return nil
          }
          let element = elementPosition(found.type, at: found.offset, dataLayout)
          if let known = agreed, known.type != element.type || known.offset != element.offset { return nil }
          agreed = (element.type, element.offset, found.indexesBytes)
        }
        return agreed.map { ($0.type, $0.offset + extra, $0.indexesBytes) }
      case LLVMAlloca:
        return (instruction.allocatedType, extra, false)
      case LLVMBitCast, LLVMAddrSpaceCast:
        current = instruction.operand(0)
      case LLVMGetElementPtr:
        if let bytes = StackSlots.constantOffset(of: instruction, dataLayout) {
          extra += bytes
          current = instruction.operand(0)
          continue
        }
        guard let source = LLVMGetGEPSourceElementType(instruction.ref).map(IRType.init),
          let inner = innerOffset(of: instruction, in: source, dataLayout)
        else { return nil }
        return (source, inner + extra, source.isInteger && source.integerWidth == 8)
      default:
        return nil
      }
    }
    return nil
  }

  /// The element an offset into arrays falls in, and the offset inside it: `[3 x %Rec]` at 80 is
  /// `%Rec` at 0 when a `%Rec` is 40 bytes.
  static func elementPosition(_ type: IRType, at offset: Int, _ dataLayout: LLVMTargetDataRef) -> (
    type: IRType, offset: Int
  ) {
    var type = type
    var offset = offset
    while type.isArray {
      let stride = Int(LLVMABISizeOfType(dataLayout, type.elementType.ref))
      guard stride > 0 else { break }
      offset %= stride
      type = type.elementType
    }
    return (type, offset)
  }

  /// Whether `pointer` is a parameter that every direct caller passes memory declared an integer at
  /// that place (`declaresInteger`, `covering` as there), looking through callers that pass
  /// their own parameters on, `depth` deep: the `int&&` of `emplace_back(char, double, int)`, copied
  /// into the new element by a helper that sees only bytes (from `clang -O0` input, untagged).
  static func declaresIntegerInEveryCaller(
    _ pointer: Value, covering size: Int? = nil, dataLayout: LLVMTargetDataRef, depth: Int = 4
  ) -> Bool {
    guard depth > 0, let arguments = argumentsPassed(for: pointer), !arguments.isEmpty else { return false }
    return arguments.allSatisfy { argument in
      declaresInteger(at: argument, covering: size, dataLayout: dataLayout)
        || declaresIntegerInEveryCaller(argument, covering: size, dataLayout: dataLayout, depth: depth - 1)
    }
  }

  /// What the direct calls of `parameter`'s function pass for it, one argument per call; nil when
  /// `parameter` is not a function's parameter. (Empty when nothing calls the function directly: a
  /// derivative's entry point, a function only called through pointers.)
  static func argumentsPassed(for parameter: Value) -> [Value]? {
    guard parameter.isArgument else { return nil }
    let function = Function(LLVMGetParamParent(parameter.ref))
    guard let index = function.parameters.firstIndex(of: parameter) else { return nil }
    return function.value.users.compactMap(\.asInstruction).compactMap { call in
      call.isCall && call.calledOperand == function.value && index < call.arguments.count
        ? call.arguments[index] : nil
    }
  }

  /// Whether the declared type of the memory at `pointer` (a stack slot's, or the element a
  /// `getelementptr` indexes, as `declaredEvidence` finds them) has an integer at that byte: a
  /// `char` field copied byte by byte (`items[i].tag`), not a piece of a double or a pointer.
  /// `offset` bytes further than `pointer`. With `unionsDeclareNothing`, a union on the way (clang's
  /// `%union.*`, typed by one of its members) says nothing of what its bytes hold.
  ///
  /// With `covering`, the integer must be wider than a byte and hold all of those bytes from its
  /// first (a whole `UInt64` field, not a byte of an enum's payload nor an `int` beside a `float`).
  static func declaresInteger(
    at pointer: Value, offset extra: Int = 0, unionsDeclareNothing: Bool = false, covering size: Int? = nil,
    dataLayout: LLVMTargetDataRef
  ) -> Bool {
    guard let declared = declaredType(at: pointer, dataLayout), !declared.indexesBytes else { return false }
    var type = declared.type
    guard !(type.isArray && type.elementType.isInteger && type.elementType.integerWidth == 8) else {
      return false
    }
    var offset = declared.offset + extra
    while true {
      if type.isInteger {
        guard let size else { return true }
        return offset == 0 && type.integerWidth > 8 && Int(type.integerWidth / 8) >= size
      }
      if type.isStruct, unionsDeclareNothing, type.structName?.hasPrefix("union.") ?? false { return false }
      if type.isStruct {
        let elements = type.structElements
        guard
          let index = elements.indices.last(where: {
            Int(LLVMOffsetOfElement(dataLayout, type.ref, UInt32($0))) <= offset
          })
        else { return false }
        offset -= Int(LLVMOffsetOfElement(dataLayout, type.ref, UInt32(index)))
        type = elements[index]
      } else if type.isArray {
        let stride = Int(LLVMABISizeOfType(dataLayout, type.elementType.ref))
        guard stride > 0 else { return false }
        offset %= stride
        type = type.elementType
      } else {
        return false
      }
    }
  }

  /// The byte offset the constant indices after the first of `gep` reach inside `type` (its source
  /// element type); nil when one of them is not constant.
  fileprivate static func innerOffset(of gep: Instruction, in type: IRType, _ dataLayout: LLVMTargetDataRef)
    -> Int?
  {
    var offset = 0
    var current = type
    for position in 2..<max(2, gep.operandCount) {
      guard let index = gep.operand(position).constantInt else { return nil }
      if current.isStruct {
        offset += Int(LLVMOffsetOfElement(dataLayout, current.ref, UInt32(index)))
        current = current.structElements[Int(index)]
      } else if current.isArray || current.isVector {
        current = current.elementType
        offset += Int(index) * Int(LLVMABISizeOfType(dataLayout, current.ref))
      } else {
        return nil
      }
    }
    return offset
  }

  /// Whether the leaves of `type` overlapping bytes `offset ..< offset + size` are pointers, or
  /// floating-point values.
  static func leafEvidence(
    of type: IRType, from offset: Int, size: Int, dataLayout: LLVMTargetDataRef
  )
    -> (pointer: Bool, float: Bool)
  {
    let length = Int(LLVMStoreSizeOfType(dataLayout, type.ref))
    guard offset < length, offset + size > 0 else { return (false, false) }
    if type.isPointer { return (true, false) }
    if type.isFloatingPointOrVector { return (false, type.containsFloatingPoint) }
    // Clang declares a union by one of its members: its bytes may be any member's.
    if type.isStruct, type.structName?.hasPrefix("union.") == true { return (false, false) }
    var pointer = false
    var float = false
    if type.isStruct {
      for (index, element) in type.structElements.enumerated() {
        let at = Int(LLVMOffsetOfElement(dataLayout, type.ref, UInt32(index)))
        let found = leafEvidence(of: element, from: offset - at, size: size, dataLayout: dataLayout)
        pointer = pointer || found.pointer
        float = float || found.float
      }
    } else if type.isArray {
      let stride = Int(LLVMABISizeOfType(dataLayout, type.elementType.ref))
      guard stride > 0 else { return (false, false) }
      let first = max(0, offset / stride)
      let last = min(Int(type.arrayLength) - 1, (offset + size - 1) / stride)
      if first <= last {
        for index in first...last {
          let found = leafEvidence(
            of: type.elementType, from: offset - index * stride, size: size, dataLayout: dataLayout)
          pointer = pointer || found.pointer
          float = float || found.float
        }
      }
    }
    return (pointer, float)
  }
}
