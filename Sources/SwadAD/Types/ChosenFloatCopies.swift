// A choice between integer copies of floating-point data, given its floating-point type back.
import CLLVM
import LLVMBinding

/// `m = c ? b : a` of structs holding a double, whose addresses escape to helpers, is made by the
/// optimizer `load i64`, `select i64`, `store i64` (`CopiedBytes.isChosenCopy`). The integer type
/// analysis sees doubles there, but `instcombine` makes the loads integers again after
/// `FloatCarriers` splits them, and the choice was refused ("floating-point memory is loaded as an
/// integer"). Where the bytes are a float's by what `CopiedBytes` finds, the loads, selects, phis and
/// stores of the choice are rewritten as `double` ones: the same bits, moved as the
/// floating-point value they are, which both modes follow.
enum ChosenFloatCopies {
  static func retype(in function: Function, builder: Builder) {
    let loads = function.blocks.flatMap(\.instructions).filter {
      $0.opcode == LLVMLoad && !$0.isVolatile && CopiedBytes.isChosenCopy($0)
    }
    var done: Set<Value> = []
    for load in loads where !done.contains(load.value) {
      guard CopiedBytes.content(of: load) == .floatingPoint, let network = CopiedBytes.choices(from: load)
      else {
        continue
      }
      let double = IRType(LLVMDoubleTypeInContext(load.type.context))
      var rewriter = Rewriter(builder: builder, double: double)
      var stores: [Instruction] = []
      for step in [load] + network {
        for user in step.value.users {
          if let store = user.asInstruction, store.opcode == LLVMStore { stores.append(store) }
        }
      }
      for store in stores {
        let value = rewriter.floating(store.operand(0))
        builder.position(before: store)
        builder.debugLocation = store.debugLocation
        let typed = builder.store(value, to: store.operand(1))
        Instruction(typed.ref).alignment = store.alignment
        store.eraseFromParent()
      }
      // The integer choice is dead now: its selects and phis, then the loads they chose from.
      var dead = Set(network + [load] + rewriter.replaced.compactMap(\.asInstruction))
      while let step = dead.first(where: { $0.value.users.isEmpty }) {
        dead.remove(step)
        done.insert(step.value)
        step.eraseFromParent()
      }
    }
  }

  /// The floating-point counterparts of the integers of a choice, made once each.
  private struct Rewriter {
    let builder: Builder
    let double: IRType
    var made: [Value: Value] = [:]
    var replaced: Set<Value> = []

    mutating func floating(_ value: Value) -> Value {
      if let known = made[value] { return known }
      guard let instruction = value.asInstruction else {
        // A constant (a zero chosen against a copy) or an argument: the same bits.
        if value.isConstant { return Value(LLVMConstBitCast(value.ref, double.ref)) }
        return cast(value, after: nil)
      }
      switch instruction.opcode {
      case LLVMLoad where !instruction.isVolatile:
        builder.position(before: instruction)
        builder.debugLocation = instruction.debugLocation
        let typed = builder.load(double, from: instruction.operand(0))
        Instruction(typed.ref).alignment = instruction.alignment
        made[value] = typed
        replaced.insert(value)
        return typed
      case LLVMSelect:
        let chosen = [floating(instruction.operand(1)), floating(instruction.operand(2))]
        builder.position(before: instruction)
        builder.debugLocation = instruction.debugLocation
        let typed = builder.select(instruction.operand(0), chosen[0], chosen[1])
        made[value] = typed
        return typed
      case LLVMPHI:
        builder.position(before: instruction)
        let typed = builder.phi(double)
        made[value] = typed.value
        typed.addIncoming(instruction.incoming.map { (floating($0.value), $0.block) })
        return typed.value
      default:
        return cast(value, after: instruction)
      }
    }

    /// `value` reinterpreted as a double, right after its definition (at the function's entry for an
    /// argument).
    private mutating func cast(_ value: Value, after definition: Instruction?) -> Value {
      if let definition, let next = definition.next, !definition.isPhi {
        builder.position(before: next)
      } else if let definition {
        builder.position(before: definition.parent.firstNonPhi!)
      } else {
        let entry = Function(LLVMGetParamParent(value.ref)).entryBlock!
        builder.position(before: entry.firstNonPhi!)
      }
      let typed = builder.bitCast(value, to: double)
      made[value] = typed
      return typed
    }
  }
}
