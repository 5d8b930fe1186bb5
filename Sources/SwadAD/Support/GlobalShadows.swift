// Shadows of mutable globals that may carry active data.
import CLLVM
import LLVMBinding

/// The module's mutable globals that hold floating-point data (or pointers) and may be written while
/// a derivative runs get shadow globals, made on first use: `@"swad.shadow.<name>"` (one per batch
/// lane), internal and zero-initialized. Constant globals (tables) are inactive, as are globals
/// listed in `__enzyme_inactive_global`, strings, and globals only the code outside the derivatives
/// writes (weights a C program fills in `main` and its network only reads): each derivative call
/// starts the shadows at zero and nothing in it writes the global, so a tangent read from it is
/// zero and an adjoint added to it goes nowhere. Accumulating those adjoints cost as much as the
/// derivative the caller asked for (a network's weight gradient beside its input Jacobian), and
/// zeroing them once per call more. Where the module uses shadow contexts, a caller may read them
/// (`__enzyme_shadow`: the gradient with respect to the weights), and every written global keeps
/// its shadow.
final class GlobalShadows {
  let module: Module
  private var candidates: Set<Value> = []
  private var made: [Value: [Value]] = [:]
  private var zeroShadows: [String: Value] = [:]
  private var touching: [Function: Bool] = [:]

  /// `reached`: the functions the differentiated code may call (`UnoptimizedInput.reachableFunctions`).
  init(module: Module, reached: [Function]) {
    self.module = module
    let usesContexts = module.functions.contains {
      ShadowContexts.isContextFunction($0.name) || $0.name.hasPrefix("swad.context.")
    }
    let during: Set<Function>? = usesContexts ? nil : Set(reached)
    var inactive: Set<Value> = []
    for global in module.globals where global.name.containsBytes(of: "__enzyme_inactive_global") {
      if let initializer = global.initializer {
        let count = Int(LLVMGetNumOperands(initializer.ref))
        for index in 0..<count {
          inactive.insert(Value(LLVMGetOperand(initializer.ref, UInt32(index))!).strippingPointerCasts)
        }
        if count == 0 { inactive.insert(initializer.strippingPointerCasts) }
      }
    }
    for global in module.globals
    where !global.isGlobalConstant && !global.name.hasPrefix("llvm.") && !global.name.hasPrefix("__enzyme_")
      && !global.name.hasPrefix("swad.release.")
      && !Self.isSwiftRuntimeObject(global.name) && !CXXRuntime.libraryStateGlobals.contains(global.name)
      && !ActivityMarker.isMarkerName(global.name) && !inactive.contains(global)
      && !CXXRuntime.holdsOnlyStrings(global.globalValueType)
      && ((ActivityAnalysis.canCarryDerivative(global.globalValueType)
        && (Self.isWritten(global, during: during) || Self.isWrittenThrough(global)))
        || Self.isStorageOfData(global))
    {
      candidates.insert(global)
    }
  }

  // MARK: - One derivative's shadows at a time

  /// The function that zeroes every shadow global swad made (`defineReset`).
  static let resetName = "swad.shadow.globals.reset"

  /// Shadow globals are swad's own: no caller can seed or read them. Each derivative call (forward,
  /// combined reverse, or the augmented half of split mode) starts them at zero, so that one call's
  /// tangents or adjoints never leak into the next. The call made here is defined at the end
  /// (`defineReset`), when every shadow global is known.
  static func resetBefore(_ call: Instruction, in module: Module) {
    module.callDeclaredFunction(named: resetName, before: call)
  }

  /// Gives the reset function its body: each shadow global starts as its primal's pointers (constant
  /// pointers are their own shadows, `ConstantShadows`: what the program stored there before the call
  /// carries no derivative) and zero floats; zero shadows start at zero. Without any, the calls and
  /// the function go.
  static func defineReset(in module: Module) {
    guard let reset = module.function(named: resetName), reset.isDeclaration else { return }
    let shadows = module.globals.filter {
      $0.name.hasPrefix("swad.shadow.") || $0.name.hasPrefix("swad.zero.reverse.")
    }
    guard !shadows.isEmpty else {
      for call in reset.value.users { call.asInstruction?.eraseFromParent() }
      reset.erase()
      return
    }
    reset.linkage = LLVMInternalLinkage
    let builder = Builder(context: module.context)
    builder.position(atEndOf: reset.appendBlock(named: "entry"))
    let i64 = IRType.int(64, in: module.context)
    for global in shadows {
      let type = global.globalValueType
      let bytes = Value.constInt(i64, Int64(module.allocSize(of: type)))
      guard type.containsPointer, let primal = primalGlobal(of: global, in: module) else {
        _ = builder.memset(global, byte: Value.constInt(IRType.int(8, in: module.context), 0), length: bytes)
        continue
      }
      _ = builder.memcpy(global, primal, length: bytes)
      zeroFloatLeaves(of: type, at: global, builder: builder, module: module)
    }
    builder.retVoid()
  }

