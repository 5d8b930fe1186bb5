// What calls to functions without a body mean for AD: a derivative rule, an allocator, memory
// transfer, or inactive bookkeeping. Both modes read this catalogue.
import CLLVM
import LLVMBinding

/// The meaning of a call for differentiation.
enum CallSemantics {
  /// A math function or intrinsic with a derivative rule.
  case rule(DerivativeRule)
  /// Allocates memory: the shadow is a second allocation of the same size, zeroed.
  case allocation(AllocationKind)
  /// Releases memory (the shadow is released with it).
  case deallocation
  /// `memcpy`/`memmove`: the shadow bytes move with the primal bytes.
  case memoryTransfer
  /// `memset`: the shadow bytes are cleared.
  case memorySet
  /// A sort of the C library (`Rules/Sort`): the order is found once and applied to the array and
  /// its shadows; the reverse sweep undoes it on the shadows.
  case sort(SortRoutine)
  /// `bsearch` (`Rules/Sort`): no derivative; the element found has the shadow at the same place of
  /// the array's shadow.
  case search(SearchRoutine)
  /// Has no effect on derivatives (I/O, timers, debug info, reference counting, lifetime markers).
  case inactive
  /// A function with a body: its derivative is synthesized.
  case defined(Function)
  /// A function with a user-registered gradient (reverse mode).
  case customGradient(Function, CustomRules.Gradient)
  /// A function with a user-registered forward derivative (forward mode).
  case customDerivative(Function, forward: Function)
  /// A BLAS routine of the table (`Rules/BLAS`): its derivative is written as BLAS calls.
  case blas(BLASFunction)
  /// An MPI routine (`Rules/MPI`): communication differentiated by swad's MPI runtime, or inactive.
  case mpi(MPIFunction)
  /// An OpenMP runtime call that forks, schedules, synchronizes or reduces (`Rules/OpenMP`).
  case openMP(OpenMPCall)
  /// A function with no body and no rule.
  case unknown(Function)
  /// A call through a pointer.
  case indirect
  /// Swift reference counting (`swift_retain`, `swift_release`, …): no derivative, but a shadow
  /// object's count follows its primal's in forward mode.
  case referenceCounting
  /// Moves only references and integers (the standard library's `Array<AnyObject>` functions that an
  /// array of arrays grows through): the shadows get the same call, each pointer argument replaced
  /// by its shadow, and a pointer result's shadow is that call's result; there is no adjoint.
  case mirroredOnShadows
  /// The Swift runtime's copy (or move) of `count` elements of a type with value witnesses
  /// (`swift_arrayInitWithCopy(dest, src, count, type)`: an array of structs that hold arrays growing
  /// into new storage). The same call on the shadows copies the references the elements hold, with
  /// their retains; the elements' floating-point fields are adjoints, moved back like a memcpy's.
  case arrayElementCopy

  enum AllocationKind {
    /// The byte size is argument `sizeArgument`; the memory is uninitialized.
    case uninitialized(sizeArgument: Int)
    /// A user's allocator (`__enzyme_allocation_like`): argument `sizeArgument` bytes, uninitialized;
    /// its own deallocator releases the shadow.
    case userAllocator(sizeArgument: Int)
    /// `calloc(count, size)`: zeroed memory.
    case zeroed
    /// `realloc(pointer, size)`, `reallocarray(pointer, count, size)` (`resizedBytes`).
    case resize
    /// `posix_memalign(&pointer, alignment, size)`: the pointer is written through the first
    /// argument, and the shadow pointer through that argument's shadow.
    case writtenThrough
    /// A Swift heap object (`swift_allocObject`, array storage): the shadow is a second object from
    /// the same call, its contents after the object header (metadata and reference count) zeroed.
    case swiftObject
    /// `swift_initStackObject(metadata, slot)`: a Swift object made in a stack slot (an array literal
    /// that does not escape), returned. The shadow is a second slot of the same size, zeroed, made an
    /// object by the same call (a stack slot in forward mode; heap memory in reverse mode, released
    /// by the reverse sweep).
    case swiftStackObject
    /// `swift_initStaticObject(metadata, object)`: a Swift object the compiler laid out in a global (a
    /// constant array literal that escapes the function, to a helper or an instance), its header
    /// made once at run time, returned. Its contents never change (a mutation copies it first: the
    /// object is immortal, never uniquely referenced). The shadow is the same call on a shadow global
    /// of the same contents with zero floats (`GlobalShadows.staticObjectShadow`), one per mode:
    /// forward mode's stays zero, reverse mode's only receives adjoints nothing reads.
    case swiftStaticObject
  }

