// Which functions of a module differentiation reads, for the pipeline's pre-AD simplification.
import LLVMBinding

extension Differentiator {
  /// The functions the entry-point calls of `module` name (with everything the functions making them
  /// refer to) and every function those reach through calls and address-taken functions: all that
  /// differentiation reads. The functions that make the calls are not among them unless reached.
  public static func functionsRead(in module: Module) -> Set<Function> {
    Set(UnoptimizedInput.reachableFunctions(from: differentiatedFunctions(in: module), in: module))
  }
}