  /// The primal of a shadow global, by name (`swad.shadow.<name>`, then `.<lane>` for lanes after the
  /// first).
  static func primalGlobal(of shadow: Value, in module: Module) -> Value? {
    let name = String(shadow.name.dropFirst("swad.shadow.".count))
    if let primal = module.global(named: name) { return primal }
    guard let dot = name.lastIndex(of: "."), Int(name[name.index(after: dot)...]) != nil else { return nil }
    return module.global(named: String(name[..<dot]))
  }

  /// Stores zero into every floating-point leaf of a `type` value at `pointer` (loops over arrays).
  static func zeroFloatLeaves(of type: IRType, at pointer: Value, builder: Builder, module: Module) {
    let i32 = IRType.int(32, in: module.context)
    let i64 = IRType.int(64, in: module.context)
    if type.isFloatingPointOrVector {
      builder.store(Value.null(type), to: pointer)
    } else if type.isStruct {
      for (index, element) in type.structElements.enumerated() where element.containsFloatingPoint {
        let field = builder.gep(type, pointer, [Value.constInt(i32, 0), Value.constInt(i32, Int64(index))])
        zeroFloatLeaves(of: element, at: field, builder: builder, module: module)
      }
    } else if type.isArray, type.elementType.containsFloatingPoint {
      let function = builder.insertBlock.parent
      let before = builder.insertBlock
      let loop = function.appendBlock(named: "zero")
      let done = function.appendBlock(named: "zeroed")
      builder.br(loop)
      builder.position(atEndOf: loop)
      let index = builder.phi(i64, "i")
      let element = builder.gep(type, pointer, [Value.constInt(i64, 0), index.value])
      zeroFloatLeaves(of: type.elementType, at: element, builder: builder, module: module)
      let next = builder.add(index.value, Value.constInt(i64, 1))
      index.addIncoming([(Value.constInt(i64, 0), before), (next, builder.insertBlock)])
      builder.condBr(builder.icmp(LLVMIntULT, next, Value.constInt(i64, Int64(type.arrayLength))), loop, done)
      builder.position(atEndOf: done)
    }
  }

  /// The Swift runtime's own objects (the empty array storage, metadata, type descriptors): they hold
  /// no program data, and a zeroed copy of one is not a valid object.
  private static func isSwiftRuntimeObject(_ name: String) -> Bool {
    name.hasPrefix("_swift") || name.hasPrefix("swift_") || name.hasPrefix("$s") || name.hasPrefix("_$s")
  }

  /// Whether the global may be written while a derivative runs: by a store or call in a function of
  /// `reached` (through constant GEPs too; nil: any function of the module), or through its address
  /// where that escapes and may be written unseen: returned (a pool handing out slots), stored into
  /// memory, or kept by a function the code outside the derivatives hands it to.
  private static func isWritten(_ value: Value, during reached: Set<Function>?) -> Bool {
    var seen: Set<Value> = []
    return isWritten(value, during: reached, seen: &seen)
  }

  private static func isWritten(_ value: Value, during reached: Set<Function>?, seen: inout Set<Value>)
    -> Bool
  {
    guard seen.insert(value).inserted else { return false }
    for user in value.users {
      if let instruction = user.asInstruction {
        let inside = reached?.contains(instruction.function) ?? true
        switch instruction.opcode {
        case LLVMStore:
          // Outside, a store into the global happens before or after the derivatives, not in them.
          if inside || instruction.operand(0) == value { return true }
        case LLVMCall, LLVMInvoke:
          if inside || keepsArgument(value, of: instruction, during: reached, seen: &seen) { return true }
        case LLVMRet: return true
        case LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast, LLVMSelect, LLVMPHI:
          if isWritten(user, during: reached, seen: &seen) { return true }
        default: continue
        }
      } else if LLVMIsAConstantExpr(user.ref) != nil, isWritten(user, during: reached, seen: &seen) {
        return true
      }
    }
    return false
  }

