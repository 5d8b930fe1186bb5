// The C library's sorts (`qsort`, glibc's `qsort_r`): which argument is which. Both modes read this
// table; `Forward+Sort` and `Gradient+Sort` emit what a sort means for derivatives.
import CLLVM
import LLVMBinding

/// A sort of the C library: it permutes `count` elements of `size` bytes at `base` in place, in the
/// order `compare` (called with two element addresses, and `context` last when there is one) gives.
///
/// A sort is a permutation of the elements, chosen by comparing values but not depending on them
/// smoothly: its derivative is the same permutation applied to the derivatives. swad does not call
/// the library's sort on active data, since the order it found would not be visible; it sorts the
/// element indices itself (`SortRuntime.order`, with the program's comparison) and applies that
/// order to the array and to its shadows. The reverse sweep applies the inverse order to the shadow.
/// Elements that compare equal keep their order (a stable sort is one of the orders `qsort` may
/// produce), so the derivative of a tie is that of one consistent choice.
struct SortRoutine: Equatable {
  let name: String
  let base: Int
  let count: Int
  let size: Int
  let compare: Int
  /// The argument handed to the comparison as its third operand (`qsort_r`), if any.
  let context: Int?

  static let routines: [String: SortRoutine] = [
    "qsort": SortRoutine(name: "qsort", base: 0, count: 1, size: 2, compare: 3, context: nil),
    // glibc's order: `qsort_r(base, count, size, compare, context)`, compare(a, b, context). The
    // BSD and macOS qsort_r take the context before the comparison and hand it over first.
    "qsort_r": SortRoutine(name: "qsort_r", base: 0, count: 1, size: 2, compare: 3, context: 4),
  ]

  /// The sort `name` names, if `callee` is a library declaration with the C signature of that
  /// routine, in a module for a target whose C library has it (glibc's `qsort_r` on Linux).
  static func called(name: String, callee: Function) -> SortRoutine? {
    guard callee.isDeclaration, let routine = routines[name] else { return nil }
    let parameters = callee.type.parameterTypes
    let expected = routine.context == nil ? 4 : 5
    guard parameters.count == expected, parameters[routine.base].isPointer,
      parameters[routine.compare].isPointer, parameters[routine.count].isInteger,
      parameters[routine.size].isInteger
    else { return nil }
    if routine.context != nil {
      let triple = String(cString: LLVMGetTarget(LLVMGetGlobalParent(callee.ref)))
      guard triple.containsBytes(of: "linux") else { return nil }
    }
    return routine
  }
}

extension SortRoutine {
  /// Whether the comparison `call` hands the sort may write memory (`comparisonMayWriteMemory`).
  func comparisonMayWrite(_ call: Instruction) -> Bool { comparisonMayWriteMemory(call.arguments[compare]) }
}

/// Whether a comparison handed to a sort or a search may write memory: it runs inside the call, so
/// unless it is a function known to write nothing, the call might write anything.
func comparisonMayWriteMemory(_ comparison: Value) -> Bool {
  comparison.strippingPointerCasts.asFunction?.touchesProgramMemory(writesOnly: true) != false
}