  /// The byte size a resizing call (`.allocation(.resize)`) asks for, from its arguments as
  /// `operand` gives them (the primal's, or as the reverse sweep has them): `realloc`'s size,
  /// `reallocarray`'s count times size (glibc 2.26 and the BSDs; it fails on an overflow, so the
  /// product of a call that succeeded does not wrap).
  static func resizedBytes(of call: Instruction, operand: (Value) -> Value, builder: Builder) -> Value {
    let i64 = IRType.int(64, in: builder.context)
    let size = builder.intCast(operand(call.arguments[call.arguments.count - 1]), to: i64, signed: false)
    guard call.arguments.count == 3 else { return size }
    return builder.mul(builder.intCast(operand(call.arguments[1]), to: i64, signed: false), size)
  }
}

/// Classifies calls for one mode, with the module's registered rules taking precedence.
struct CallClassifier {
  let rules: CustomRules
  let mode: DerivativeMode

  func semantics(of call: Instruction) -> CallSemantics {
    if let callee = call.calledFunction {
      if rules.inactive.contains(callee) {
        // A search has no derivative either; what it adds, the shadow of the address it finds, keeps
        // the code after it reading through a shadow (`strtod`'s end, marked inactive as its old
        // refusal advised, left a null shadow that a parser then read through).
        if let search = SearchRoutine.called(name: callee.name, callee: callee) { return .search(search) }
        return .inactive
      }
      if mode == .forward, let forward = rules.derivatives[callee] {
        return .customDerivative(callee, forward: forward)
      }
      if mode != .forward, let gradient = rules.gradients[callee] { return .customGradient(callee, gradient) }
      if let allocator = rules.allocationLike[callee] {
        return .allocation(.userAllocator(sizeArgument: allocator.sizeArgument))
      }
      if rules.deallocators.contains(callee) { return .deallocation }
      if let like = rules.functionLike[callee] {
        if let rule = DerivativeRules.function(named: like) { return .rule(rule) }
        return KnownFunctions.semantics(ofName: like, callee: callee, call: call)
      }
    }
    return KnownFunctions.semantics(of: call)
  }
}

enum KnownFunctions {
  /// Functions that have no derivative and leave derivative data alone.
  static let inactiveNames: Set<String> = [
    "printf", "fprintf", "sprintf", "snprintf", "puts", "putchar", "fputs", "fputc", "fflush", "fwrite",
    "perror", "exit", "abort", "_exit", "__assert_fail", "__stack_chk_fail", "clock", "time",
    "gettimeofday", "clock_gettime", "rand", "srand", "random", "srandom", "getenv", "strlen",
    "drand48", "lrand48", "mrand48", "srand48", "erand48", "nrand48", "jrand48",
    "strcmp", "strncmp", "memcmp", "bcmp", "malloc_usable_size",
    // Rounding to integers: the result carries no derivative.
    "lround", "lroundf", "llround", "llroundf", "lrint", "lrintf", "llrint", "llrintf", "ilogb", "ilogbf",
  ]

  /// Inactive functions that write the caller's memory their first argument points to (the state
  /// of POSIX's `erand48(xsubi)`, which is integers): what they write carries no derivative, but it
  /// is written.
  static let inactiveWritingFirstArgument: Set<String> = ["erand48", "nrand48", "jrand48"]

  /// Library functions without a `memory(...)` attribute that write no program data (only errno or
  /// `signgam`): memory they are given or can reach keeps its values across calls of them.
  static let writeNoProgramData: Set<String> = [
    "lgamma", "lgammaf", "lgammal", "tgamma", "tgammaf", "tgammal", "erf", "erff", "erfc", "erfcf",
    "j0", "j1", "y0", "y1", "jn", "yn", "cbrt", "cbrtf", "expm1", "expm1f", "log1p", "log1pf", "hypot",
    "hypotf",
    "printf", "puts", "putchar", "clock", "time", "rand",
  ]