  /// Whether `call`, outside the derivatives, may keep `pointer` where a derivative may write through
  /// it: a derivative's entry point, a function the derivatives reach, or one whose parameter escapes
  /// in turn. Another declared function (`memset`, `fread`) writes then or not at all: the
  /// derivatives cannot call code that writes through an address it kept without a body swad sees.
  private static func keepsArgument(
    _ pointer: Value, of call: Instruction, during reached: Set<Function>?, seen: inout Set<Value>
  ) -> Bool {
    guard let reached else { return true }
    guard let callee = call.calledFunction else { return true }
    // Handed to a derivative, the address is the differentiated code's to write through.
    if callee.name.containsBytes(of: "__enzyme_") { return true }
    if callee.isDeclaration { return false }
    if reached.contains(callee) { return true }
    for (index, argument) in call.arguments.enumerated() where argument == pointer {
      guard index < callee.parameters.count else { return true }
      if isWritten(callee.parameter(index), during: reached, seen: &seen) { return true }
    }
    return false
  }

  /// Whether the global is an array of bytes (or a record holding one) that the module stores
  /// floating-point values or pointers into, here or in the functions it hands an address in it to
  /// (two calls deep): storage objects are made in (`alignas(16) static unsigned char buf[256]`, or
  /// an `Arena` object's buffer; placement `new (buf) G(2 * p[0])`).
  /// Without a shadow, the values' derivatives were lost where a function called with no active
  /// argument (a virtual call on the object) read them: silently 0 in both modes.
  private static func isStorageOfData(_ global: Value) -> Bool {
    // Bytes, or a record holding them (an `Arena` class with its `unsigned char buf[256]`).
    func holdsBytes(_ type: IRType) -> Bool {
      if type.isArray { return type.elementType.isInteger && type.elementType.integerWidth == 8 }
      return type.isStruct && type.structElements.contains(where: holdsBytes)
    }
    guard holdsBytes(global.globalValueType) else { return false }
    return WritesThroughPointers.contains(from: [global], depth: 2) { write in
      guard let stored = write.storedType else { return false }
      return stored.containsFloatingPoint || stored.containsPointer
    }
  }

  /// Whether a pointer the global holds is written through (`double *work`, a buffer the program
  /// allocated: `work[i] = …`), here or in a function it is handed to (`fill(work, x)`, four calls
  /// deep); the pointer may be an element or a field of the global (`static double *bufs[4]`, a
  /// workspace struct). The global then has a shadow too: it starts as the primal's pointers
  /// (constant data), so that the functions reading the buffer are differentiated and their reads
  /// checked (`UnshadowedMemory`), even where the derivative calls them with no active argument.
  /// Written only in a callee (`fill(work, x); return energy(work)`, neither inlined), or through
  /// an element (`bufs[h][i] = v` and `bufs[h][i]` read in two helpers), the derivative was silently
  /// 0 in both modes.
  private static func isWrittenThrough(_ global: Value) -> Bool {
    guard global.globalValueType.containsPointer else { return false }
    var seen: Set<Value> = []
    // The loads of pointers out of the global, through constant and instruction GEPs and casts.
    var loads: [Value] = []
    var addresses = [global]
    while let address = addresses.popLast() {
      guard seen.insert(address).inserted else { continue }
      for user in address.users {
        if LLVMIsAConstantExpr(user.ref) != nil {
          addresses.append(user)
          continue
        }
        guard let instruction = user.asInstruction else { continue }
        switch instruction.opcode {
        case LLVMLoad:
          if instruction.operand(0) == address, instruction.type.isPointer { loads.append(instruction.value) }
        case LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast:
          if instruction.operand(0) == address { addresses.append(instruction.value) }
        default: continue
        }
      }
    }
    return WritesThroughPointers.contains(from: loads, depth: 4) { $0.storedType != nil }
  }

