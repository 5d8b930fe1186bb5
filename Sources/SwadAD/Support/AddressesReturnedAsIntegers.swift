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
          let pointerVersion = made[callee] ?? returningPointer(callee, module: module)
          made[callee] = pointerVersion
          builder.position(before: call)
          builder.debugLocation = call.debugLocation
          let pointer = Instruction(builder.call(pointerVersion, call.arguments).ref)
          pointer.callingConvention = call.callingConvention
          for (index, attributes) in call.callSiteAttributes
          where index != LLVMAttributeIndex(LLVMAttributeReturnIndex) {
            for attribute in attributes { LLVMAddCallSiteAttribute(pointer.ref, index, attribute) }
          }
          let integer = builder.cast(LLVMPtrToInt, pointer.value, to: call.type)
          call.value.replaceAllUses(with: integer)
          call.eraseFromParent()
          changed.insert(function)
        }
      }
    }
    guard !made.isEmpty else { return [] }
    // The original inlined into each pointer version (the call site is marked alwaysinline).
    try module.runPasses("always-inline")
    return Array(changed) + Array(made.values)
  }

  /// `<callee>.pointer`: the same parameters, attributes and convention, returning `inttoptr` of what
  /// `callee` returns, by a call that the always-inliner will inline.
  private static func returningPointer(_ callee: Function, module: Module) -> Function {
    let pointer = IRType.pointer(in: module.context)
    let type = IRType.function(returning: pointer, callee.type.parameterTypes)
    let function = module.addFunction(named: callee.name + ".pointer", type: type)
    function.linkage = LLVMInternalLinkage
    function.callingConvention = callee.callingConvention
    function.copyStringAttributes(from: callee)
    for index in 0..<callee.parameters.count {
      let position = LLVMAttributeIndex(index + 1)
      function.addAttributes(callee.attributes(at: position), at: position)
    }
    let builder = Builder(context: module.context)
    builder.position(atEndOf: function.appendBlock(named: "entry"))
    let call = Instruction(builder.call(callee, function.parameters).ref)
    call.callingConvention = callee.callingConvention
    let kind = LLVMGetEnumAttributeKindForName("alwaysinline", 12)
    LLVMAddCallSiteAttribute(
      call.ref, functionAttributeIndex, LLVMCreateEnumAttribute(module.context.ref, kind, 0))
    builder.ret(builder.cast(LLVMIntToPtr, call.value, to: pointer))
    return function
  }
}
