// Unoptimized (-O0) input: the functions AD will read are made eligible for the pre-AD
// simplification, so that their stack slots become SSA values before anything is differentiated.
import CLLVM
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
    let noinlineFromClang = isUnoptimizedWithoutOptnone(module)
    for function in reachableFunctions(from: roots, in: module)
    where function.hasAttribute("optnone") || (noinlineFromClang && function.hasAttribute("noinline")) {
      function.removeAttribute("optnone")
      function.removeAttribute("noinline")
      changed.append(function)
    }
    return changed
  }

  /// Whether `module` is clang's `-O0 -Xclang -disable-O0-optnone` output, the form Enzyme's users
  /// are told to give `opt`: clang then still marks every function `noinline`, which again says
  /// nothing of the author's intent, and keeps out of line every libstdc++ helper (a
  /// `std::function`'s manager cloning a lambda as an 8-byte integer, with no type to say the bytes
  /// are a pointer), where the optimized program has none. Recognized by its producer (clang), by
  /// every defined function being `noinline` (or `alwaysinline`; `main` too, which no optimized
  /// build marks so) and by the absence of type-based alias tags, which clang emits whenever it
  /// optimizes. Hand-written IR that keeps its callees out of line names no producer.
  static func isUnoptimizedWithoutOptnone(_ module: Module) -> Bool {
    guard module.producers.contains(where: { $0.containsBytes(of: "clang") }) else { return false }
    let tbaa = LLVMGetMDKindID("tbaa", 4)
    var defined = 0
    for function in module.functions where !function.isDeclaration {
      guard function.hasAttribute("noinline") || function.hasAttribute("alwaysinline") else { return false }
      defined += 1
      for block in function.blocks {
        for instruction in block.instructions where LLVMGetMetadata(instruction.ref, tbaa) != nil {
          return false
        }
      }
    }
    return defined > 0
  }

  /// `roots` and every defined function their code refers to, transitively, including the functions
  /// an indirect call may reach (`IndirectCallPromotion`). A call that a rule takes whole (Eigen's
  /// kernels read as BLAS routines, `Rules/Eigen`) does not reach its callee: differentiation does
  /// not read it there, and the pre-AD passes leave it alone.
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
          let takenByRule =
            instruction.isCall
            && instruction.calledFunction.map {
              !$0.isDeclaration && BLASFunction.called(by: instruction, callee: $0) != nil
            } ?? false
          for (index, operand) in instruction.operands.enumerated() {
            // The callee is the call's last operand.
            if takenByRule, index == instruction.operandCount - 1 { continue }
            if let referenced = operand.strippingPointerCasts.asFunction { work.append(referenced) }
          }
        }
      }
    }
    return order
  }
}
