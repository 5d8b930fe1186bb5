// Where bytes lie in their object up to whole array elements, and whether a copy's bytes lie beside
// the floating-point values of their memory rather than in one.
import CLLVM
import LLVMBinding

extension CopiedBytes {
  /// Whether the `size` bytes at `place` lie beside the floating-point values of their object, not
  /// in one: the loads and stores of `blocks` that move floating-point values in the object are all
  /// at offsets known up to whole elements of an array (`modularBase`), there is at least one, and
  /// none can cover these bytes (nor can a memcpy or memset of the object). A Swift array of
  /// `{Double; UInt8; Bool; Double}` swapped element by element copies the `UInt8` as a byte beside
  /// the doubles: refused as a double moved byte by byte, the user's `swapAt` could not be
  /// differentiated.
  static func liesBesideFloats(
    _ place: Value, size: Int, in blocks: [BasicBlock], dataLayout: LLVMTargetDataRef
  )
    -> Bool
  {
    let bytes = modularBase(of: place, dataLayout)
    var sawFloat = false
    for instruction in blocks.lazy.flatMap(\.instructions) {
      if instruction.isCall, let callee = instruction.calledFunction,
        ["llvm.memcpy", "llvm.memmove", "llvm.memset"].contains(where: callee.name.hasPrefix)
      {
        for pointer in instruction.arguments.prefix(2) where pointer.type.isPointer {
          let touched = modularBase(of: pointer, dataLayout)
          guard touched.object == bytes.object else { continue }
          guard let length = instruction.arguments[2].constantInt.map({ Int($0) }),
            !mayOverlap(touched, max(length, 0), bytes, size)
          else { return false }
        }
        continue
      }
      // A float moved as an integer tagged as one counts, at both ends of the copy: a
      // `std::tuple<char, double, int>`'s double relocated as an `i64` (its load untagged once the
      // integer types are sorted out, `FloatCarriers`), beside the `char` moved as a byte.
      guard instruction.opcode == LLVMLoad || instruction.opcode == LLVMStore,
        let access = MemoryWrites.access(by: instruction),
        access.type.containsFloatingPoint || tagNamesFloat(instruction)
      else { continue }
      var pointers = [access.pointer]
      if instruction.opcode == LLVMStore, !access.type.containsFloatingPoint,
        let copied = instruction.operand(0).asInstruction, copied.opcode == LLVMLoad
      {
        pointers.append(copied.operand(0))
      }
      for pointer in pointers {
        let touched = modularBase(of: pointer, dataLayout)
        guard touched.object == bytes.object else { continue }
        sawFloat = true
        if mayOverlap(touched, Int(LLVMStoreSizeOfType(dataLayout, access.type.ref)), bytes, size) {
          return false
        }
      }
    }
    return sawFloat
  }

  /// The object `pointer` points into through `getelementptr`s and casts, and where in it: `offset`
  /// plus any multiple of `stride` (the greatest common divisor of the sizes its variable indices
  /// step by; 0 when no index is variable). `&a[i].tag` in an array of 24-byte structs is 8 plus a
  /// multiple of 24.
  static func modularBase(of pointer: Value, _ dataLayout: LLVMTargetDataRef) -> (
    object: Value, offset: Int, stride: Int
  ) {
    var current = pointer
    var offset = 0
    var stride = 0
    while let instruction = current.asInstruction {
      switch instruction.opcode {
      case LLVMGetElementPtr:
        var type = instruction.gepSourceElementType
        for (position, index) in instruction.operands.dropFirst().enumerated() {
          if position > 0 {
            if type.isStruct {
              guard let field = index.constantInt else { return (current, 0, 1) }
              offset += Int(LLVMOffsetOfElement(dataLayout, type.ref, UInt32(field)))
              type = type.structElements[Int(field)]
              continue
            }
            guard type.isArray || type.isVector else { return (current, 0, 1) }
            type = type.elementType
          }
          let size = Int(LLVMABISizeOfType(dataLayout, type.ref))
          if let constant = index.constantInt {
            offset += Int(constant) * size
          } else {
            stride = gcd(stride, size * multiple(of: index))
          }
        }
      case LLVMBitCast, LLVMAddrSpaceCast: break
      default: return (current, offset, stride)
      }
      current = instruction.operand(0)
    }
    return (current, offset, stride)
  }

  /// A number the variable index `index` is always a multiple of: Swift indexes an array of 16-byte
  /// enums by bytes, `i << 4` (1 when nothing says).
  private static func multiple(of index: Value) -> Int {
    guard let instruction = index.asInstruction else { return 1 }
    switch instruction.opcode {
    case LLVMShl:
      guard let shift = instruction.operand(1).constantInt, shift >= 0, shift < 32 else { return 1 }
      return multiple(of: instruction.operand(0)) << Int(shift)
    case LLVMMul:
      for (factor, other) in [(1, 0), (0, 1)] {
        if let constant = instruction.operand(factor).constantInt, constant != 0, abs(constant) < 1 << 32 {
          return abs(Int(constant)) * multiple(of: instruction.operand(other))
        }
      }
      return 1
    case LLVMSExt, LLVMZExt:
      return multiple(of: instruction.operand(0))
    default: return 1
    }
  }

