// The C library's binary search (`bsearch`): which argument is which, and the shadow of what it
// finds. Both modes read this; glibc's headers inline `bsearch` into optimized code, so the call
// itself is what unoptimized (-O0) code and other C libraries leave.
import CLLVM
import LLVMBinding

/// `bsearch(key, base, count, size, compare)`: the address of an element of the array at `base` that
/// compares equal to `*key`, or null. It changes no memory and has no derivative; the element it
/// finds does, so the result's shadow is the same element of the array's shadow:
/// `result == null ? null : shadow(base) + (result - base)`.
struct SearchRoutine: Equatable {
  let name: String
  let key: Int
  let base: Int
  let compare: Int

  static let routines: [String: SearchRoutine] = [
    "bsearch": SearchRoutine(name: "bsearch", key: 0, base: 1, compare: 4)
  ]

  /// The search `name` names, if `callee` is a library declaration with its C signature.
  static func called(name: String, callee: Function) -> SearchRoutine? {
    guard callee.isDeclaration, let routine = routines[name] else { return nil }
    let parameters = callee.type.parameterTypes
    guard parameters.count == 5, callee.returnType.isPointer, parameters[routine.key].isPointer,
      parameters[routine.base].isPointer, parameters[routine.compare].isPointer
    else { return nil }
    return routine
  }

  /// The shadow of `found` (the search's result in the array at `base`) in the array's shadow
  /// `shadowBase`: the same byte offset, or null when nothing was found.
  static func shadow(of found: Value, base: Value, shadowBase: Value, builder: Builder, context: Context)
    -> Value
  {
    let i64 = IRType.int(64, in: context)
    let i8 = IRType.int(8, in: context)
    let offset = builder.sub(
      builder.cast(LLVMPtrToInt, found, to: i64), builder.cast(LLVMPtrToInt, base, to: i64))
    let element = builder.gep(i8, shadowBase, [offset], "found.shadow")
    return builder.select(
      builder.icmp(LLVMIntEQ, found, Value.null(found.type)), Value.null(found.type), element)
  }

  /// What the search may write: nothing itself; its comparison, unless it is known to write nothing,
  /// might write anything.
  func comparisonMayWrite(_ call: Instruction) -> Bool { comparisonMayWriteMemory(call.arguments[compare]) }
}
