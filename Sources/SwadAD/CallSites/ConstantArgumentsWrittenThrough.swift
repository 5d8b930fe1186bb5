// Pointer arguments marked constant that the differentiated code writes floating-point values
// through, across a function boundary: their shadow is the pointer itself, so that the helpers
// reading the memory back are differentiated and their reads checked.
import CLLVM
import LLVMBinding

/// A buffer passed `enzyme_const` (a scratch array, a workspace) can still receive values with a
/// derivative: `fill(work, x); return energy(work);`. Written and read in the one function, the read
/// is checked at run time (`UnshadowedMemory`: the derivative is lost there, and the program stops
/// rather than give it as 0). Read by a helper called with no active argument, the helper was taken
/// for inactive, and the derivative was silently 0 from optimized input. Such an argument is passed
/// as duplicated with the primal pointer as its shadow, as constant data meets shadowed data
/// elsewhere (`ConstantShadows`): the helpers that reach it are differentiated, writes through it
/// record the bytes whose derivative they lose, and reads check them. Arguments the function and its
/// callees only read, or write nothing with floating-point values into, stay constant; so do those
/// only the function itself writes (`isWrittenByCallee`).
enum ConstantArgumentsWrittenThrough {
  /// How many calls deep a pointer is followed into callees.
  static let depth = 4

  /// `request` with each such argument duplicated, its shadows the primal pointer, and the indices
  /// of those arguments in `shadowsMayBePrimal`. Forward and combined reverse mode only: the split
  /// modes' two calls must ask for the same derivative with the shadows the user gives.
  static func promote(_ request: DerivativeRequest) -> DerivativeRequest {
    guard request.mode == .forward || request.mode == .reverse, request.shadowContext == nil,
      !isSwift(request.function)
    else { return request }
    var promoted = request
    for (index, argument) in request.arguments.enumerated()
    where argument.activity == .constant && argument.primal.type.isPointer
      && index < request.function.parameters.count
      && isWrittenByCallee(request.function.parameter(index))
    {
      promoted.arguments[index].activity = .duplicated
      promoted.arguments[index].shadows = Array(repeating: argument.primal, count: request.width)
      promoted.shadowsMayBePrimal.insert(index)
    }
    return promoted
  }

  /// Swift passes its values' storage by pointer under conventions of its own (an array's buffer,
  /// an `inout` argument); its API marks activities itself.
  private static func isSwift(_ function: Function) -> Bool {
    function.name.hasPrefix("$s") || function.callingConvention == LLVMSwiftCallConv.rawValue
  }

  /// Whether a callee of the function (`depth` calls deep) stores (or copies) floating-point values
  /// through `parameter` or a pointer based on it. A store in the function itself, with the memory
  /// handed to a callee that gets no argument with a derivative, is refused when the derivative is
  /// made (`UnshadowedMemory.requireNoDerivativeHandedAway`), and one read back in the function is
  /// checked there.
  static func isWrittenByCallee(_ parameter: Value) -> Bool {
    WritesThroughPointers.contains(from: [parameter], depth: depth) { write in
      write.callDepth > 0 && (write.storedType?.containsFloatingPoint ?? true)
    }
  }
}
