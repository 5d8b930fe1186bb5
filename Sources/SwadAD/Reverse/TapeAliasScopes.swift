// Tells the optimizer that the tape and the program's memory never overlap.
import CLLVM
import LLVMBinding

/// The tape's buffer is memory only the tape's own code reaches: the program never sees a pointer
/// into it. The optimizer cannot know that: a record's address comes from `swad.tape.reserve` or
/// `swad.tape.pop`, loads of a pointer kept in the tape object, and a shadow buffer's address is
/// itself popped from the tape. So the loop vectorizer guarded every reverse loop that reads cached
/// values from the tape and writes adjoints with a run-time overlap check of the two, and kept a
/// scalar copy of the loop for when they overlap; on short loops (GMM's triangular factors, d = 10)
/// the checks cost as much as the work.
///
/// After AD, each function AD made that reads or writes the tape gets the scope `swad.tape.buffer`
/// (of the domain `swad.tape`): loads and stores whose address is into the tape carry it as their
/// `!alias.scope`, and those whose address provably is not carry it in their `!noalias` list. An address is provably into the tape
/// when everything it is computed from (through `getelementptr`, casts, `phi` and `select`) is a
/// record of the tape, and provably not when nothing it is computed from is, or may be, one.
///
/// That is sound only while tape addresses stay where this can follow them, which is checked first:
/// they may be stored only into stack slots that hold nothing else, and may reach no call but the
/// memory intrinsics (they are never handed to a callee) and no integer. A function where one
/// escapes is left unmarked.
enum TapeAliasScopes {
  static func mark(functionsNotIn existing: Set<Function>, in module: Module) {
    let context = module.context
    let domain = MetadataNode.tuple([MetadataNode.string("swad.tape", context: context)], context: context)
    let scope = MetadataNode.tuple(
      [MetadataNode.string("swad.tape.buffer", context: context), domain], context: context)
    for function in module.functions where !function.isDeclaration && !existing.contains(function) {
      guard let addresses = TapeAddresses(function) else { continue }
      addresses.mark(scope: scope, context: context)
    }
  }
}

/// Which values of one function are addresses into the tape.
private struct TapeAddresses {
  /// Records of the tape (calls of `swad.tape.reserve`/`pop`), values computed from them, and loads
  /// of the stack slots that keep them.
  private var tape: Set<Value> = []
  /// Stack slots that keep tape addresses (a cache's base between its loops).
  private var holders: Set<Value> = []
  /// The tape objects the function's records come from: a call handed one may return anything.
  private var objects: Set<Value> = []
  /// The function's instructions, in order.
  private let instructions: [Instruction]

  /// Nil when the function has no tape records, or when a tape address escapes where this cannot
  /// follow it.
  init?(_ function: Function) {
    instructions = function.blocks.flatMap(\.instructions)
    var work: [Value] = []
    for instruction in instructions where instruction.isCall {
      guard let name = instruction.calledFunction?.name,
        name == "swad.tape.reserve" || name == "swad.tape.pop"
      else { continue }
      tape.insert(instruction.value)
      objects.insert(instruction.arguments[0])
      work.append(instruction.value)
    }
    guard !work.isEmpty else { return nil }
    while let value = work.popLast() {
      for user in value.users {
        guard let instruction = user.asInstruction else { return nil }
        switch instruction.opcode {
        case LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast, LLVMPHI:
          if instruction.opcode == LLVMGetElementPtr && instruction.operand(0) != value { return nil }
          if tape.insert(user).inserted { work.append(user) }
        case LLVMSelect:
          guard instruction.operand(0) != value else { return nil }
          if tape.insert(user).inserted { work.append(user) }
        case LLVMLoad, LLVMICmp:
          continue
        case LLVMStore:
          guard instruction.operand(0) == value else { continue }  // an address into the tape
          let slot = instruction.operand(1)
          guard slot.asInstruction?.opcode == LLVMAlloca else { return nil }
          guard holders.insert(slot).inserted else { continue }
          for use in slot.users {
            guard let access = use.asInstruction else { return nil }
            switch access.opcode {
            case LLVMLoad:
              if tape.insert(use).inserted { work.append(use) }
            case LLVMStore where access.operand(1) == slot:
              continue  // what it stores is checked below, once every tape address is known
            case LLVMCall where access.calledFunction?.name.hasPrefix("llvm.lifetime.") == true:
              continue
            default:
              return nil
            }
          }
        case LLVMCall:
          // Only the memory intrinsics may take a tape address: they copy, they keep nothing.
          guard let name = instruction.calledFunction?.name,
            name.hasPrefix("llvm.memcpy.") || name.hasPrefix("llvm.memmove.")
              || name.hasPrefix("llvm.memset.")
          else { return nil }
        default:
          return nil
        }
      }
    }
    // A slot that keeps tape addresses keeps nothing else.
    for slot in holders {
      for use in slot.users {
        guard let store = use.asInstruction, store.opcode == LLVMStore, store.operand(1) == slot else { continue }
        guard tape.contains(store.operand(0)) || store.operand(0).isUndef else { return nil }
      }
    }
  }

