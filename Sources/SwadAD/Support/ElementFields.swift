// The floating-point fields of a run of elements, cleared: adjoints and tangents that a copy of
// elements (`swift_arrayInitWithCopy`) must not carry.
import CLLVM
import LLVMBinding

extension Builder {
  /// Stores zero into the floating-point fields of `count` elements of type `element` at `base`.
  func clearFloatingPointFields(of element: IRType, at base: Value, count: Value, module: Module) {
    let leaves = MemoryTypes.floatLeaves(of: element, module: module)
    guard !leaves.isEmpty else { return }
    let i64 = IRType.int(64, in: module.context)
    let size = Value.constInt(i64, Int64(module.allocSize(of: element)))
    let total = intCast(count, to: i64, signed: false)
    let before = insertBlock
    let function = before.parent
    let loop = function.appendBlock(named: "elements.clear")
    let done = function.appendBlock(named: "elements.cleared")
    loop.moveAfter(before)
    done.moveAfter(loop)
    condBr(icmp(LLVMIntEQ, total, Value.constInt(i64, 0)), done, loop)
    position(atEndOf: loop)
    let index = phi(i64, "element")
    let start = mul(index.value, size)
    for (offset, type) in leaves {
      let at = offset == 0 ? start : add(start, Value.constInt(i64, offset))
      _ = store(Value.null(type), to: byteOffset(base, at))
    }
    let next = add(index.value, Value.constInt(i64, 1))
    condBr(icmp(LLVMIntULT, next, total), loop, done)
    index.addIncoming([(Value.constInt(i64, 0), before), (next, loop)])
    position(atEndOf: done)
  }

  /// `call` (a runtime element copy) made again from `source` into `destination`, its count and type
  /// `mapped`, then the floating-point fields of the `element`s it wrote cleared when `clearing`. When
  /// the destination may be constant memory (`primal` given: its shadow is then the primal), only
  /// where it is not.
  func copyElements(
    like call: Instruction, into destination: Value, from source: Value, mapped: @escaping (Value) -> Value,
    element: IRType, clearing: Bool, primal: Value?, module: Module
  ) {
    let copy = {
      let made = call.cloneForDerivative()
      for index in 0..<made.operandCount { made.setOperand(index, mapped(call.operand(index))) }
      made.setOperand(0, destination)
      made.setOperand(1, source)
      self.insert(made)
      if clearing {
        self.clearFloatingPointFields(
          of: element, at: destination, count: mapped(call.arguments[2]), module: module)
      }
    }
    if let primal { unlessConstantShadow(destination, primal: primal, copy) } else { copy() }
  }
}
