// A module's symbols as a linker sees them: the global names it defines and those it references.
import CLLVM

extension Module {
  /// The names of the symbols the module defines (functions with bodies, variables with initializers,
  /// aliases) and references without defining (declarations), for those a linker resolves: local
  /// (internal, private) symbols and intrinsics are left out.
  public var linkerSymbols: (defined: Set<String>, undefined: Set<String>) {
    var defined = Set<String>()
    var undefined = Set<String>()
    func visit(_ value: LLVMValueRef, isDefinition: Bool) {
      let linkage = LLVMGetLinkage(value)
      guard linkage != LLVMInternalLinkage, linkage != LLVMPrivateLinkage else { return }
      var length = 0
      guard let chars = LLVMGetValueName2(value, &length), length > 0 else { return }
      let name = String(decoding: UnsafeRawBufferPointer(start: chars, count: length), as: UTF8.self)
      if name.hasPrefix("llvm.") { return }
      if isDefinition { defined.insert(name) } else { undefined.insert(name) }
    }
    var function = LLVMGetFirstFunction(ref)
    while let current = function {
      visit(current, isDefinition: LLVMIsDeclaration(current) == 0)
      function = LLVMGetNextFunction(current)
    }
    var global = LLVMGetFirstGlobal(ref)
    while let current = global {
      visit(current, isDefinition: LLVMIsDeclaration(current) == 0)
      global = LLVMGetNextGlobal(current)
    }
    var alias = LLVMGetFirstGlobalAlias(ref)
    while let current = alias {
      visit(current, isDefinition: true)
      alias = LLVMGetNextGlobalAlias(current)
    }
    return (defined, undefined.subtracting(defined))
  }
}
