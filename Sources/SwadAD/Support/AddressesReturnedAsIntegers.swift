// An address a defined function returns as an integer and its caller makes a pointer again is
// returned as a pointer: then its shadow comes back with it.
import CLLVM
import LLVMBinding

/// Swift returns an `Optional` of a class reference as an integer where the optimizer split the
/// optional's storage (`_SliceBuffer.requestNativeBuffer()`, which `Array(slice)` and an array of
/// structs' slice assignment call, returns `phi i64 [0, …], [ptrtoint %buffer, …]`), and its caller
/// makes the integer a pointer again. Through the integer the buffer's shadow was lost, and AD
/// refused it (`FloatBits.requireReturnedAddressesKeepShadows`). Such a call becomes a call of a
/// function returning the pointer, `f.pointer(args) = inttoptr f(args)` with `f` inlined into it,
/// where instcombine folds the round trip: the pointer the callee had is returned as a pointer.
enum AddressesReturnedAsIntegers {
  /// Rewrites the calls in `functions` whose integer result is made a pointer. Returns the functions
  /// changed (callers and new callees), for the caller to simplify.
  static func returnAsPointers(in functions: [Function], module: Module) throws -> [Function] {
    let builder = Builder(context: module.context)
    var made: [Function: Function] = [:]
    var changed: Set<Function> = []
    for function in functions where !function.isDeclaration {
      for block in function.blocks {
        for call in block.instructions where call.opcode == LLVMCall {
          guard let callee = call.calledFunction, !callee.isDeclaration, !callee.isIntrinsic,
            call.type.isInteger, call.type.integerWidth == 64, callee.returnType == call.type,
            call.operandBundleCount == 0, !callee.type.isVariadic,
            call.value.users.contains(where: { $0.asInstruction?.opcode == LLVMIntToPtr })
          else { continue }
          let pointerVersion =
            made[callee]
            ?? ReturnConversion.wrapper(
              of: callee, suffix: ".pointer", returning: .pointer(in: module.context), module: module
            ) { $1.cast(LLVMIntToPtr, $0, to: .pointer(in: module.context)) }
          made[callee] = pointerVersion
          ReturnConversion.redirect(call, to: pointerVersion, builder: builder) {
            $1.cast(LLVMPtrToInt, $0, to: call.type)
          }
          changed.insert(function)
        }
      }
    }
    guard !made.isEmpty else { return [] }
    // The original inlined into each pointer version (the call site is marked alwaysinline).
    try module.runPasses("always-inline")
    return Array(changed) + Array(made.values)
  }
}
