// Unoptimized (-O0) input: the functions AD will read are made eligible for the pre-AD
// simplification, so that their stack slots become SSA values before anything is differentiated.
import LLVMBinding

/// clang -O0 marks every function `optnone noinline`, so LLVM's passes skip it: each local stays in a
/// stack slot, and pointers that need no derivative (an `enzyme_const` array, an index array) would
/// travel through memory that has a shadow. Enzyme simplifies a copy of every function it
/// differentiates for the same reason. Here the attributes are removed from the functions that
/// differentiation can reach, so the ordinary pre-AD pipeline simplifies them as it does optimized
/// input; the rest of the program keeps them. `noinline` goes too: LLVM requires it of every `optnone`
/// function, so on one it says nothing of the author's intent.
enum UnoptimizedInput {
  /// The functions with `optnone` that the entry-point calls of `module` can reach (through direct
  /// calls and functions whose address is taken), made optimizable. Returns them.
  @discardableResult
  static func makeOptimizable(reachableFrom roots: [Function], in module: Module) -> [Function] {
    var changed: [Function] = []
    for function in reachableFunctions(from: roots, in: module) where function.hasAttribute("optnone") {
      function.removeAttribute("optnone")
      function.removeAttribute("noinline")
      changed.append(function)
    }
    return changed
  }

  /// `roots` and every defined function their code refers to, transitively, including the functions
  /// an indirect call may reach (`IndirectCallPromotion`).
  static func reachableFunctions(from roots: [Function], in module: Module) -> [Function] {
    let targets = IndirectCallPromotion.addressTakenFunctions(in: module)
    var seen: Set<Function> = []
    var order: [Function] = []
    var work = roots
    while let function = work.popLast() {
      guard !function.isDeclaration, seen.insert(function).inserted else { continue }
      order.append(function)
      for block in function.blocks {
        for instruction in block.instructions {
          if instruction.isCall, instruction.calledFunction == nil {
            work += targets[instruction.calledFunctionType] ?? []
          }
          for operand in instruction.operands {
            if let referenced = operand.strippingPointerCasts.asFunction { work.append(referenced) }
          }
        }
      }
    }
    return order
  }
}
