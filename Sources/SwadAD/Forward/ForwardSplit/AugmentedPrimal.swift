// Forward split mode: the augmented primal, a copy of the original that pushes onto the tape the
// values its split tangent reads.
import CLLVM
import LLVMBinding
import SwadAnalysis

/// Fills `augmented_fwdsplit_f`: the original's code, unchanged, with a push after each recorded
/// value, and calls of differentiated functions going to their own augmented primals (which push
/// the callee's records where its tangent reads them). It has the original's type, so it is called
/// with the primal arguments only; the shadows play no part in the primal.
struct AugmentedPrimal {
  let module: Module
  let original: Function
  let function: Function
  let runtime: ForwardSplitTape

  /// `recording`: the original instructions whose values the tangent reads; `callingAugmented`:
  /// per original call, the augmented primal it calls instead of its callee.
  func emit(recording: Set<Instruction>, callingAugmented: [Instruction: Function]) {
    let builder = Builder(context: module.context)
    var map = ValueMap()
    for (index, parameter) in original.parameters.enumerated() {
      let copy = function.parameter(index)
      copy.name = parameter.name
      map.map(parameter, to: copy)
      function.copyByValue(from: original, parameter: index, to: index)
      function.copyNoAlias(from: original, parameter: index, to: index)
    }
    let order = reversePostOrder(original)
    for block in order { map.map(block, to: function.appendBlock(named: block.name)) }
    var phis: [(original: Instruction, copy: Instruction)] = []
    var recorded: [Instruction] = []
    for block in order {
      builder.position(atEndOf: map[block])
      for instruction in block.instructions {
        if instruction.isPhi {
          let phi = builder.phi(instruction.type, instruction.value.name)
          map.map(instruction.value, to: phi.value)
          phis.append((instruction, phi))
          continue
        }
        let copy = builder.insertCopy(of: instruction, mapping: map)
        map.map(instruction.value, to: copy.value)
        if let augmented = callingAugmented[instruction] {
          copy.setOperand(copy.operandCount - 1, augmented.value)
        }
        if recording.contains(instruction) { recorded.append(copy) }
      }
    }
    for (phi, copy) in phis {
      for (value, block) in phi.incoming where map.blocks[block] != nil {
        copy.addIncoming([(map[value], map[block])])
      }
    }
    guard !recorded.isEmpty, let first = function.entryBlock?.firstInstruction else { return }
    builder.position(before: first)
    let tape = builder.load(runtime.pointer, from: runtime.recording, "tape")
    for value in recorded {
      // Right after the value is made, before any later call pushes records of its own.
      builder.position(before: value.next!)
      runtime.tape.push([value.value], tape: tape, builder: builder)
    }
  }
}
