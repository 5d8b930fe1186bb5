// Which memory a function may write: enough alias analysis to know when a loaded value can be
// loaded again in the reverse sweep instead of being saved.
import CLLVM
import LLVMBinding

/// The objects (allocations, arguments, globals) that the stores, memory intrinsics and calls of a
/// set of blocks may write, and whether some write could reach any memory at all.
public struct MemoryWrites {
  private(set) var objects: Set<Value> = []
  /// Whether some write may reach any memory: a call that may write anything, or a store through a
  /// pointer of unknown origin, or through a pointer loaded from memory.
  var writesAnything: Bool { writesUnknownMemory || writesThroughLoadedPointer }
  private var writesUnknownMemory = false {
    didSet { if writesUnknownMemory, anythingWriter == nil { anythingWriter = writing } }
  }
  /// A store (or a call that writes through its pointer arguments) through a pointer loaded from
  /// memory, which may reach anything but the memory of `noalias` arguments whose pointer the
  /// function never puts in memory (`isOutOfReachOfLoadedPointers`).
  private var writesThroughLoadedPointer = false {
    didSet { if writesThroughLoadedPointer, loadedPointerWriter == nil { loadedPointerWriter = writing } }
  }
  /// The first instruction that writes each of `objects`, and the first of each kind of write that
  /// may reach anything: what remarks name as the reason a value was kept (`writer(of:)`).
  private var writers: [Value: (order: Int, instruction: Instruction)] = [:]
  private var anythingWriter: Instruction?
  private var loadedPointerWriter: Instruction?
  /// The instruction being read while the writes are collected, and how many came before it.
  private var writing: Instruction?
  private var writingOrder = 0
  /// The caller's object that an object of this function is (a parallel region's captured pointer,
  /// `ReverseSignature.callerObjects`), when known: two such objects overlap when the caller's do,
  /// and none of them overlaps memory the function allocates.
  var callerObject: (Value) -> Value? = { _ in nil }
  /// Whether an argument of this function points into memory that nothing else the function is
  /// given reaches (`ReverseSignature.distinctParameters`): as good as `noalias` against the other
  /// identified objects.
  var isDistinctArgument: (Value) -> Bool = { _ in false }

  /// - Parameter ignoring: releases that do not happen in the forward sweep (see `deferredReleases`).
  init(blocks: [BasicBlock], classifier: CallClassifier, ignoring: Set<Instruction> = []) {
    self.init(instructions: blocks.lazy.flatMap(\.instructions), classifier: classifier, ignoring: ignoring)
  }

  init<Instructions: Sequence<Instruction>>(
    instructions: Instructions, classifier: CallClassifier, ignoring: Set<Instruction> = []
  ) {
    for instruction in instructions where !ignoring.contains(instruction) {
      writing = instruction
      writingOrder += 1
      switch instruction.opcode {
      case LLVMStore: note(instruction.operand(1))
      case LLVMAtomicRMW, LLVMAtomicCmpXchg: note(instruction.operand(0))
      case LLVMCall, LLVMInvoke:
        switch classifier.semantics(of: instruction) {
        case .rule(let rule):
          // frexp's exponent, modf's integral part.
          for output in rule.outputs { note(instruction.arguments[output.operand]) }
        case .inactive:
          if let name = instruction.calledFunction?.name,
            KnownFunctions.inactiveWritingFirstArgument.contains(name)
          {
            note(instruction.arguments[0])
          }
        case .allocation(.uninitialized), .allocation(.userAllocator), .allocation(.zeroed),
          .allocation(.swiftObject):
          break
        case .referenceCounting:
          // A release can end an object's life (and its memory be reused): as good as a write.
          switch instruction.calledFunction.flatMap({ SwiftRuntime.referenceCountChange(of: $0.name) }) {
          case .release, .destroyElements: note(instruction.arguments[0])
          case .retain, nil: break
          }
        case .memoryTransfer, .memorySet, .arrayElementCopy: note(instruction.arguments[0])
        case .sort(let routine):
          note(instruction.arguments[routine.base])
          if routine.comparisonMayWrite(instruction) { writesUnknownMemory = true }
        case .search(let routine):
          if let through = routine.writtenThrough { note(instruction.arguments[through]) }
          if routine.comparisonMayWrite(instruction) { writesUnknownMemory = true }
        case .mirroredOnShadows: instruction.arguments.filter(\.type.isPointer).forEach { note($0) }
        case .deallocation, .allocation(.resize), .allocation(.writtenThrough): note(instruction.arguments[0])
        case .allocation(.swiftStackObject), .allocation(.swiftStaticObject):
          note(instruction.arguments[1])  // the object's header
        case .defined(let callee), .unknown(let callee), .customGradient(let callee, _),
          .customDerivative(let callee, _):
          noteCall(instruction, callee: callee)
        case .blas(let function):
          // A BLAS routine writes its output array only (and LAPACK's `info`).
          for written in function.routine.writtenParameters {
            note(function.argument(written, of: instruction))
          }
        case .mpi(let function):
          if function.routine == nil {
            writesUnknownMemory = true
          } else {
            noteMPICall(instruction, function)
          }
        case .indirect, .openMP(.fork):
          writesUnknownMemory = true
        case .openMP:
          // Loop bounds and reduction lists: through the pointer arguments (not the runtime's own).
          instruction.arguments.filter { $0.type.isPointer && !OpenMPRuntime.isRuntimeState($0) }.forEach {
            note($0)
          }
        }
      default: break
      }
    }
    writing = nil
  }

