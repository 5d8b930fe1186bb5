// A choice between two of Swift's static objects (`c ? specsA : specsB` of two constant array
// literals) made before the objects are initialized: each is initialized, then chosen.
import CLLVM
import LLVMBinding

/// After the pre-AD simplification, `let specs = c ? specsA : specsB` of two constant array literals
/// of one type calls `swift_initStaticObject(metadata, select c, @specsA+8, @specsB+8)`: a single
/// call whose object is no global's, which swad cannot give a shadow object (a shadow global laid out
/// like the primal's) and refused. `swift_initStaticObject` initializes the object's header once and
/// returns it, so calling it for both and choosing the result is the same program: then each call has
/// a global's object. Selects of selects are split in turn.
enum StaticObjectChoices {
  static func split(in function: Function, builder: Builder) {
    var work = function.blocks.flatMap(\.instructions).filter(isChoiceOfStaticObjects)
    while let call = work.popLast() {
      let choice = Instruction(call.operand(1).ref)
      builder.position(before: call)
      builder.debugLocation = call.debugLocation
      let sides = [choice.operand(1), choice.operand(2)].map { object -> Instruction in
        let made = call.clone()
        made.setOperand(1, object)
        builder.insert(made)
        return made
      }
      let chosen = builder.select(choice.operand(0), sides[0].value, sides[1].value)
      call.value.replaceAllUses(with: chosen)
      call.eraseFromParent()
      if choice.value.users.isEmpty { choice.eraseFromParent() }
      work += sides.filter(isChoiceOfStaticObjects)
    }
  }

  /// `swift_initStaticObject(metadata, select …)`.
  private static func isChoiceOfStaticObjects(_ instruction: Instruction) -> Bool {
    guard instruction.opcode == LLVMCall, instruction.calledFunction?.name == "swift_initStaticObject",
      instruction.arguments.count == 2, let choice = instruction.arguments[1].asInstruction
    else { return false }
    return choice.opcode == LLVMSelect
  }
}
