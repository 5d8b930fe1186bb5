// Lanes of float vectors taken through wider integers, made shuffles and vectors of the floats again.
import CLLVM
import LLVMBinding

extension FloatCarriers {
  /// Makes a lane of a float vector's bits, taken as a wider integer and read back as floats, those
  /// floats: `bitcast (extractelement (bitcast <4 x double> %v to <2 x i128>), 1) to <2 x double>`
  /// is `shufflevector %v, poison, <2, 3>`. The pre-AD simplification writes the upper half of an
  /// AVX vector so (a leapfrog step on `<4 x double>` at -O2 -march=native); through the `i128`, the
  /// values were refused as floats carried by integers.
  static func extractedLanesOfFloatsAsFloats(in function: Function, builder: Builder) {
    let casts = function.blocks.flatMap(\.instructions).filter { cast in
      guard cast.opcode == LLVMBitCast, cast.type.isFloatingPointOrVector,
        let extract = cast.operand(0).asInstruction, extract.opcode == LLVMExtractElement,
        extract.operand(1).constantInt != nil, let wide = extract.operand(0).asInstruction,
        wide.opcode == LLVMBitCast, wide.operand(0).type.isVector,
        wide.operand(0).type.elementType.isFloatingPoint
      else { return false }
      let element = cast.type.isVector ? cast.type.elementType : cast.type
      return element == wide.operand(0).type.elementType
    }
    for cast in casts {
      let extract = cast.operand(0).asInstruction!
      let floats = extract.operand(0).asInstruction!.operand(0)
      let lanes = cast.type.isVector ? Int(cast.type.vectorSize) : 1
      let first = Int(extract.operand(1).constantInt!) * lanes
      guard first + lanes <= Int(floats.type.vectorSize) else { continue }
      builder.position(before: cast)
      builder.debugLocation = cast.debugLocation
      let i32 = IRType(LLVMInt32TypeInContext(LLVMGetTypeContext(cast.type.ref)))
      let made: Value
      if lanes == 1 {
        made = builder.extractElement(floats, Value.constInt(i32, Int64(first)))
      } else {
        let mask = Value(
          (first..<first + lanes).map { LLVMConstInt(i32.ref, UInt64($0), 0) }
            .withUnsafeBufferPointer { elements in
              LLVMConstVector(UnsafeMutablePointer(mutating: elements.baseAddress), UInt32(elements.count))!
            })
        made = builder.shuffleVector(floats, Value.poison(floats.type), mask: mask)
      }
      cast.value.replaceAllUses(with: made)
      cast.eraseFromParent()
      if extract.value.users.isEmpty {
        let wide = extract.operand(0).asInstruction!
        extract.eraseFromParent()
        if wide.value.users.isEmpty { wide.eraseFromParent() }
      }
    }
  }

  /// Makes a float vector whose bits are assembled in one wider integer, lane by lane, a vector of
  /// the lanes as floats: `bitcast (or disjoint (shl (zext i64 %b to i128), 64), (zext i64 %a to
  /// i128)) to <2 x double>` is `<%a, %b>` read as doubles. Swift reads a `SIMD2<Double>?` out of an
  /// array's storage so (its two words and its tag loaded one by one); through the `i128`, whose
  /// words were copied from `Double`s as integers, the derivative was 0 in both modes, without a
  /// word. The integer loads of the lanes then become floating-point ones (`loadFloatsAsFloats`).
  static func assembledLanesAsFloats(in function: Function, builder: Builder) {
    let casts = function.blocks.flatMap(\.instructions).filter { cast in
      cast.opcode == LLVMBitCast && cast.type.isVector && cast.type.elementType.isFloatingPoint
        && cast.operand(0).type.isInteger
    }
    for cast in casts {
      let element = cast.type.elementType
      let count = Int(cast.type.vectorSize)
      let width = cast.operand(0).type.integerWidth / UInt32(count)
      guard let pieces = lanes(of: cast.operand(0), width: width, count: count) else { continue }
      builder.position(before: cast)
      builder.debugLocation = cast.debugLocation
      let i32 = IRType(LLVMInt32TypeInContext(LLVMGetTypeContext(cast.type.ref)))
      var vector = Value.null(cast.type)
      for (index, piece) in pieces.enumerated() {
        guard let piece else { continue }
        // The float itself where the piece is its bits cast: a cast of the cast would leave the
        // float's derivative behind in the integer.
        var float = builder.bitCast(piece, to: element)
        if let bits = piece.asInstruction, bits.opcode == LLVMBitCast, bits.operand(0).type == element {
          float = bits.operand(0)
        }
        vector = builder.insertElement(vector, float, .constInt(i32, Int64(index)))
      }
      let assembly = cast.operand(0)
      cast.value.replaceAllUses(with: vector)
      cast.eraseFromParent()
      eraseUnused(assembly)
    }
  }

