// Reverse mode: a read of a scratch array computed again from what filled the array, not kept.
import CLLVM
import LLVMBinding
import SwadAnalysis

/// How the reverse sweep computes the value of a scratch-array read (`ScratchArray`) again: the
/// fill's instructions to copy, operands first, and the values from outside them it takes as they
/// are at the read (`primalInReverse`).
struct ScratchRecipe {
  let read: ScratchArray.Read
  let fill: ScratchArray.Fill
  /// The fill's loads, and any instruction from outside the fill's loop that the read does not see
  /// (pure arithmetic, copied; see `ScratchArray.Fill.runs(before:)`).
  var copies: [Instruction] = []
  /// Values the read sees that the copies use: arguments, and instructions whose block dominates
  /// the read's.
  var leaves: [Value] = []
}

extension GradientEmitter {
  /// Every read of the original's scratch arrays, by load. Only a combined gradient reads memory
  /// again in the reverse sweep (`reload`), so only it looks for them.
  func findScratchReads() -> [Instruction: (ScratchArray.Read, ScratchArray.Fill)] {
    guard derivative.signature.combined else { return [:] }
    var found: [Instruction: (ScratchArray.Read, ScratchArray.Fill)] = [:]
    for array in ScratchArray.all(in: original, loops: loops, dominators: dominators) {
      for read in array.reads { found[read.load] = (read, array.fill) }
    }
    return found
  }

  /// How the reverse code of `block` computes `load` again from the inputs of the loop that filled
  /// its array, if it can: every load of the fill read again (`reload` says `.again`: memory nothing
  /// writes after it, so the values are those the fill read), every value from outside the fill's
  /// loop as the read saw it. Nil leaves `load` to the tape.
  ///
  /// Found once per read: only `reload` looks at `block`, and its `.again` does not depend on it.
  private func scratchRecipe(for load: Instruction, at block: BasicBlock) -> ScratchRecipe? {
    if let known = scratchRecipes[load] { return known }
    let recipe = makeScratchRecipe(for: load, at: block)
    scratchRecipes[load] = .some(recipe)
    return recipe
  }

  private func makeScratchRecipe(for load: Instruction, at block: BasicBlock) -> ScratchRecipe? {
    guard let (read, fill) = scratchReads[load] else { return nil }
    var recipe = ScratchRecipe(read: read, fill: fill)
    var planned: Set<Value> = [fill.counter.value]
    func plan(_ value: Value) -> Bool {
      guard planned.insert(value).inserted, !value.isConstant, !value.isMetadataAsValue else { return true }
      guard let instruction = value.asInstruction else {
        recipe.leaves.append(value)
        return true
      }
      var operands = instruction.operands
      if fill.loop.contains(instruction.parent) {
        if instruction.opcode == LLVMLoad {
          guard case .again = reload(instruction, at: block) else { return false }
        }
      } else if dominators.dominates(instruction.parent, load.parent) {
        recipe.leaves.append(value)
        return true
      } else if let wrapped = WrappedArithmetic(instruction) {
        operands = [wrapped.lhs, wrapped.rhs]
      } else {
        guard ScratchArray.isPure(instruction) || instruction.opcode == LLVMExtractValue else { return false }
      }
      guard operands.allSatisfy(plan) else { return false }
      recipe.copies.append(instruction)
      return true
    }
    return plan(fill.store.operand(0)) ? recipe : nil
  }

  /// Whether the reverse code of `block` can compute `load` again (`scratchReadWithoutTape`) without
  /// the tape. Mirrors it without making anything.
  func isScratchReadAvailable(_ load: Instruction, at block: BasicBlock, depth: Int) -> Bool {
    scratchRecipe(for: load, at: block).map { isAvailable($0, at: block, depth: depth) } ?? false
  }

  /// Whether the values `recipe` takes as they are need no tape.
  private func isAvailable(_ recipe: ScratchRecipe, at block: BasicBlock, depth: Int) -> Bool {
    ([recipe.read.index.value] + recipe.leaves).allSatisfy {
      isAvailableWithoutTape($0, at: block, depth: depth + 1)
    }
  }

  /// `load`, a scratch-array read, computed again by the reverse code of `block` from the inputs of
  /// the loop that filled the array: what the forward sweep would otherwise push for it each
  /// iteration. Nil when it cannot be without the tape.
  func scratchReadWithoutTape(_ load: Instruction, at block: BasicBlock, depth: Int) -> Value? {
    let key = CacheKey.primal(load.value)
    if let made = recomputed[key]?[builder.insertBlock] { return made }
    guard let recipe = scratchRecipe(for: load, at: block), isAvailable(recipe, at: block, depth: depth)
    else {
      return nil
    }
    var made: [Value: Value] = [
      recipe.fill.counter.value: primalInReverse(recipe.read.index.value, at: block, depth: depth + 1)
    ]
    for leaf in recipe.leaves { made[leaf] = primalInReverse(leaf, at: block, depth: depth + 1) }
    for instruction in recipe.copies {
      if !recipe.fill.loop.contains(instruction.parent), let wrapped = WrappedArithmetic(instruction) {
        made[instruction.value] = wrapped.make(
          builder, made[wrapped.lhs] ?? wrapped.lhs, made[wrapped.rhs] ?? wrapped.rhs)
        continue
      }
      let copy = instruction.cloneForDerivative()
      for index in 0..<instruction.operandCount {
        copy.setOperand(index, made[instruction.operand(index)] ?? instruction.operand(index))
      }
      builder.insert(copy)
      made[instruction.value] = copy.value
    }
    let value = made[recipe.fill.store.operand(0)] ?? recipe.fill.store.operand(0)
    recomputed[key, default: [:]][builder.insertBlock] = value
    madeWithoutTape.note(key, .refilled)
    return value
  }
}

/// `extractvalue (llvm.smul.with.overflow(a, b)), 0` (and the other overflow-checked operations) as
/// the plain operation of `a` and `b`, which that field is, wrapped or not: one instruction to copy
/// instead of two.
struct WrappedArithmetic {
  let lhs: Value
  let rhs: Value
  private let operation: String

  init?(_ instruction: Instruction) {
    guard instruction.opcode == LLVMExtractValue, instruction.indices == [0],
      let call = instruction.operand(0).asInstruction, call.isCall, let name = call.calledFunction?.name,
      call.arguments.count == 2,
      let operation = ["add", "sub", "mul"].first(where: {
        name.hasPrefix("llvm.s\($0).with.overflow.") || name.hasPrefix("llvm.u\($0).with.overflow.")
      })
    else { return nil }
    self.lhs = call.arguments[0]
    self.rhs = call.arguments[1]
    self.operation = operation
  }

  func make(_ builder: Builder, _ a: Value, _ b: Value) -> Value {
    switch operation {
    case "add": return builder.add(a, b)
    case "sub": return builder.sub(a, b)
    default: return builder.mul(a, b)
    }
  }
}