  /// Intrinsic families without derivative effect.
  static let inactiveIntrinsicPrefixes = [
    "llvm.dbg.", "llvm.lifetime.", "llvm.assume", "llvm.trap", "llvm.debugtrap", "llvm.ubsantrap",
    "llvm.prefetch", "llvm.invariant.", "llvm.experimental.noalias.scope.decl", "llvm.stacksave",
    "llvm.stackrestore", "llvm.expect", "llvm.donothing", "llvm.pseudoprobe", "llvm.sideeffect",
    "llvm.var.annotation", "llvm.ptr.annotation", "llvm.annotation", "llvm.objectsize",
    "llvm.is.constant", "llvm.threadlocal.address", "llvm.is.fpclass", "llvm.lround", "llvm.llround",
    "llvm.lrint", "llvm.llrint", "llvm.fptosi.sat", "llvm.fptoui.sat",
  ]

  static func semantics(of call: Instruction) -> CallSemantics {
    guard let callee = call.calledFunction else {
      return call.calledOperand.isInlineAsm ? InlineAssembly.semantics(of: call) : .indirect
    }
    return semantics(ofName: callee.name, callee: callee, call: call)
  }

  static func semantics(ofName name: String, callee: Function, call: Instruction) -> CallSemantics {
    if name.hasPrefix("llvm.") {
      if name.hasPrefix("llvm.memcpy") || name.hasPrefix("llvm.memmove") { return .memoryTransfer }
      if name.hasPrefix("llvm.memset") { return .memorySet }
      if inactiveIntrinsicPrefixes.contains(where: { name.hasPrefix($0) }) { return .inactive }
    }
    if let rule = DerivativeRules.function(named: name) { return .rule(rule) }
    // A gradient differentiated again (forward over reverse) releases its shadows' blocks as the
    // gradient does, after it or when an exception unwinds through it (`swad.unwind.release`); the
    // outer derivative's copies of them are left to the program's end. Its records of memory
    // without a shadow (`UnshadowedMemory`) are the primal's bookkeeping too.
    if name.hasPrefix("swad.release.") || name == "swad.unwind.release" || name.hasPrefix("swad.unshadowed.")
    {
      return .inactive
    }
    switch name {
    case "malloc", "valloc": return .allocation(.uninitialized(sizeArgument: 0))
    case "aligned_alloc", "memalign": return .allocation(.uninitialized(sizeArgument: 1))
    case "posix_memalign": return .allocation(.writtenThrough)
    case "calloc": return .allocation(.zeroed)
    case "realloc", "reallocarray": return .allocation(.resize)
    case "free":
      return .deallocation
    // A derivative differentiated again: its shadows' own blocks (`ShadowBlocks`) are C blocks.
    case "swad.block.alloc": return .allocation(.uninitialized(sizeArgument: 0))
    case "swad.block.release": return .deallocation
    case "memcpy", "memmove": return .memoryTransfer
    case "memset": return .memorySet
    default: break
    }
    if let swift = SwiftRuntime.semantics(ofName: name) { return swift }
    if let openMP = OpenMPRuntime.semantics(ofName: name) { return openMP }
    if CXXRuntime.isOperatorNew(name) { return .allocation(.uninitialized(sizeArgument: 0)) }
    if CXXRuntime.isOperatorDelete(name) { return .deallocation }
    if inactiveNames.contains(name) || CXXRuntime.isInactive(name) { return .inactive }
    if CXXRuntime.isStringMember(name) || CXXRuntime.isNodeLinking(name)
      || CXXRuntime.isNumberFormatting(name)
    {
      return .mirroredOnShadows
    }
    if let sort = SortRoutine.called(name: name, callee: callee) { return .sort(sort) }
    if let search = SearchRoutine.called(name: name, callee: callee) { return .search(search) }
    if let blas = BLASFunction.called(by: call, callee: callee) { return .blas(blas) }
    if callee.isDeclaration, let mpi = MPIFunction.called(name: name) { return .mpi(mpi) }
    if callee.isDeclaration, isInactiveByAttributes(callee) { return .inactive }
    // A library function that never returns (Swift's `_diagnoseUnexpectedEnumCase`, a fatal error;
    // the call is followed by `unreachable`) ends the program: no derivative runs past it.
    if callee.isDeclaration, callee.hasAttribute("noreturn") || call.next?.opcode == LLVMUnreachable {
      return .inactive
    }
    if callee.isDeclaration, isSwiftFunctionOfNumbers(callee) { return .inactive }
    if SwiftRuntime.worksOnIntegersOnly(call, callee: callee) { return .inactive }
    return callee.isDeclaration ? .unknown(callee) : .defined(callee)
  }