  /// Whether `length` bytes at `a` and `size` bytes at `b` (positions from `modularBase` in one
  /// object) may share a byte.
  fileprivate static func mayOverlap(
    _ a: (object: Value, offset: Int, stride: Int), _ length: Int,
    _ b: (object: Value, offset: Int, stride: Int),
    _ size: Int
  ) -> Bool {
    let period = gcd(a.stride, b.stride)
    guard period > 0 else { return a.offset < b.offset + size && b.offset < a.offset + length }
    // b's bytes start `shift` after some position of a, modulo the period.
    let shift = ((b.offset - a.offset) % period + period) % period
    return shift < length || shift + size > period
  }
}

// MARK: - Floating-point values moved whole or in pieces

extension CopiedBytes {
  /// How the bytes an integer access moves meet the floating-point values that the function's own
  /// loads and stores move in the same memory (and its callers', for memory a parameter reaches).
  enum FloatOverlap: Equatable {
    /// No floating-point access can share a byte with them.
    case none
    /// Every floating-point access that can share a byte with them moves exactly these bytes, as a
    /// value of this type: the integer moves whole values (glibc's word swap of a `double` array).
    case whole(IRType)
    /// Floating-point values may share bytes with them, at positions that do not show how (an index
    /// nothing bounds, an unaligned word of an inlined generic swap): whole values or not, nothing
    /// tells.
    case unaligned
    /// Some floating-point value of another size than the integer may share bytes with them: moved
    /// in pieces (a byte loop over doubles, a double moved as two 32-bit words) or together with
    /// other bytes.
    case pieces
  }

  /// How the `size` bytes at `place`, accessed with `alignment`, meet the floating-point values of
  /// their memory (`FloatOverlap`). Generic code moves elements of any type as bytes or words, with
  /// a type-based alias tag of `char` or `int`: tagged, such a copy was taken for an integer's and
  /// the primal's bits were mirrored into the doubles' shadow (glibc qsort's `uint64_t` word swap of
  /// doubles gave primal values as derivatives in both modes), or, byte by byte through a moving
  /// pointer, its doubles' adjoints stayed where they were (reverse mode, silently). Whole values
  /// are carried (`WholeFloatCopies`); bytes are refused in reverse mode (`Gradient+Forward`).
  static func floatOverlap(
    of place: Value, size: Int, alignment: Int, in function: Function, callerDepth: Int = 2,
    dataLayout: LLVMTargetDataRef
  ) -> FloatOverlap {
    var result = FloatOverlap.none
    var visited: Set<String> = []
    collectFloatOverlap(
      at: steppedBase(of: place, dataLayout), size: size, alignment: alignment, in: function,
      depth: callerDepth,
      dataLayout: dataLayout, result: &result, visited: &visited)
    return result
  }

