// Stack slots that only ever hold values without derivatives, so that they need no shadow.
import CLLVM
import LLVMBinding

/// A stack slot gets a shadow when a value with a derivative may be in it. Most slots are written
/// by the function itself, and its stores say what they hold; a slot whose address is handed to a
/// callee may also be written there. C++ passes small constants by reference: Eigen's
/// `scaleAndAddTo(dst, lhs, rhs, Scalar(1))` takes the scale as `const double&`, a slot holding 1.0.
/// Given a shadow, the scale read through it was active in the callee, whose matrix product then
/// computed the scale's adjoint, a whole second product for an adjoint nothing reads.
///
/// A slot holds only values without derivatives when every store into it stores a floating-point
/// value that has none, and its address goes nowhere it could be written from: it is only offset,
/// loaded from, compared, given to lifetime markers, and passed to callees that only read through
/// the parameter (loads, offsets and comparisons there too, and calls of the same kind, a few levels
/// deep; a declaration must say `readonly` or `readnone`). Anything else (the address stored,
/// turned into an integer, chosen by a `select`, passed to a copy or to an unknown function) keeps
/// the shadow. So does a slot holding an integer or a pointer: a shadow's integers mirror the
/// primal's (a count or a tag copied into shadow memory must be the primal's), which a slot without
/// shadow could not give.
enum ConstantSlots {
  /// Whether `slot` (an `alloca`) holds only values for which `isVaried` is false, as far as the
  /// function and the callees its address is passed to show.
  static func holdsOnlyUnvaried(_ slot: Instruction, isVaried: (Value) -> Bool) -> Bool {
    onlyRead(from: slot.value, storesAllowed: true, isVaried: isVaried, depth: 3)
  }

  /// Whether `slot` is a Swift existential container (`any P`: a box opened by the compiler's
  /// `__swift_project_boxed_opaque_existential_N`) whose contents have no derivative, as far as the
  /// function shows: `let s: any Shape = pick(i)`, a shape made from an index by a function that is
  /// not inlined, whose method is then called on an active argument (`s.area(x[i])`). Given a shadow,
  /// the box was refused in reverse mode (its adjoints cannot come back through the runtime's value
  /// witnesses) and stopped forward mode at run time (the shadow box's destruction went through a
  /// witness in the Swift runtime, whose derivative is unknown). Without one, the box is the
  /// primal's alone, opened and destroyed once, and the method's derivative gets `self` as constant.
  ///
  /// The slot is written only by stores of values without derivative (the type's metadata and
  /// witness table, constants) and by calls that take nothing else with a derivative and read no
  /// memory but their arguments' (`pick(i)` returning the box through `sret`); it is otherwise only
  /// read, opened, destroyed, and given to lifetime markers. A box copied from another (the
  /// protocol's outlined copy) or handed to anything else may hold what the other holds: it keeps
  /// its shadow.
  static func isExistentialWithoutDerivative(_ slot: Instruction, isVaried: (Value) -> Bool) -> Bool {
    var opened = false
    let allowed = everyAccess(through: slot.value) { instruction, pointer in
      switch instruction.opcode {
      case LLVMLoad:
        return true
      case LLVMStore:
        return instruction.operand(1) == pointer && !isVaried(instruction.operand(0))
      case LLVMCall:
        guard let callee = instruction.calledFunction, instruction.calledFunctionType == callee.type else {
          return false
        }
        let name = callee.name
        if name.hasPrefix("__swift_project_boxed_opaque_existential_")
          || name.hasPrefix("__swift_destroy_boxed_opaque_existential_")
        {
          opened = true
          return true
        }
        if name.hasPrefix("llvm.lifetime.") { return true }
        // A call that makes the box: nothing else it takes has a derivative, and it reads no
        // memory but its arguments' (two bits a location, read and write; location 0 is argument
        // memory).
        guard instruction.arguments.allSatisfy({ $0 == pointer || !isVaried($0) }),
          let effects = instruction.callSiteMemoryEffects ?? callee.memoryEffects
        else { return false }
        return (1..<32).allSatisfy { (effects >> (2 * UInt64($0))) & 1 == 0 }
      default:
        return false
      }
    }
    return allowed && opened
  }

  /// Whether `accept` allows every instruction that uses `address` or an address offset from it
  /// (`getelementptr`, casts), other than the offsets themselves; it gets the instruction and the
  /// address it uses.
  private static func everyAccess(through address: Value, accept: (Instruction, Value) -> Bool) -> Bool {
    var seen: Set<Value> = []
    var work = [address]
    while let pointer = work.popLast() {
      guard seen.insert(pointer).inserted else { continue }
      for user in pointer.users {
        guard let instruction = user.asInstruction else { return false }
        switch instruction.opcode {
        case LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast:
          guard instruction.operand(0) == pointer else { return false }
          work.append(instruction.value)
        default:
          guard accept(instruction, pointer) else { return false }
        }
      }
    }
    return true
  }

  /// Whether every use of `address` (and of the addresses offset from it) reads it, or (where
  /// `storesAllowed`) stores into it a floating-point value `isVaried` says has no derivative, or
  /// hands it to a callee that only reads through it (`depth` calls deep).
  private static func onlyRead(
    from address: Value, storesAllowed: Bool, isVaried: (Value) -> Bool, depth: Int
  ) -> Bool {
    everyAccess(through: address) { instruction, pointer in
      switch instruction.opcode {
      case LLVMLoad, LLVMICmp:
        return true
      case LLVMStore:
        let stored = instruction.operand(0)
        return storesAllowed && instruction.operand(1) == pointer && stored.type.isFloatingPointOrVector
          && !isVaried(stored)
      case LLVMCall, LLVMInvoke:
        return callOnlyReads(instruction, through: pointer, depth: depth)
      default:
        return false
      }
    }
  }

  /// Whether `call` only reads through the arguments that are `pointer`.
  private static func callOnlyReads(_ call: Instruction, through pointer: Value, depth: Int) -> Bool {
    guard let callee = call.calledFunction, call.calledFunctionType == callee.type else { return false }
    let name = callee.name
    if name.hasPrefix("llvm.lifetime.") { return true }
    let arguments = call.arguments
    for (index, argument) in arguments.enumerated() where argument == pointer {
      guard index < callee.parameters.count else { return false }  // a variadic argument
      let attributeIndex = LLVMAttributeIndex(index + 1)
      let onlyReads = ["readonly", "readnone"].contains { callee.hasAttribute($0, at: attributeIndex) }
      if onlyReads { continue }
      guard !callee.isDeclaration, !callee.isIntrinsic, depth > 0,
        onlyRead(
          from: callee.parameter(index), storesAllowed: false, isVaried: { _ in true }, depth: depth - 1)
      else { return false }
    }
    return true
  }
}
