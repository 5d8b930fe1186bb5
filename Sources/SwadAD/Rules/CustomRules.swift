// Derivatives and annotations that the user's program registers through Enzyme's globals.
import CLLVM
import LLVMBinding

/// What the module registers:
///
///     void* __enzyme_register_gradient_foo[3]   = { foo, augmented_foo, reverse_foo };
///     void* __enzyme_register_derivative_foo[2] = { foo, forward_foo };
///     void* __enzyme_inactivefn[]              = { log_message, ... };
///     void* __enzyme_function_like[2]          = { my_log1p, "log1p" };
///     void* __enzyme_allocation_like[4]        = { my_alloc, (void*)0, "-1", my_free };
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
  /// `__enzyme_allocation_like`: user allocators, each with its size argument and its deallocator.
  private(set) var allocationLike: [Function: AllocationLike] = [:]
  /// The deallocators of `allocationLike`.
  private(set) var deallocators: Set<Function> = []

  /// An allocator the user declared: `{ allocator, (void*)sizeArgument, "-1", deallocator }`. The
  /// string lists the deallocator's arguments: `-1` is the allocated pointer (swad supports the
  /// deallocator taking the pointer alone).
  struct AllocationLike {
    var sizeArgument: Int
    var deallocator: Function
  }

  /// The functions whose calls these rules describe: they must stay calls (not be inlined).
  var describedFunctions: Set<Function> {
    Set(gradients.keys).union(derivatives.keys).union(inactive).union(functionLike.keys)
      .union(allocationLike.keys).union(deallocators)
  }

  init(module: Module) throws {
    for global in module.globals {
      let name = global.name
      guard name.containsBytes(of: "__enzyme_"), let initializer = global.initializer else { continue }
      let elements = Self.elements(of: initializer)
      let functions = elements.map { $0.strippingPointerCasts.asFunction }
      if name.containsBytes(of: "__enzyme_register_gradient") {
        guard functions.count == 3, let primal = functions[0], let augmented = functions[1], let reverse = functions[2]
        else { throw ADError("\(name) must hold three functions: the primal, its augmented forward and its reverse") }
        gradients[primal] = Gradient(augmented: augmented, reverse: reverse)
      } else if name.containsBytes(of: "__enzyme_register_derivative") {
        guard functions.count == 2, let primal = functions[0], let forward = functions[1] else {
          throw ADError("\(name) must hold two functions: the primal and its forward derivative")
        }
        derivatives[primal] = forward
      } else if name.containsBytes(of: "__enzyme_inactivefn") {
        inactive.formUnion(functions.compactMap { $0 })
      } else if name.containsBytes(of: "__enzyme_function_like") {
        guard elements.count == 2, let function = functions[0], let like = elements[1].strippingPointerCasts.constantString
        else { throw ADError("\(name) must hold a function and the name of the function it behaves like") }
        functionLike[function] = like
      } else if name.containsBytes(of: "__enzyme_allocation_like") {
        let (allocator, like) = try Self.allocationLike(elements, functions: functions, global: name)
        allocationLike[allocator] = like
        deallocators.insert(like.deallocator)
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

  private static func allocationLike(_ elements: [Value], functions: [Function?], global name: String) throws
    -> (Function, AllocationLike)
  {
    guard elements.count == 4, let allocator = functions[0], let deallocator = functions[3],
      let spec = elements[2].strippingPointerCasts.constantString
    else {
      throw ADError(
        "\(name) must hold the allocator, the index of its size argument, the deallocator's arguments "
          + "(\"-1\" for the allocated pointer) and the deallocator")
    }
    var sizeArgument = 0
    let index = elements[1]
    if LLVMIsAConstantExpr(index.ref) != nil, LLVMGetConstOpcode(index.ref) == LLVMIntToPtr,
      let integer = LLVMGetOperand(index.ref, 0), LLVMIsAConstantInt(integer) != nil
    {
      sizeArgument = Int(LLVMConstIntGetSExtValue(integer))
    } else if LLVMIsNull(index.ref) == 0 {
      throw ADError("\(name): the second element must be the index of the allocator's size argument, as (void*)N")
    }
    guard sizeArgument >= 0, sizeArgument < allocator.parameters.count,
      allocator.parameters[sizeArgument].type.isInteger
    else {
      throw ADError("\(name): argument \(sizeArgument) of '\(allocator.name)' is not an integer size")
    }
    guard spec.split(separator: ",").map({ String($0).trimmingWhitespace() }) == ["-1"] else {
      throw ADError(
        "\(name): the deallocator's arguments are \"\(spec)\"; swad supports \"-1\" (the deallocator takes "
          + "the allocated pointer alone): wrap '\(deallocator.name)' in a function of the pointer")
    }
    guard deallocator.parameters.count == 1, deallocator.parameters[0].type.isPointer else {
      throw ADError("\(name): the deallocator '\(deallocator.name)' must take the pointer alone")
    }
    return (allocator, AllocationLike(sizeArgument: sizeArgument, deallocator: deallocator))
  }

  /// The operands of a constant array or struct, or the value itself.
  private static func elements(of value: Value) -> [Value] {
    if LLVMIsAConstantArray(value.ref) != nil || LLVMIsAConstantStruct(value.ref) != nil {
      return (0..<Int(LLVMGetNumOperands(value.ref))).map { Value(LLVMGetOperand(value.ref, UInt32($0))!) }
    }
    return [value]
  }
}
