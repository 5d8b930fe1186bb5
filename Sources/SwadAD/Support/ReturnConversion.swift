// A call made to return its result in another type: through a copy of the callee that converts
// what the callee returns, with the callee inlined into it, where instcombine folds the round trip.
import CLLVM
import LLVMBinding

/// The shared part of `AddressesReturnedAsIntegers` and `FloatsReturnedAsIntegers`: a function that
/// returns a value in a type that hides what it is (an address as an integer, a double as an
/// integer field) is called through `<callee><suffix>`, which returns the value in its own type.
enum ReturnConversion {
  /// `<callee><suffix>`: the same parameters, attributes and convention, returning `convert` of what
  /// `callee` returns (a value of `type`), by a call that the always-inliner will inline.
  static func wrapper(
    of callee: Function, suffix: String, returning type: IRType, module: Module,
    convert: (Value, Builder) -> Value
  ) -> Function {
    let functionType = IRType.function(returning: type, callee.type.parameterTypes)
    let function = module.addFunction(named: callee.name + suffix, type: functionType)
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
    builder.ret(convert(call.value, builder))
    return function
  }

  /// Replaces `call` with a call of `wrapper` (the same arguments, convention and attributes but the
  /// return's), whose result `convertBack` gives the type `call` had for its users.
  static func redirect(
    _ call: Instruction, to wrapper: Function, builder: Builder, convertBack: (Value, Builder) -> Value
  ) {
    builder.position(before: call)
    builder.debugLocation = call.debugLocation
    let converted = Instruction(builder.call(wrapper, call.arguments).ref)
    converted.callingConvention = call.callingConvention
    for (index, attributes) in call.callSiteAttributes
    where index != LLVMAttributeIndex(LLVMAttributeReturnIndex) {
      for attribute in attributes { LLVMAddCallSiteAttribute(converted.ref, index, attribute) }
    }
    call.value.replaceAllUses(with: convertBack(converted.value, builder))
    call.eraseFromParent()
  }
}