  /// The `swift_release`s of `blocks` that give back a reference a `swift_retain` earlier in the same
  /// block took: they cannot end an object's life, so they write nothing.
  static func balancedReleases(in blocks: [BasicBlock]) -> Set<Instruction> {
    var balanced: Set<Instruction> = []
    for block in blocks {
      var retained: [Value: Int] = [:]
      for instruction in block.instructions where instruction.isCall {
        guard let name = instruction.calledFunction?.name, var object = instruction.arguments.first else {
          continue
        }
        // `swift_retain` returns its argument: a release may name either.
        if let retain = object.asInstruction, retain.isCall, retain.calledFunction?.name == "swift_retain" {
          object = retain.arguments[0]
        }
        if name == "swift_retain" {
          retained[object, default: 0] += 1
        } else if name == "swift_release", let count = retained[object], count > 0 {
          retained[object] = count - 1
          balanced.insert(instruction)
        }
      }
    }
    return balanced
  }

  /// A call writes what its `memory(...)` attribute allows: nothing, its pointer arguments, or
  /// anything. Inaccessible memory and errno (which libm functions write) are not the program's data.
  private mutating func noteCall(_ call: Instruction, callee: Function) {
    if KnownFunctions.writeNoProgramData.contains(callee.name) { return }
    guard let effects = callee.memoryEffects else {
      writesUnknownMemory = true
      return
    }
    let modifies = { (location: UInt64) in (effects >> (2 * location)) & 2 != 0 }
    // Locations: 0 argument memory, 1 inaccessible memory, 2 errno, 3 and above other memory.
    if (3..<32).contains(where: { modifies(UInt64($0)) }) {
      writesUnknownMemory = true
    } else if modifies(0) {
      for argument in call.arguments where argument.type.isPointer { note(argument) }
    }
  }

  mutating func note(_ pointer: Value) {
    let object = MemoryWrites.underlyingObject(pointer)
    // A function's address (an OpenMP reduction's combiner, passed beside the data): code is not data.
    if object.asFunction != nil { return }
    if MemoryWrites.isIdentified(object) {
      objects.insert(object)
      if let writing, writers[object] == nil { writers[object] = (writingOrder, writing) }
    } else if object.asInstruction?.opcode == LLVMLoad {
      writesThroughLoadedPointer = true
    } else {
      writesUnknownMemory = true
    }
  }

  /// Whether memory reached through `pointer` may be written by these writes.
  func mayWrite(_ pointer: Value) -> Bool {
    if writesUnknownMemory { return true }
    let object = MemoryWrites.underlyingObject(pointer)
    if writesThroughLoadedPointer && !MemoryWrites.isOutOfReachOfLoadedPointers(object) { return true }
    let caller = callerObject(object)
    return objects.contains { mayOverlap($0, object, caller: caller) }
  }

  /// The first instruction, in the order of the blocks given, that may write memory reached through
  /// `pointer` (nil when none may, or when the writes were not collected from instructions).
  func writer(of pointer: Value) -> Instruction? {
    if writesUnknownMemory { return anythingWriter }
    let object = MemoryWrites.underlyingObject(pointer)
    if writesThroughLoadedPointer && !MemoryWrites.isOutOfReachOfLoadedPointers(object) {
      return loadedPointerWriter
    }
    let caller = callerObject(object)
    return objects.filter { mayOverlap($0, object, caller: caller) }.compactMap { writers[$0] }
      .min { $0.order < $1.order }?.instruction
  }

