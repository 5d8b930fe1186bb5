// Calls of the C math library's functions (and of their intrinsics) as the vector libraries and
// swad's own kernels see them: which function a call computes, and whether it may set errno.
import CLLVM
import LLVMBinding
import SwadAD

/// What the math-call stages (`VectorLibrary`, `InlineMathKernels`, `ScalarMathInLoops`) know of a
/// call.
enum MathCall {
  /// The library function a call computes: a math function of the library by its C name, or the
  /// intrinsic of one (scalar or vector), of doubles or floats.
  static func scalarFunction(_ callee: Function, call: Instruction) -> (
    name: String, isFloat: Bool, arity: Int
  )? {
    let type = call.type
    let element = type.isVector ? type.elementType : type
    guard element.kind == LLVMDoubleTypeKind || element.kind == LLVMFloatTypeKind else { return nil }
    let isFloat = element.kind == LLVMFloatTypeKind
    var name = callee.name
    if callee.isIntrinsic {
      let suffix = (type.isVector ? ".v\(type.vectorSize)" : ".") + (isFloat ? "f32" : "f64")
      guard name.hasPrefix("llvm."), name.hasSuffix(suffix) else { return nil }
      name = String(name.dropFirst(5).dropLast(suffix.count))
      guard VectorFunction.intrinsicFunctions.contains(name) else { return nil }
    } else if type.isVector {
      return nil
    } else if isFloat {
      guard name.hasSuffix("f") else { return nil }
      name.removeLast()
    }
    let arity: Int
    if VectorFunction.unaryFunctions.contains(name) {
      arity = 1
    } else if VectorFunction.binaryFunctions.contains(name) {
      arity = 2
    } else {
      return nil
    }
    let arguments = call.arguments
    guard arguments.count == arity, arguments.allSatisfy({ $0.type == type }) else { return nil }
    return (name, isFloat, arity)
  }

  /// Whether `call` may write memory (errno, for the C library's names without `-fno-math-errno`):
  /// LLVM intersects the call site's `memory(...)` with the callee's, and an intrinsic writes none.
  /// The vectorizers call a vector version only in place of a call that writes nothing.
  static func mayWriteMemory(_ call: Instruction, callee: Function) -> Bool {
    guard !callee.isIntrinsic else { return false }
    return Function.effectsMayWrite(call.callSiteMemoryEffects)
      && Function.effectsMayWrite(callee.memoryEffects)
  }
}
