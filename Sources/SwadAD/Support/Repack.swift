// Converting between aggregate types with the same scalar leaves ([3 x double] ↔ {double, double,
// double}, {double, [2 x double]} ↔ {double, double, double}), as entry points return what the
// user's prototype declares.
import LLVMBinding

enum Repack {
  /// The scalar leaf types of a type, depth first; vectors count as their elements.
  static func leafTypes(_ type: IRType) -> [IRType] {
    if type.isStruct { return type.structElements.flatMap(leafTypes) }
    if type.isArray { return (0..<type.arrayLength).flatMap { _ in leafTypes(type.elementType) } }
    if type.isVector { return Array(repeating: type.elementType, count: Int(type.vectorSize)) }
    return [type]
  }

  static func leaves(of value: Value, builder: Builder) -> [Value] {
    let type = value.type
    if type.isStruct {
      return (0..<UInt32(type.structElements.count)).flatMap { leaves(of: builder.extractValue(value, $0), builder: builder) }
    }
    if type.isArray {
      return (0..<UInt32(type.arrayLength)).flatMap { leaves(of: builder.extractValue(value, $0), builder: builder) }
    }
    if type.isVector {
      let i32 = IRType.int(32, in: builder.context)
      return (0..<type.vectorSize).map { builder.extractElement(value, Value.constInt(i32, Int64($0))) }
    }
    return [value]
  }

  /// Builds a value of `type` from leaves in depth-first order.
  static func assemble(_ leaves: [Value], as type: IRType, builder: Builder) -> Value {
    var cursor = 0
    func build(_ type: IRType) -> Value {
      if type.isStruct || type.isArray {
        var aggregate = Value.poison(type)
        let count = type.isStruct ? type.structElements.count : Int(type.arrayLength)
        for index in 0..<count {
          aggregate = builder.insertValue(aggregate, build(type.element(at: UInt32(index))), UInt32(index))
        }
        return aggregate
      }
      if type.isVector {
        var vector = Value.poison(type)
        let i32 = IRType.int(32, in: builder.context)
        for lane in 0..<type.vectorSize {
          vector = builder.insertElement(vector, build(type.elementType), Value.constInt(i32, Int64(lane)))
        }
        return vector
      }
      defer { cursor += 1 }
      return leaves[cursor]
    }
    return build(type)
  }

  /// `value` converted to `type`, if both have the same leaves.
  static func convert(_ value: Value, to type: IRType, builder: Builder) -> Value? {
    if value.type == type { return value }
    guard leafTypes(value.type) == leafTypes(type) else { return nil }
    return assemble(leaves(of: value, builder: builder), as: type, builder: builder)
  }

  /// `value` as `type` by its bytes, when both hold the same number of bytes: the form a C ABI gives an
  /// aggregate it returns in registers (Rust's `#[repr(C)]` structs of `f32`: two are a `double` in the
  /// IR, three `{double, float}`, four `{double, double}`), which is what a prototype declared in that
  /// language returns. The bytes go through a stack slot in the entry block, of whichever type is larger
  /// and more aligned.
  static func reinterpret(_ value: Value, as type: IRType, module: Module, builder: Builder) -> Value? {
    guard !value.type.isVoid, !type.isVoid, dataSize(of: value.type, in: module) == dataSize(of: type, in: module),
      let first = builder.insertBlock.parent.entryBlock?.firstInstruction
    else { return nil }
    let sizes = { (type: IRType) in (module.allocSize(of: type), module.abiAlignment(of: type)) }
    let (large, small) = sizes(value.type) >= sizes(type) ? (value.type, type) : (type, value.type)
    guard module.abiAlignment(of: large) >= module.abiAlignment(of: small) else { return nil }
    let entry = Builder(context: module.context)
    entry.position(before: first)
    let slot = entry.alloca(large, "abi.coerce")
    builder.store(value, to: slot)
    return builder.load(type, from: slot)
  }

  /// The bytes a type's values hold: its store size, without a struct's tail padding (`{double, float}`
  /// holds 12 bytes, as three floats do).
  static func dataSize(of type: IRType, in module: Module) -> UInt64 {
    guard type.isStruct, !type.isPackedStruct, let last = type.structElements.last else {
      return module.storeSize(of: type)
    }
    var offset: UInt64 = 0
    for element in type.structElements.dropLast() {
      let alignment = UInt64(module.abiAlignment(of: element))
      offset = (offset + alignment - 1) / alignment * alignment + module.allocSize(of: element)
    }
    let alignment = UInt64(module.abiAlignment(of: last))
    return (offset + alignment - 1) / alignment * alignment + dataSize(of: last, in: module)
  }

  /// Packs per-lane values into the batched form `[width x T]` (or returns the single lane).
  static func pack(_ lanes: [Value], builder: Builder) -> Value {
    guard lanes.count > 1 else { return lanes[0] }
    var array = Value.poison(IRType.array(of: lanes[0].type, count: UInt64(lanes.count)))
    for (lane, value) in lanes.enumerated() { array = builder.insertValue(array, value, UInt32(lane)) }
    return array
  }

  /// Splits a batched `[width x T]` value into lanes.
  static func unpack(_ value: Value, width: Int, builder: Builder) -> [Value] {
    guard width > 1 else { return [value] }
    return (0..<width).map { builder.extractValue(value, UInt32($0)) }
  }

  /// The batched type of a shadow: `T` for one lane, `[width x T]` for several.
  static func batched(_ type: IRType, width: Int) -> IRType {
    width == 1 ? type : IRType.array(of: type, count: UInt64(width))
  }
}