  /// Whether the written object `written` may overlap `object` (whose caller's object is `caller`).
  private func mayOverlap(_ written: Value, _ object: Value, caller: Value?) -> Bool {
    switch (callerObject(written), caller) {
    case (let a?, let b?): return MemoryWrites.mayAlias(a, b)
    case (let a?, nil): return MemoryWrites.mayAlias(caller: a, own: object)
    case (nil, let b?): return MemoryWrites.mayAlias(caller: b, own: written)
    case (nil, nil): return MemoryWrites.mayAlias(written, object, distinct: isDistinctArgument)
    }
  }

  /// Whether a caller's object may overlap one of the function's own: memory the function allocates
  /// is new, a global is the same object in both, and anything else (an argument whose caller object
  /// is not known) may be anything.
  private static func mayAlias(caller: Value, own: Value) -> Bool {
    if isLocalAllocation(own) { return false }
    if own.isGlobalVariable { return mayAlias(caller, own) }
    return true
  }

  /// The pointer an instruction reads, writes or indexes memory through, and the type it sees there:
  /// a load's or store's value type, a GEP's element type. What type analysis can learn from it.
  static func access(by instruction: Instruction) -> (pointer: Value, type: IRType)? {
    switch instruction.opcode {
    case LLVMLoad: return (instruction.operand(0), instruction.type)
    case LLVMStore: return (instruction.operand(1), instruction.operand(0).type)
    case LLVMGetElementPtr: return (instruction.operand(0), instruction.gepSourceElementType)
    default: return nil
    }
  }

  /// The object a pointer points into, through GEPs, casts, and phis and selects whose inputs all
  /// point into the same object.
  public static func underlyingObject(_ pointer: Value) -> Value {
    var visiting: Set<Value> = []
    var known: [Value: Value?] = [:]
    return underlyingObject(pointer, visiting: &visiting, known: &known) ?? pointer
  }

  /// Nil when the search only comes back to a phi or select being looked through (a cycle). A value
  /// reached twice without a cycle (a new array's storage, both where a copy loop starts and where
  /// it stops) is the same object both times: only the phis and selects on the current path count
  /// as visited, and each one's object is remembered (`known`). Before, the second visit counted as
  /// a cycle, and the pointer past a `std::vector`'s moved elements was an object of its own, read
  /// only as doubles, so the `int` of a `pair<double, int>` read through it counted as a double's
  /// bits.
  private static func underlyingObject(
    _ pointer: Value, visiting: inout Set<Value>, known: inout [Value: Value?]
  ) -> Value? {
    var current = pointer
    while let instruction = current.asInstruction {
      switch instruction.opcode {
      case LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast:
        current = instruction.operand(0)
      case LLVMPHI, LLVMSelect:
        if let object = known[current] { return object }
        guard visiting.insert(current).inserted else { return nil }
        defer { visiting.remove(current) }
        let inputs =
          instruction.isPhi
          ? instruction.incoming.map(\.value) : [instruction.operand(1), instruction.operand(2)]
        var objects: Set<Value> = []
        for input in inputs {
          if let object = underlyingObject(input, visiting: &visiting, known: &known) {
            objects.insert(object)
          }
        }
        // Swift's shared empty-array storage is never written (a write to an element is out of
        // bounds, and a mutation first copies a storage that is not uniquely referenced), and a null
        // pointer has no memory (a `std::vector` of no elements): a pointer that is either of them
        // or a new array's storage writes, and is written by, the new storage only.
        let written = objects.filter { !isImmutableEmptyStorage($0) && !($0.isConstant && $0.isNull) }
        let object: Value? =
          objects.isEmpty
          ? nil
          : written.count == 1 ? written.first! : objects.count == 1 ? objects.first! : current
        known[current] = object
        return object
      default:
        return current
      }
    }
    if LLVMIsAConstantExpr(current.ref) != nil,
      [LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast].contains(LLVMGetConstOpcode(current.ref))
    {
      return underlyingObject(Value(LLVMGetOperand(current.ref, 0)), visiting: &visiting, known: &known)
    }
    return current
  }

  /// An object whose identity is known: an argument, a global, a stack or heap allocation.
  static func isIdentified(_ object: Value) -> Bool {
    object.isArgument || object.isGlobalVariable || isLocalAllocation(object)
  }