  /// The global a constant pointer is based on, through constant GEPs and casts.
  private static func baseGlobal(_ value: Value) -> Value? {
    if value.isGlobalVariable { return value }
    guard LLVMIsAConstantExpr(value.ref) != nil else { return nil }
    switch LLVMGetConstOpcode(value.ref) {
    case LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast:
      return baseGlobal(Value(LLVMGetOperand(value.ref, 0)))
    default: return nil
    }
  }

  /// Whether `value` is a shadowed global or a constant pointer into one, or a thread-local
  /// shadowed global's address in this thread (`threadLocalGlobal`).
  func isShadowed(_ value: Value) -> Bool {
    if let global = Self.threadLocalGlobal(value) { return candidates.contains(global) }
    guard value.isConstant, let base = Self.baseGlobal(value) else { return false }
    return candidates.contains(base)
  }

  /// The global of a `llvm.threadlocal.address` call, C's and C++'s way to a `_Thread_local` or
  /// `thread_local` global. Its shadow is the shadow global's address, itself thread-local: the
  /// intrinsic only keeps passes from reusing an address across a coroutine's suspension, which a
  /// derivative has none of. Taken for inactive, a thread-local accumulator written in one function
  /// and read in another (`put(&t, x); return get(&t);`) gave a silently 0 derivative.
  static func threadLocalGlobal(_ value: Value) -> Value? {
    guard let call = value.asInstruction, call.isCall, call.arguments.count == 1,
      call.calledFunction?.name.hasPrefix("llvm.threadlocal.address") == true,
      call.arguments[0].isGlobalVariable
    else { return nil }
    return call.arguments[0]
  }

  /// The shadow of a shadowed global, or of a constant GEP or cast of one, in batch lane `lane`.
  func shadow(of value: Value, lane: Int) -> Value? {
    guard isShadowed(value) else { return nil }
    if let global = Self.threadLocalGlobal(value) { return shadowGlobal(global, lane: lane) }
    if value.isGlobalVariable { return shadowGlobal(value, lane: lane) }
    let base = shadow(of: Value(LLVMGetOperand(value.ref, 0)), lane: lane)!
    switch LLVMGetConstOpcode(value.ref) {
    case LLVMGetElementPtr:
      var indices: [LLVMValueRef?] = (1..<Int(LLVMGetNumOperands(value.ref))).map {
        LLVMGetOperand(value.ref, UInt32($0))
      }
      let sourceType = LLVMGetGEPSourceElementType(value.ref)
      return Value(LLVMConstGEP2(sourceType, base.ref, &indices, UInt32(indices.count)))
    default:
      return base
    }
  }

  /// Whether `function`, or a function it calls, uses a shadowed global: a call of it then needs its
  /// derivative even when no argument is active.
  func isTouched(by function: Function) -> Bool {
    if let known = touching[function] { return known }
    touching[function] = false  // recursion: assume no until shown otherwise
    var found = false
    search: for block in function.blocks {
      for instruction in block.instructions {
        for operand in instruction.operands where isShadowed(operand) {
          found = true
          break search
        }
        if instruction.isCall, let callee = instruction.calledFunction, !callee.isDeclaration,
          isTouched(by: callee)
        {
          found = true
          break search
        }
      }
    }
    touching[function] = found
    return found
  }

  /// The shadow of a global, or a constant pointer into one, that carries no derivative (a constant
  /// table) but must have a shadow where it meets a pointer that has one (`p = c ? x : table`): a
  /// zero-filled copy, so that tangents read from it are zero and adjoints written to it go nowhere.
  /// Reverse mode has its own (adjoints accumulate in it), so forward mode's stays zero.
  func zeroShadow(of value: Value, forReverseMode reverse: Bool = false) -> Value? {
    // The runtime's empty collection storage is never written: it is its own shadow (a shadow array
    // that starts empty is a valid empty array, for the runtime functions that take one).
    if value.isConstant, let base = Self.baseGlobal(value), SwiftRuntime.isEmptyStorage(base.name) {
      return value
    }
    guard value.isConstant, let base = Self.baseGlobal(value), !Self.isSwiftRuntimeObject(base.name) else {
      return nil
    }
    if let shadow = shadow(of: value, lane: 0) { return shadow }
    let name = (reverse ? "swad.zero.reverse." : "swad.zero.") + base.name
    let zero =
      zeroShadows[name]
      ?? {
        let made = module.addGlobal(named: name, type: base.globalValueType)
        made.initializer = Value.null(base.globalValueType)
        made.linkage = LLVMInternalLinkage
        LLVMSetAlignment(made.ref, LLVMGetAlignment(base.ref))
        zeroShadows[name] = made
        return made
      }()
    return Self.rebase(value, onto: zero, from: base)
  }

