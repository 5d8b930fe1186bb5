// A floating-point value a defined function returns as an integer field of its result, which the
// caller reinterprets as floating-point again, is returned as floating-point: then its derivative
// comes back with it.
import CLLVM
import LLVMBinding

/// Swift returns an `Optional<Double>`, a `Result<Double, E>` or an enum with a `Double` payload as
/// `{ i64, i8 }`: the payload's bits and the case (`phi i64 [bitcast %log to i64, …], [0, …]`), and
/// the caller that unwraps it bitcasts the word to `double` again. Through the integer the
/// derivative was lost, and AD refused the function (`FloatBits`: a floating-point value
/// reinterpreted as an integer reaches the return). Such a call becomes a call of a function
/// returning those fields as floating-point, `f.floats(args)`, which calls `f` (inlined into it)
/// and bitcasts the fields; instcombine then folds the bitcasts into the phis that chose them, so
/// the value the callee computed is returned as itself, and the caller's bitcast folds away. The
/// primal's bits are unchanged: a field that is not a float (another case's payload, the `0` of
/// `nil`) is returned as the same bits.
enum FloatsReturnedAsIntegers {
  /// Rewrites the calls in `functions` whose aggregate result has integer fields the caller
  /// reinterprets as floating-point. Returns the functions changed (callers and new callees), for
  /// the caller to simplify.
  static func returnAsFloats(in functions: [Function], module: Module) throws -> [Function] {
    let builder = Builder(context: module.context)
    var made: [String: Function] = [:]
    var changed: Set<Function> = []
    for function in functions where !function.isDeclaration {
      for block in function.blocks {
        for call in block.instructions where call.opcode == LLVMCall {
          guard let callee = call.calledFunction, !callee.isDeclaration, !callee.isIntrinsic,
            call.type.isStruct, callee.returnType == call.type, call.operandBundleCount == 0,
            !callee.type.isVariadic
          else { continue }
          let fields = floatFields(of: call, module: module)
          guard !fields.isEmpty else { continue }
          let key = callee.name + fields.keys.sorted().map { ".\($0)" }.joined()
          let floatVersion = made[key] ?? returningFloats(callee, fields: fields, module: module)
          made[key] = floatVersion
          ReturnConversion.redirect(call, to: floatVersion, builder: builder) {
            retyped($0, to: call.type, builder: $1)
          }
          changed.insert(function)
        }
      }
    }
    guard !made.isEmpty else { return [] }
    // The original inlined into each float version (the call site is marked alwaysinline).
    try module.runPasses("always-inline")
    return Array(changed) + Array(made.values)
  }

  /// The integer fields of `call`'s result (by index) that the caller bitcasts to a floating-point
  /// type of their width (64 bits: double, 32: float), with that type.
  private static func floatFields(of call: Instruction, module: Module) -> [Int: IRType] {
    var fields: [Int: IRType] = [:]
    let elements = call.type.structElements
    for user in call.value.users {
      guard let extract = user.asInstruction, extract.opcode == LLVMExtractValue, extract.indices.count == 1
      else { continue }
      let index = Int(extract.indices[0])
      let element = elements[index]
      guard element.isInteger, [32, 64].contains(element.integerWidth) else { continue }
      for use in extract.value.users {
        guard let cast = use.asInstruction, cast.opcode == LLVMBitCast, cast.type.isFloatingPoint,
          module.storeSize(of: cast.type) == module.storeSize(of: element)
        else { continue }
        fields[index] = cast.type
      }
    }
    return fields
  }

  /// `value` with every field rebuilt as `type`'s (bitcast where the types differ).
  private static func retyped(_ value: Value, to type: IRType, builder: Builder) -> Value {
    var result = Value.poison(type)
    for (index, element) in type.structElements.enumerated() {
      var field = builder.extractValue(value, UInt32(index))
      if field.type != element { field = builder.bitCast(field, to: element) }
      result = builder.insertValue(result, field, UInt32(index))
    }
    return result
  }

  /// `<callee>.floats`: `callee` returning its result with `fields` as floating-point.
  private static func returningFloats(_ callee: Function, fields: [Int: IRType], module: Module) -> Function {
    var elements = callee.returnType.structElements
    for (index, type) in fields { elements[index] = type }
    let result = IRType.structure(elements, in: module.context, packed: callee.returnType.isPackedStruct)
    return ReturnConversion.wrapper(of: callee, suffix: ".floats", returning: result, module: module) {
      retyped($0, to: result, builder: $1)
    }
  }
}
