// Library calls that compute two functions at once, split into the calls the rule table knows.
import CLLVM
import LLVMBinding

/// `sincos(x, &s, &c)` (GNU's, for one argument reduction instead of two) and LLVM's `llvm.sincos`
/// (which returns `{ sin x, cos x }`) write or return two values, each with its own derivative; the
/// rule table gives partials of one result. Split into `sin` and `cos`, each call gets its rule in
/// both modes, and every value is what the combined call computed. Calls of a `sincos` a custom
/// rule describes stay as they are. Before, a program calling `sincos` was refused.
enum CombinedMathCalls {
  /// The libm functions `sincos` computes in each precision.
  private static let sincos: [String: (sin: String, cos: String)] = [
    "sincos": ("sin", "cos"), "sincosf": ("sinf", "cosf"), "sincosl": ("sinl", "cosl"),
  ]

  /// Splits the combined calls of `function`, unless `kept` (functions custom rules describe)
  /// holds the callee.
  static func split(in function: Function, keeping kept: Set<Function>, module: Module, builder: Builder) {
    for block in function.blocks {
      for call in block.instructions where call.isCall {
        guard let callee = call.calledFunction, !kept.contains(callee) else { continue }
        if let names = sincos[callee.name], call.arguments.count == 3, call.arguments[0].type.isFloatingPoint
        {
          let x = call.arguments[0]
          builder.position(before: call)
          builder.debugLocation = call.debugLocation
          let type = IRType.function(returning: x.type, [x.type])
          for (name, pointer) in [(names.sin, call.arguments[1]), (names.cos, call.arguments[2])] {
            let value = builder.call(module.declareFunction(named: name, type: type), [x], name)
            Instruction(builder.store(value, to: pointer).ref).alignment = module.abiAlignment(of: x.type)
          }
          call.eraseFromParent()
        } else if callee.name.hasPrefix("llvm.sincos."), !callee.name.hasPrefix("llvm.sincospi"),
          call.type.isStruct, call.type.structElements.count == 2
        {
          let x = call.arguments[0]
          builder.position(before: call)
          builder.debugLocation = call.debugLocation
          var pair = Value.poison(call.type)
          for (index, name) in ["llvm.sin", "llvm.cos"].enumerated() {
            guard let intrinsic = module.intrinsic(name, overloadedOn: [x.type]) else { return }
            pair = builder.insertValue(pair, builder.call(intrinsic, [x]), UInt32(index))
          }
          call.value.replaceAllUses(with: pair)
          call.eraseFromParent()
        }
      }
    }
  }
}