  private static func collectFloatOverlap(
    at bytes: (object: Value, offset: Int, stride: Int), size: Int, alignment: Int, in function: Function,
    depth: Int, dataLayout: LLVMTargetDataRef, result: inout FloatOverlap, visited: inout Set<String>
  ) {
    let families = StorageFamilies(function)
    for instruction in function.blocks.lazy.flatMap(\.instructions) {
      guard result != .pieces else { return }
      guard instruction.opcode == LLVMLoad || instruction.opcode == LLVMStore,
        let access = MemoryWrites.access(by: instruction), access.type.containsFloatingPoint
      else { continue }
      let accessed = steppedBase(of: access.pointer, dataLayout)
      // Another value of the storage counts where both positions are known to the larger of the
      // two accesses (a period of at least its size): a double stored at an index nothing bounds
      // in a vector's new storage says nothing about the `int` beside the doubles of its pairs,
      // nor a double of one node about the characters copied into the name of another.
      let sharedPeriod = gcd(accessed.stride, bytes.stride)
      let larger = max(size, Int(LLVMStoreSizeOfType(dataLayout, access.type.ref)))
      guard
        accessed.object == bytes.object
          || ((sharedPeriod == 0 || sharedPeriod >= larger) && families.same(accessed.object, bytes.object))
      else { continue }
      // Each floating-point value of an aggregate or vector access on its own (a `<2 x double>`
      // store zeroing a `std::function`'s storage is two doubles, not 16 bytes of pieces).
      for leaf in floatLeaves(of: access.type, dataLayout) {
        let touched = (
          object: accessed.object, offset: accessed.offset + leaf.offset, stride: accessed.stride
        )
        let length = Int(LLVMStoreSizeOfType(dataLayout, leaf.type.ref))
        guard mayOverlap(touched, length, bytes, size) else { continue }
        // The same bytes every time: two naturally aligned accesses of one size either coincide or
        // are apart; otherwise their positions must agree up to a period of at least the size.
        let period = gcd(touched.stride, bytes.stride)
        let shift =
          period == 0
          ? bytes.offset - touched.offset : ((bytes.offset - touched.offset) % period + period) % period
        let leafAlignment =
          leaf.offset == 0 ? Int(instruction.alignment) : gcd(Int(instruction.alignment), leaf.offset)
        let aligned =
          (alignment >= size && leafAlignment >= size)
          || (shift == 0 && (period == 0 || period >= size))
        guard length == size else {
          // Pieces where the value is at one place, or where the integer moves through memory in
          // steps shorter than the value (a loop swapping records 4 bytes at a time). A value in a
          // loop may lie elsewhere: `p->pos[k]` from 16 in steps of 8 would reach the `int` at 8
          // only for k = -1, which the positions modulo 8 cannot rule out.
          guard touched.stride == 0 || (bytes.stride > 0 && bytes.stride < length) else {
            if result != .pieces { result = .unaligned }
            continue
          }
          result = .pieces
          return
        }
        if case .whole(let type) = result, type != leaf.type {
          result = .pieces
          return
        }
        result = aligned && result != .unaligned ? .whole(leaf.type) : .unaligned
      }
    }
    // Memory a parameter reaches: where the callers that pass it move floating-point values.
    guard depth > 0, bytes.object.isArgument, let index = function.parameters.firstIndex(of: bytes.object),
      visited.insert("\(function.name) \(index)").inserted
    else { return }
    for user in function.value.users {
      guard let call = user.asInstruction, call.isCall, call.calledOperand == function.value,
        index < call.arguments.count
      else { continue }
      let passed = steppedBase(of: call.arguments[index], dataLayout)
      collectFloatOverlap(
        at: (passed.object, passed.offset + bytes.offset, gcd(passed.stride, bytes.stride)), size: size,
        alignment: alignment, in: call.function, depth: depth - 1, dataLayout: dataLayout, result: &result,
        visited: &visited)
    }
  }

  /// The floating-point scalars of `type` with their byte offsets, through structs, arrays and
  /// vectors.
  private static func floatLeaves(of type: IRType, _ dataLayout: LLVMTargetDataRef) -> [(
    offset: Int, type: IRType
  )] {
    if type.isFloatingPoint { return [(0, type)] }
    if type.isStruct {
      return type.structElements.enumerated().flatMap { index, element in
        let offset = Int(LLVMOffsetOfElement(dataLayout, type.ref, UInt32(index)))
        return floatLeaves(of: element, dataLayout).map { (offset + $0.offset, $0.type) }
      }
    }
    if type.isArray || type.isVector {
      let element = type.elementType
      let stride = Int(LLVMABISizeOfType(dataLayout, element.ref))
      let count = type.isArray ? Int(type.arrayLength) : Int(type.vectorSize)
      let inner = floatLeaves(of: element, dataLayout)
      guard !inner.isEmpty else { return [] }
      // Whole, so that it meets any copy as pieces: a vector whose length only the run time knows,
      // or an array too long to list.
      guard type.kind != LLVMScalableVectorTypeKind, count * inner.count <= 256 else { return [(0, type)] }
      return (0..<count).flatMap { index in inner.map { (index * stride + $0.offset, $0.type) } }
    }
    return []
  }

  /// `modularBase`, through a loop's moving pointer: a phi that starts at places in one object and
  /// steps from itself by constant or variable amounts is that object, at its first start, plus any
  /// multiple of the steps and of the starts' distances.
  static func steppedBase(of pointer: Value, _ dataLayout: LLVMTargetDataRef, depth: Int = 3) -> (
    object: Value, offset: Int, stride: Int
  ) {
    let base = modularBase(of: pointer, dataLayout)
    guard depth > 0, let phi = base.object.asInstruction, phi.opcode == LLVMPHI else { return base }
    var start: (object: Value, offset: Int)?
    var stride = base.stride
    for incoming in phi.incoming {
      var position = modularBase(of: incoming.value, dataLayout)
      if position.object != phi.value {
        // A start that is itself a moving pointer (a tail-recursive sort made a loop: where each
        // partition begins).
        position = steppedBase(of: incoming.value, dataLayout, depth: depth - 1)
      }
      stride = gcd(stride, position.stride)
      if position.object == phi.value {
        stride = gcd(stride, position.offset)
      } else if let first = start {
        guard first.object == position.object else { return base }
        stride = gcd(stride, position.offset - first.offset)
      } else {
        start = (position.object, position.offset)
      }
    }
    guard let start else { return base }
    return (start.object, start.offset + base.offset, stride)
  }

  fileprivate static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
}
