// Which functions of a module differentiation reads, for the pipeline's pre-AD simplification.
import CLLVM
import LLVMBinding

extension Differentiator {
  /// The functions the entry-point calls of `module` name (with everything the functions making them
  /// refer to) and every function those reach through calls and address-taken functions: all that
  /// differentiation reads. The functions that make the calls are not among them unless reached.
  ///
  /// An entry point handed its function at run time (a checking helper that takes the function to
  /// differentiate as a pointer parameter) reads a function known only once the helper's callers
  /// are inlined into it (`FunctionChoice`): every defined function may be read, and all are. Left
  /// out, the differentiated code was read as clang's unsimplified output, through copies no type
  /// lays out (a run-time stop in `std::unordered_map` code that the same function differentiated
  /// directly passed).
  public static func functionsRead(in module: Module) -> Set<Function> {
    if takesFunctionAtRunTime(module) { return Set(module.functions.filter { !$0.isDeclaration }) }
    return Set(UnoptimizedInput.reachableFunctions(from: differentiatedFunctions(in: module), in: module))
  }

  /// Whether an entry-point call of `module` is given its function as a value other than a function.
  private static func takesFunctionAtRunTime(_ module: Module) -> Bool {
    module.functions.contains { entryPoint in
      entryPoint.isDeclaration && DerivativeMode.of(calleeName: entryPoint.name) != nil
        && entryPoint.value.users.contains { user in
          guard let call = user.asInstruction, call.isCall || call.opcode == LLVMInvoke,
            call.calledOperand == entryPoint.value
          else { return false }
          let skipped = call.callSiteTypeAttribute("sret", argument: 0) != nil ? 1 : 0
          guard call.arguments.count > skipped else { return false }
          return call.arguments[skipped].strippingPointerCasts.asFunction == nil
        }
    }
  }
}