  /// What the memory an address reaches may be: into the tape, the program's, or not known.
  private struct Origins: OptionSet {
    let rawValue: UInt8
    static let tape = Origins(rawValue: 1), program = Origins(rawValue: 2), unknown = Origins(rawValue: 4)
  }

  /// The origins of every pointer the function computes, found once for all of its accesses: the
  /// origins of what each address is computed from (through `getelementptr`, casts, `phi` and
  /// `select`), to a fixed point over the phis' cycles.
  private func origins() -> [Value: Origins] {
    var found: [Value: Origins] = [:]
    var derived: [Instruction] = []
    for instruction in instructions where instruction.type.isPointer {
      let value = instruction.value
      switch instruction.opcode {
      case LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast, LLVMPHI, LLVMSelect:
        found[value] = []
        derived.append(instruction)
      case LLVMCall where tape.contains(value):
        found[value] = .tape
      case LLVMCall:
        // A callee never receives a tape address (checked); one handed the tape object may return one.
        found[value] = instruction.arguments.contains(where: objects.contains) ? .unknown : .program
      case LLVMLoad:
        // Tape addresses are kept only in their own slots (checked), so any other load of a pointer
        // loads one of the program's.
        found[value] = holders.contains(instruction.operand(0)) ? .tape : .program
      case LLVMAlloca:
        found[value] = .program
      default:
        found[value] = .unknown
      }
    }
    func origins(of value: Value) -> Origins {
      if let known = found[value] { return known }
      if value.isUndef || value.isPoison || value.isNull { return [] }
      // Arguments and globals: the program's (a tape object is reached only through calls).
      return value.isArgument || value.isGlobalValue ? .program : .unknown
    }
    var changed = true
    while changed {
      changed = false
      for instruction in derived {
        let sources: [Value]
        switch instruction.opcode {
        case LLVMPHI: sources = instruction.incoming.map(\.value)
        case LLVMSelect: sources = [instruction.operand(1), instruction.operand(2)]
        default: sources = [instruction.operand(0)]
        }
        let union = sources.reduce(into: found[instruction.value]!) { $0.formUnion(origins(of: $1)) }
        if union != found[instruction.value] {
          found[instruction.value] = union
          changed = true
        }
      }
    }
    return found
  }

  func mark(scope: LLVMMetadataRef, context: Context) {
    let scopes = MetadataNode.tuple([scope], context: context)
    let found = origins()
    for instruction in instructions {
      let address: Value
      switch instruction.opcode {
      case LLVMLoad: address = instruction.operand(0)
      case LLVMStore: address = instruction.operand(1)
      default: continue
      }
      let origins = found[address] ?? (address.isArgument || address.isGlobalValue ? .program : .unknown)
      if origins == .tape {
        instruction.setMetadata("alias.scope", scopes, context: context)
      } else if origins == .program {
        let existing = instruction.metadata("noalias").map { MetadataNode.operands(of: $0, context: context) } ?? []
        instruction.setMetadata("noalias", MetadataNode.tuple(existing + [scope], context: context), context: context)
      }
    }
  }
}