  /// Whether no pointer loaded from memory reaches `object` while the function runs: a `noalias`
  /// argument (C's `restrict`) whose pointer the function never puts in memory. Then no pointer
  /// loaded from memory is based on it (one the caller stored before the call is not), and
  /// `noalias` says that memory the argument reaches is reached through no pointer not based on it
  /// where either access writes. `captures(none)` alone does not say so: it allows a copy that is
  /// gone when the function returns (LLVM's function-attrs, which swad's pre-AD pipeline runs, does
  /// not infer it then, but `__attribute__((noescape))` and Swift's `inout` parameters give it), so
  /// the function's own uses of the pointer are checked (`isNeverStored`). (A `select` of it and
  /// another pointer is based on it: a store through one counts as one of unknown origin.)
  static func isOutOfReachOfLoadedPointers(_ object: Value) -> Bool {
    guard isNoAliasArgument(object), let parent = LLVMGetParamParent(object.ref) else { return false }
    let function = Function(parent)
    guard let index = function.parameters.firstIndex(of: object) else { return false }
    return function.capturesNothing(parameter: index) && isNeverStored(object)
  }

  /// Whether no pointer based on `argument` is ever stored to memory, turned into an integer, or
  /// given to a call that may keep a copy after it returns (a parameter without `captures(none)`),
  /// following it through GEPs, casts, phis and selects.
  static func isNeverStored(_ argument: Value) -> Bool {
    var work = [argument]
    var seen: Set<Value> = [argument]
    while let pointer = work.popLast() {
      for user in pointer.users {
        guard let instruction = user.asInstruction else { return false }
        switch instruction.opcode {
        case LLVMLoad, LLVMICmp:
          continue
        case LLVMStore:
          if instruction.operand(0) == pointer { return false }
        case LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast, LLVMPHI, LLVMSelect:
          if seen.insert(instruction.value).inserted { work.append(instruction.value) }
        case LLVMCall, LLVMInvoke:
          guard let callee = instruction.calledFunction, instruction.calledOperand != pointer else {
            return false
          }
          for (index, passed) in instruction.arguments.enumerated() where passed == pointer {
            guard index < callee.parameters.count, callee.capturesNothing(parameter: index) else {
              return false
            }
          }
        default:
          return false
        }
      }
    }
    return true
  }

  static func isNoAliasArgument(_ value: Value) -> Bool {
    guard value.isArgument, let parent = LLVMGetParamParent(value.ref) else { return false }
    let function = Function(parent)
    guard let index = function.parameters.firstIndex(of: value) else { return false }
    return function.hasAttribute("noalias", at: LLVMAttributeIndex(index + 1))
  }

  public static func isLocalAllocation(_ object: Value) -> Bool {
    guard let instruction = object.asInstruction else { return false }
    if instruction.opcode == LLVMAlloca { return true }
    guard instruction.isCall, let callee = instruction.calledFunction else { return false }
    let allocators = [
      "malloc", "calloc", "realloc", "reallocarray", "aligned_alloc", "memalign", "swift_slowAlloc",
      "swad.block.alloc",
    ]
    return allocators.contains(callee.name) || CXXRuntime.isOperatorNew(callee.name)
      || SwiftRuntime.isObjectAllocation(callee.name)
  }

  /// The Swift runtime's shared storage of empty collections (`SwiftRuntime.isEmptyStorage`).
  static func isImmutableEmptyStorage(_ object: Value) -> Bool {
    object.isGlobalVariable && SwiftRuntime.isEmptyStorage(object.name)
  }

  /// Whether two objects may overlap: distinct allocations and globals do not, and an allocation
  /// made in the function overlaps no argument or global; two arguments may be the same memory.
  public static func mayAlias(
    _ a: Value, _ b: Value, distinct isDistinctArgument: (Value) -> Bool = { _ in false }
  ) -> Bool {
    if a == b { return true }
    guard isIdentified(a), isIdentified(b) else { return true }
    // An argument may point to another argument's memory or to a global, unless it is `noalias`
    // (C's `restrict`) or known distinct from its callers: then nothing else the function reaches
    // overlaps it. (A pointer loaded from memory may still: it is not identified.)
    if isNoAliasArgument(a) || isNoAliasArgument(b) || isDistinctArgument(a) || isDistinctArgument(b) {
      return false
    }
    if a.isArgument || b.isArgument { return !isLocalAllocation(a) && !isLocalAllocation(b) }
    return false
  }
}