  /// The pieces of `value`, an integer of `count` lanes of `width` bits, when it is assembled from
  /// integers of one lane each by `zext`, shifts by whole lanes and `or`s of lanes the other side
  /// leaves zero: each lane's piece, or nil where the lane is zero. Nil for any other integer.
  private static func lanes(of value: Value, width: UInt32, count: Int) -> [Value?]? {
    let zero = [Value?](repeating: nil, count: count)
    if value.isConstant { return value.isNull ? zero : nil }
    guard let instruction = value.asInstruction else { return nil }
    switch instruction.opcode {
    case LLVMZExt:
      let piece = instruction.operand(0)
      guard piece.type.isInteger, piece.type.integerWidth == width else { return nil }
      return [piece] + zero.dropFirst()
    case LLVMShl:
      guard let shift = instruction.operand(1).constantInt, shift >= 0, shift % Int64(width) == 0,
        let inner = lanes(of: instruction.operand(0), width: width, count: count)
      else { return nil }
      let by = Int(shift / Int64(width))
      // Lanes shifted out must be zero: the shift keeps every piece whole.
      guard by < count, inner[(count - by)...].allSatisfy({ $0 == nil }) else { return nil }
      return Array(zero.prefix(by)) + inner.prefix(count - by)
    case LLVMOr:
      guard let a = lanes(of: instruction.operand(0), width: width, count: count),
        let b = lanes(of: instruction.operand(1), width: width, count: count),
        !zip(a, b).contains(where: { $0 != nil && $1 != nil })
      else { return nil }
      return zip(a, b).map { $0 ?? $1 }
    default:
      return nil
    }
  }

  /// Makes a float vector whose bits are an integer vector assembled lane by lane (`insertelement`
  /// of integers, shuffles of such vectors) the same assembly of the lanes as floats: `bitcast
  /// (insertelement (insertelement poison, i64 %a, 0), i64 %b, 1) to <2 x double>` is `<%a, %b>`
  /// read as doubles. Optimized Eigen gathers a quaternion's coefficients so before flipping the sign
  /// of one (`q * r.conjugate()`); through the integers, its derivative was refused. The integer
  /// loads of the lanes then become floating-point ones (`loadFloatsAsFloats`).
  static func insertedLanesAsFloats(in function: Function, builder: Builder) {
    let casts = function.blocks.flatMap(\.instructions).filter { cast in
      guard cast.opcode == LLVMBitCast, cast.type.isVector, cast.type.elementType.isFloatingPoint,
        let assembly = cast.operand(0).asInstruction, assembly.type.isVector,
        assembly.type.vectorSize == cast.type.vectorSize
      else { return false }
      return assembly.opcode == LLVMInsertElement || assembly.opcode == LLVMShuffleVector
    }
    for cast in casts {
      builder.position(before: cast)
      builder.debugLocation = cast.debugLocation
      let assembly = cast.operand(0)
      var made: [Value: Value] = [:]
      cast.value.replaceAllUses(
        with: floatLanes(of: assembly, as: cast.type.elementType, made: &made, builder))
      cast.eraseFromParent()
      eraseUnusedAssembly(assembly)
    }
  }

  /// `vector`, an integer vector, with its lanes as `element`s, built where `builder` stands.
  private static func floatLanes(
    of vector: Value, as element: IRType, made: inout [Value: Value], _ builder: Builder
  ) -> Value {
    if let done = made[vector] { return done }
    let type = IRType(LLVMVectorType(element.ref, vector.type.vectorSize))
    var floats: Value
    if vector.isPoison || vector.isUndef {
      floats = Value.poison(type)
    } else if let step = vector.asInstruction, step.opcode == LLVMInsertElement {
      var lane = step.operand(1)
      if let bits = lane.asInstruction, bits.opcode == LLVMBitCast, bits.operand(0).type == element {
        lane = bits.operand(0)
      } else {
        lane = builder.bitCast(lane, to: element)
      }
      floats = builder.insertElement(
        floatLanes(of: step.operand(0), as: element, made: &made, builder), lane, step.operand(2))
    } else if let step = vector.asInstruction, step.opcode == LLVMShuffleVector {
      floats = builder.shuffleVector(
        floatLanes(of: step.operand(0), as: element, made: &made, builder),
        floatLanes(of: step.operand(1), as: element, made: &made, builder), mask: shuffleMask(of: step))
    } else {
      floats = builder.bitCast(vector, to: type)
    }
    made[vector] = floats
    return floats
  }

  /// The mask of `shuffle` as a constant vector (poison where a lane is).
  private static func shuffleMask(of shuffle: Instruction) -> Value {
    let i32 = IRType(LLVMInt32TypeInContext(LLVMGetTypeContext(shuffle.type.ref)))
    var lanes: [LLVMValueRef?] = (0..<LLVMGetNumMaskElements(shuffle.ref)).map { lane in
      let source = LLVMGetMaskValue(shuffle.ref, lane)
      return source == LLVMGetUndefMaskElem()
        ? LLVMGetPoison(i32.ref) : LLVMConstInt(i32.ref, UInt64(source), 0)
    }
    return Value(LLVMConstVector(&lanes, UInt32(lanes.count)))
  }

  /// Erases `value` if it is an integer vector's assembly step that nothing uses any more, and then
  /// the steps that leaves unused.
  private static func eraseUnusedAssembly(_ value: Value) {
    guard let instruction = value.asInstruction, value.users.isEmpty,
      [LLVMInsertElement, LLVMShuffleVector].contains(instruction.opcode)
    else { return }
    let operands = instruction.operands
    instruction.eraseFromParent()
    for operand in operands { eraseUnusedAssembly(operand) }
  }

  /// Erases `value` if it is a step of an assembly (or a cast of a piece) that nothing uses any
  /// more, and then the steps that leaves unused.
  private static func eraseUnused(_ value: Value) {
    guard let instruction = value.asInstruction, value.users.isEmpty,
      [LLVMZExt, LLVMShl, LLVMOr, LLVMBitCast].contains(instruction.opcode)
    else { return }
    let operands = instruction.operands
    instruction.eraseFromParent()
    for operand in operands { eraseUnused(operand) }
  }
}