  /// The object a shadow `swift_initStaticObject` call makes: the call's object (a global, or a
  /// constant GEP into one past its once-token) moved onto `@"swad.static.<global>"` (reverse mode:
  /// `swad.static.reverse.`), a global laid out like the primal's, with its header (counts,
  /// capacities) and pointers, and zero in every floating-point leaf and every integer word of its
  /// elements: an enum's `Double` payload is an `i64` there (`[Op]` literal of `.const(2, 0.25)`),
  /// and a shadow holding its bits gave the constant's bits as its tangent wherever the interpreter
  /// stores the payload word into a `[Double]`. The call makes its header once, as for the primal.
  /// Nothing resets it: forward mode never writes it, and the adjoints reverse mode adds to it belong
  /// to constants.
  static func staticObjectShadow(of call: Instruction, reverseMode: Bool, module: Module) throws -> Value {
    let object = call.arguments.count == 2 ? call.arguments[1] : nil
    guard let object, let global = baseGlobal(object), let initializer = global.initializer else {
      throw ADError(
        "cannot differentiate this 'swift_initStaticObject': its object is not a global's", at: call)
    }
    let name = (reverseMode ? "swad.static.reverse." : "swad.static.") + global.name
    let shadow =
      module.global(named: name)
      ?? {
        let made = module.addGlobal(named: name, type: global.globalValueType)
        made.initializer = zeroingElementWords(of: zeroingFloatLeaves(of: initializer), module: module)
        made.linkage = LLVMInternalLinkage
        LLVMSetAlignment(made.ref, LLVMGetAlignment(global.ref))
        return made
      }()
    return rebase(object, onto: shadow, from: global)
  }

  /// A static object's initializer (`{ once-token, <{ header, body, elements… }> }`) with every
  /// integer of 4 or 8 bytes among its elements zero (constant expressions, addresses, stay): what
  /// lies past the object's first 32 bytes (metadata, reference count, count, capacity).
  private static func zeroingElementWords(of initializer: Value, module: Module) -> Value {
    let type = initializer.type
    guard type.isStruct, type.structElements.count == 2, type.structElements[1].isStruct,
      LLVMIsAConstantAggregateZero(initializer.ref) == nil
    else { return initializer }
    let object = Value(LLVMGetAggregateElement(initializer.ref, 1))
    let fields = object.type.structElements
    guard LLVMIsAConstantAggregateZero(object.ref) == nil else { return initializer }
    func zeroingWords(_ constant: Value) -> Value {
      let type = constant.type
      if type.isInteger, [32, 64].contains(type.integerWidth), LLVMIsAConstantInt(constant.ref) != nil {
        return Value.null(type)
      }
      guard type.isStruct || type.isArray, LLVMIsAConstantAggregateZero(constant.ref) == nil,
        !constant.isUndef,
        !constant.isPoison
      else { return constant }
      let count = type.isStruct ? type.structElements.count : Int(type.arrayLength)
      var elements: [LLVMValueRef?] = (0..<count).map {
        zeroingWords(Value(LLVMGetAggregateElement(constant.ref, UInt32($0)))).ref
      }
      if type.isStruct { return Value(LLVMConstNamedStruct(type.ref, &elements, UInt32(count))) }
      return Value(LLVMConstArray2(type.elementType.ref, &elements, UInt64(count)))
    }
    // The reference-counted header and the array body (count, capacity) stay as they are.
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    var members: [LLVMValueRef?] = (0..<fields.count).map { index in
      let member = Value(LLVMGetAggregateElement(object.ref, UInt32(index)))
      let offset = LLVMOffsetOfElement(dataLayout, object.type.ref, UInt32(index))
      return (offset < 32 ? member : zeroingWords(member)).ref
    }
    let body = Value(
      object.type.structName == nil
        ? LLVMConstStructInContext(
          LLVMGetTypeContext(object.type.ref), &members, UInt32(fields.count),
          LLVMIsPackedStruct(object.type.ref))
        : LLVMConstNamedStruct(object.type.ref, &members, UInt32(fields.count)))
    var outer: [LLVMValueRef?] = [LLVMGetAggregateElement(initializer.ref, 0), body.ref]
    guard type.structName != nil else {
      return Value(
        LLVMConstStructInContext(LLVMGetTypeContext(type.ref), &outer, 2, LLVMIsPackedStruct(type.ref)))
    }
    return Value(LLVMConstNamedStruct(type.ref, &outer, 2))
  }

