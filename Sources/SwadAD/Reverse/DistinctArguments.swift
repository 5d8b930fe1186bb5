// Pointer arguments that the caller of a gradient makes distinct from everything else the function
// is given: an output array the caller allocates for the call (`double y[8]`, a `malloc`) cannot
// overlap the weights the function reads from globals or through its other arguments. The reverse
// sweep can then read those again instead of keeping every value on the tape: a store to `y[k]`
// no longer counts as one that might have changed `W[i][j]`.
import CLLVM
import LLVMBinding

enum DistinctArguments {
  /// For each function that `__enzyme_autodiff` calls differentiate, the parameters that every
  /// such call makes distinct (`flags(of:)`): one derivative serves them all, as it did before.
  /// The calls are read before any is rewritten, without changing the module: what reading them
  /// makes goes into a function that is then erased. Empty when a call cannot be read (its own
  /// rewrite reports why).
  static func agreed(over calls: [(Instruction, DerivativeMode)], module: Module) -> [Function: [Bool]] {
    let reverseCalls = calls.filter { $0.1 == .reverse }.map(\.0)
    guard !reverseCalls.isEmpty else { return [:] }
    let scratch = module.addFunction(
      named: "swad.scratch", type: .function(returning: .void(in: module.context), []))
    defer { scratch.eraseWithUses() }
    let block = scratch.appendBlock(named: "entry")
    var agreed: [Function: [Bool]] = [:]
    for call in reverseCalls {
      var parser = CallSiteParser(module: module, call: call, mode: .reverse)
      parser.scratch = block
      guard let request = try? parser.parse() else { return [:] }
      var flags = flags(of: request)
      if flags.isEmpty { flags = Array(repeating: false, count: request.function.parameters.count) }
      agreed[request.function] = zip(agreed[request.function] ?? flags, flags).map { $0 && $1 }
    }
    return agreed.filter { $0.value.contains(true) }
  }

  /// Per parameter of `request.function`, whether the `__enzyme_autodiff` call passes a pointer
  /// into an allocation made by the calling function that no other pointer the call passes (a
  /// shadow included) points into, while every other one points into an object whose identity is
  /// known (an argument or allocation of the caller, a global). Memory the caller allocated after it
  /// was entered is none of its arguments', and a pointer the function loads from memory is not
  /// identified, so alias analysis still treats it as anything (`MemoryWrites.mayAlias`). Empty when
  /// no parameter is distinct.
  static func flags(of request: DerivativeRequest) -> [Bool] {
    let passed = request.call.arguments.filter {
      $0.type.isPointer && $0.strippingPointerCasts.asFunction == nil && !$0.isNull
    }
    let objects = passed.map(MemoryWrites.underlyingObject)
    guard objects.allSatisfy(MemoryWrites.isIdentified) else { return [] }
    let flags = request.arguments.map { argument -> Bool in
      guard argument.primal.type.isPointer else { return false }
      let object = MemoryWrites.underlyingObject(argument.primal)
      return MemoryWrites.isLocalAllocation(object) && objects.filter { $0 == object }.count == 1
    }
    return flags.contains(true) ? flags : []
  }
}

extension GradientEmitter {
  /// Whether `object` is a parameter the callers make distinct (`ReverseSignature.distinctParameters`).
  func isDistinctArgument(_ object: Value) -> Bool {
    let flags = derivative.signature.distinctParameters
    guard !flags.isEmpty, object.isArgument, let index = original.parameters.firstIndex(of: object) else {
      return false
    }
    return flags[index]
  }
}