  /// Whether `callee` is a Swift standard-library function (a mangled `$s` name, left a declaration:
  /// it runs in libswiftCore) that takes no pointer and returns no floating-point value: a function
  /// of its numbers whose result has no derivative and which can write nothing of the program's
  /// (`Double.exponent`, an integer conversion). Such a call was refused.
  private static func isSwiftFunctionOfNumbers(_ callee: Function) -> Bool {
    guard callee.name.hasPrefix("$s"), !callee.type.isVariadic else { return false }
    let type = callee.type
    return !type.returnType.containsFloatingPoint && !type.returnType.containsPointer
      && type.parameterTypes.allSatisfy { !$0.containsPointer }
  }

  /// Whether a mirrored call runs only when its target's shadow is not the primal (`unlessConstantShadow`):
  /// when the target may be constant memory, or when the call returns a value that is no shadow (its
  /// mirror is run for its effect alone). A mirror returning a pointer always runs: that is a shadow.
  static func mirrorIsGuarded(_ call: Instruction, targetMayBeConstant: Bool) -> Bool {
    targetMayBeConstant || !call.type.isVoid && !call.type.isPointer
  }

  /// Whether the mirror of `call` on the shadows passes its argument `index` as the primal rather
  /// than the shadow: the characters a `std::string` member reads through a `const char *`
  /// (`_M_replace`, `_M_append`, `_M_construct<const char*>`, `insert`, `assign`) are text, the same
  /// in a shadow string, and their shadow may be no string at all (the buffer of a string stream,
  /// whose object has no constructed shadow): the mirrored copy from it crashed. So is a Swift
  /// dynamic cast's class metadata (forward mode passed its tangent, null, and the cast of a shadow
  /// object crashed). Other pointers stay shadows: a string's own buffer (`_Alloc_hider(char *)`,
  /// `_M_data(char *)`), a string moved from or swapped with.
  static func mirrorPassesPrimal(_ call: Instruction, argument index: Int) -> Bool {
    guard index > 0, let name = call.calledFunction?.name else { return false }
    // A dynamic cast's class metadata is the same for the shadow object.
    if SwiftRuntime.isDynamicCast(name) { return true }
    guard CXXRuntime.isStringMember(name) else { return false }
    return name.containsBytes(of: "PKc") && !name.containsBytes(of: "_Alloc_hider")
  }

  /// The argument whose memory a `mirroredOnShadows` call changes: the object of a C++ member
  /// function (`this`) or of a Swift dynamic cast, otherwise the last pointer argument (the array of Swift's array methods, the
  /// tree header of a red-black tree insert).
  static func mirrorTarget(of call: Instruction) -> Value? {
    if let name = call.calledFunction?.name,
      CXXRuntime.isStringMember(name) || CXXRuntime.isNumberFormatting(name)
        || SwiftRuntime.isDynamicCast(name),
      let object = call.arguments.first, object.type.isPointer
    {
      return object
    }
    return call.arguments.last(where: \.type.isPointer)
  }

  /// A library function that writes none of the program's memory (its `memory(...)` attribute allows
  /// reads at most, besides errno and memory the program cannot reach) and returns neither floats
  /// nor pointers has no derivative: whatever it reads, what comes out is an integer or nothing
  /// (`memcmp`, `strlen`, a hash of a string). A returned pointer could point into active memory,
  /// so such functions stay unknown.
  private static func isInactiveByAttributes(_ callee: Function) -> Bool {
    let result = callee.returnType
    guard !result.containsFloatingPoint, !result.containsPointer else { return false }
    return callee.touchesProgramMemory(writesOnly: true) == false
  }
}
