// Derivatives and annotations that the user's program registers through Enzyme's globals.
import CLLVM
import LLVMBinding

/// What the module registers:
///
///     void* __enzyme_register_gradient_foo[3]   = { foo, augmented_foo, reverse_foo };
///     void* __enzyme_register_derivative_foo[2] = { foo, forward_foo };
///     void* __enzyme_inactivefn[]              = { log_message, ... };
///     void* __enzyme_function_like[2]          = { my_log1p, "log1p" };
///     __attribute__((annotate("enzyme_inactive"))) void log_message(...);
///
/// A registered function is differentiated by its rule even when it has a body.
struct CustomRules {
  struct Gradient {
    var augmented: Function
    var reverse: Function
  }

  private(set) var gradients: [Function: Gradient] = [:]
  private(set) var derivatives: [Function: Function] = [:]
  private(set) var inactive: Set<Function> = []
  private(set) var functionLike: [Function: String] = [:]

  init(module: Module) throws {
    for global in module.globals {
      let name = global.name
      guard name.contains("__enzyme_"), let initializer = global.initializer else { continue }
      let elements = Self.elements(of: initializer)
      let functions = elements.map { $0.strippingPointerCasts.asFunction }
      if name.contains("__enzyme_register_gradient") {
        guard functions.count == 3, let primal = functions[0], let augmented = functions[1], let reverse = functions[2]
        else { throw ADError("\(name) must hold three functions: the primal, its augmented forward and its reverse") }
        gradients[primal] = Gradient(augmented: augmented, reverse: reverse)
      } else if name.contains("__enzyme_register_derivative") {
        guard functions.count == 2, let primal = functions[0], let forward = functions[1] else {
          throw ADError("\(name) must hold two functions: the primal and its forward derivative")
        }
        derivatives[primal] = forward
      } else if name.contains("__enzyme_inactivefn") {
        inactive.formUnion(functions.compactMap { $0 })
      } else if name.contains("__enzyme_function_like") {
        guard elements.count == 2, let function = functions[0], let like = elements[1].strippingPointerCasts.constantString
        else { throw ADError("\(name) must hold a function and the name of the function it behaves like") }
        functionLike[function] = like
      }
    }
    inactive.formUnion(Self.annotatedFunctions(in: module, as: Self.inactiveAnnotations))
  }

  /// The annotations (`__attribute__((annotate("…")))`, which stock clang keeps) that mark a
  /// function inactive, as `__enzyme_inactivefn` does.
  static let inactiveAnnotations: Set<String> = ["enzyme_inactive", "enzyme_inactivefn"]

  /// The functions annotated with one of `names`: clang lists each annotation in
  /// `@llvm.global.annotations` as `{ ptr @function, ptr @"annotation", ptr @file, i32 line, ptr args }`.
  private static func annotatedFunctions(in module: Module, as names: Set<String>) -> [Function] {
    guard let annotations = module.global(named: "llvm.global.annotations"), let list = annotations.initializer else {
      return []
    }
    return elements(of: list).compactMap { entry in
      let fields = elements(of: entry)
      guard fields.count >= 2, let function = fields[0].strippingPointerCasts.asFunction,
        let annotation = fields[1].strippingPointerCasts.constantString, names.contains(annotation)
      else { return nil }
      return function
    }
  }

  /// The operands of a constant array or struct, or the value itself.
  private static func elements(of value: Value) -> [Value] {
    if LLVMIsAConstantArray(value.ref) != nil || LLVMIsAConstantStruct(value.ref) != nil {
      return (0..<Int(LLVMGetNumOperands(value.ref))).map { Value(LLVMGetOperand(value.ref, UInt32($0))!) }
    }
    return [value]
  }
}