  /// A constant like `constant` with every floating-point leaf zero.
  private static func zeroingFloatLeaves(of constant: Value) -> Value {
    let type = constant.type
    if type.isFloatingPointOrVector { return Value.null(type) }
    guard type.containsFloatingPoint, type.isStruct || type.isArray,
      LLVMIsAConstantAggregateZero(constant.ref) == nil, !constant.isUndef, !constant.isPoison
    else { return constant }
    let count = type.isStruct ? type.structElements.count : Int(type.arrayLength)
    var elements: [LLVMValueRef?] = (0..<count).map {
      zeroingFloatLeaves(of: Value(LLVMGetAggregateElement(constant.ref, UInt32($0)))).ref
    }
    if type.isStruct { return Value(LLVMConstNamedStruct(type.ref, &elements, UInt32(count))) }
    return Value(LLVMConstArray2(type.elementType.ref, &elements, UInt64(count)))
  }

  /// `value` (the global `base` or a constant GEP or cast of it) with `base` replaced by `other`.
  private static func rebase(_ value: Value, onto other: Value, from base: Value) -> Value {
    if value == base { return other }
    let inner = rebase(Value(LLVMGetOperand(value.ref, 0)), onto: other, from: base)
    guard LLVMGetConstOpcode(value.ref) == LLVMGetElementPtr else { return inner }
    var indices: [LLVMValueRef?] = (1..<Int(LLVMGetNumOperands(value.ref))).map {
      LLVMGetOperand(value.ref, UInt32($0))
    }
    return Value(
      LLVMConstGEP2(LLVMGetGEPSourceElementType(value.ref), inner.ref, &indices, UInt32(indices.count)))
  }

  private func shadowGlobal(_ global: Value, lane: Int) -> Value {
    if let lanes = made[global], lane < lanes.count { return lanes[lane] }
    var lanes = made[global] ?? []
    while lanes.count <= lane {
      let suffix = lanes.isEmpty ? "" : ".\(lanes.count)"
      let shadow = module.addGlobal(
        named: "swad.shadow." + global.name + suffix, type: global.globalValueType)
      shadow.initializer = Value.null(global.globalValueType)
      shadow.linkage = LLVMInternalLinkage
      LLVMSetAlignment(shadow.ref, LLVMGetAlignment(global.ref))
      LLVMSetThreadLocal(shadow.ref, LLVMIsThreadLocal(global.ref))
      lanes.append(shadow)
    }
    made[global] = lanes
    return lanes[lane]
  }
}

extension GlobalShadows {
  /// Whether the constant `value` points into data that can be its own shadow: a function, or a
  /// constant global that holds no floating-point value (in practice Swift's type metadata and
  /// protocol witness tables: the constant globals of C get their zero shadows first, `zeroShadow`). An existential container keeps its
  /// value's type metadata and witness table beside the value; with null in their place, the
  /// shadow container could not be copied, projected or destroyed by the runtime (a `[any Model]`'s
  /// gradient came out 0, or crashed). Nothing differentiated reads a derivative out of such data,
  /// and nothing writes it.
  static func isOwnShadow(_ value: Value) -> Bool {
    guard value.type.isPointer, value.isConstant else { return false }
    var current = value.ref
    while LLVMIsAConstantExpr(current) != nil {
      let opcode = LLVMGetConstOpcode(current)
      guard opcode == LLVMGetElementPtr || opcode == LLVMBitCast || opcode == LLVMAddrSpaceCast,
        let base = LLVMGetOperand(current, 0)
      else { return false }
      current = base
    }
    if LLVMIsAFunction(current) != nil { return true }
    guard LLVMIsAGlobalVariable(current) != nil, LLVMIsGlobalConstant(current) != 0 else { return false }
    return !IRType(LLVMGlobalGetValueType(current)).containsFloatingPoint
  }
}
