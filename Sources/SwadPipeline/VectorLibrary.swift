// Vector variants of the math library's functions, offered to LLVM's vectorizers so that loops over
// `tanh`, `exp` or `sin` (the primal's and the derivative's alike) call the library's vector
// functions instead of the scalar ones.
import CLLVM
import LLVMBinding
import SwadAD

/// A vector math library whose functions the loop and SLP vectorizers may call in place of the scalar
/// math functions, as clang's `-fveclib=` names it.
///
/// clang gives the vectorizers a library through the target library info of its own pipeline, which
/// the LLVM C API cannot set: swad's pipelines would vectorize no math call. So swad says it in the IR
/// instead, as clang's InjectTLIMappings pass does: each call of a math function gets the attribute
/// `vector-function-abi-variant` naming the vector functions of the same computation (one per vector
/// width), and those functions are declared and kept in `llvm.compiler.used` until the vectorizers
/// have run. The stage runs after AD, so that the derivative's own calls (the forward sweep's `tanh`,
/// the `cos` of `sin`'s derivative) get the variants too, and covers every function the library has,
/// where LLVM 22's table for libmvec has only `sin`, `cos`, `tan`, `exp`, `log` and `pow`.
///
/// The vectorizers use a variant only where the call is free to be reordered, which for the C library's
/// own names needs `-fno-math-errno` (or `-ffast-math`), as with clang. swad's own library replaces
/// calls by arithmetic before the vectorizers run (`InlineMathKernels`), by the same rule for a
/// function that may set errno (`exp`, `log`), and always for one that never does (`tanh`).
public enum VectorLibrary: String, CaseIterable, Sendable {
  /// glibc's libmvec (x86-64; every function here is in glibc 2.35 and later), which `-lm` links as
  /// needed. Its functions are accurate to 4 ulp (the scalar ones to 1).
  case libmvec

  /// swad's own functions where it has one (`tanh`, `exp`, `log`: `InlineMathKernels`), expanded in place of the
  /// calls as arithmetic the vectorizers widen on any target (`log` only with AVX2 or wider); libmvec's variants for the others on
  /// x86-64.
  case swad

  /// The stage's attribute, read by `VFDatabase` in the vectorizers.
  static let attribute = "vector-function-abi-variant"

  /// The names a command line may give: the libraries' and `none`.
  public static let names = allCases.map(\.rawValue) + ["none"]

  /// The library a command line's `name` (`--vector-library=`, `-fveclib=`) chooses for `module`:
  /// the one named, none for `none`, and without a name the one the module was compiled for.
  public static func chosen(_ name: String?, for module: Module) -> VectorLibrary? {
    guard let name = name?.lowercased() else { return inferred(from: module) }
    return VectorLibrary(rawValue: name)
  }

  /// The library a module was compiled for, as its vector function declarations show: clang with
  /// `-fveclib=libmvec` at -O1 and above maps the calls LLVM knows and keeps their variants in
  /// `llvm.compiler.used`. Nil when nothing says so.
  public static func inferred(from module: Module) -> VectorLibrary? {
    let names = module.compilerUsed.map { $0.strippingPointerCasts.name }
    return names.contains { VectorFunction(symbol: $0) != nil } ? .libmvec : nil
  }

  /// Rewrites the math calls of `module` for the library: swad's kernels in place of the calls of
  /// functions that have one, then `offerVariants`. Returns the number of calls changed.
  @discardableResult
  public func apply(to module: Module) -> Int {
    let expanded = self == .swad ? InlineMathKernels.expandCalls(in: module) : 0
    return expanded + offerVariants(in: module)
  }

  /// Offers the library's variants to every call of a math function in `module` that it has, at the
  /// widths the calling function's target features allow, and calls the variant in place of a vector
  /// intrinsic of the width of one (`llvm.tanh.v4f64`, which the vectorizers make of a math function
  /// without a variant, and the code generator would split into scalar calls). Returns the number of
  /// calls changed.
  @discardableResult
  public func offerVariants(in module: Module) -> Int {
    guard module.targetTriple.hasPrefix("x86_64") else { return 0 }
    var declared: [Value] = []
    func declare(_ variant: VectorFunction, element: IRType) -> Function {
      if let existing = module.function(named: variant.symbol) { return existing }
      let vector = IRType.vector(of: element, count: UInt32(variant.lanes))
      let function = module.declareFunction(
        named: variant.symbol,
        type: .function(returning: vector, [IRType](repeating: vector, count: variant.arity)))
      declared.append(function.value)
      return function
    }
    let builder = Builder(context: module.context)
    var changed = 0
    for function in module.functions where !function.isDeclaration {
      let isas = VectorFunction.ISA.available(
        features: function.stringAttributeValue("target-features") ?? "")
      for block in function.blocks {
        for call in block.instructions where call.opcode == LLVMCall {
          guard let callee = call.calledFunction, let scalar = MathCall.scalarFunction(callee, call: call)
          else { continue }
          let variants = isas.map {
            VectorFunction(name: scalar.name, isFloat: scalar.isFloat, arity: scalar.arity, isa: $0)
          }
          if call.type.isVector {
            guard let variant = variants.last(where: { $0.lanes == call.type.vectorSize }) else { continue }
            builder.position(before: call)
            builder.debugLocation = call.debugLocation
            let replacement = builder.call(declare(variant, element: call.type.elementType), call.arguments)
            call.value.replaceAllUses(with: replacement)
            call.eraseFromParent()
          } else {
            for variant in variants { _ = declare(variant, element: call.type) }
            let mappings = variants.map { $0.mapping(of: callee.name) }
            call.setCallSiteStringAttribute(Self.attribute, value: mappings.joined(separator: ","))
          }
          changed += 1
        }
      }
    }
    // Until the vectorizers have run, nothing calls the variants: kept from the dead-code passes.
    module.addToCompilerUsed(declared)
    return changed
  }
}
