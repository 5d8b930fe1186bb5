// Enzyme's shadow contexts: derivatives with respect to mutable globals, kept where the caller can
// seed and read them.
import CLLVM
import LLVMBinding

/// Shadows of globals live in swad's own shadow globals (`GlobalShadows`), which each derivative call
/// starts at zero. A context is memory the caller owns that holds one copy of every shadow global
/// per lane, so that the caller can seed tangents of globals before a forward call and read the
/// adjoints of globals after a reverse call:
///
///     void *ctx = __enzyme_context(1);                     // lanes (batch width); zeroed
///     __enzyme_autodiff((void *)f, enzyme_context, ctx, enzyme_out, x);
///     double dw = *(double *)__enzyme_shadow(ctx, &w, 0);  // ∂f/∂w
///     __enzyme_zero_shadows(ctx);                          // ready for the next gradient
///
/// A derivative call given `enzyme_context, ctx` loads the shadow globals from the context instead of
/// zeroing them, and stores them back when it returns (also between `__enzyme_augmentfwd` and
/// `__enzyme_reverse`, where the caller may seed the adjoint of a global the primal wrote). A null
/// context behaves as no context. Contexts are `malloc`ed; `free` releases one. Several contexts may
/// be in use at once (one per model, say); a derivative call inside a differentiated function keeps
/// its own context's globals, since the outer derivative's are stored and reloaded around it
/// only when that call has a context of its own.
///
/// The context's layout (a 16-byte header holding the lane count, then per lane every shadowed
/// global at a 16-byte-aligned offset) is known only once every derivative is made, so the calls
/// are to functions `define(in:)` gives bodies at the end.
enum ShadowContexts {
  static let newName = "swad.context.new"
  static let zeroName = "swad.context.zero"
  static let shadowName = "swad.context.shadow"
  static let enterName = "swad.context.enter"
  static let leaveName = "swad.context.leave"

  /// The user-facing functions and the runtime functions that replace them.
  private static let entryPoints = [
    ("__enzyme_context", newName), ("__enzyme_shadow", shadowName), ("__enzyme_zero_shadows", zeroName),
  ]

  /// Whether `name` is one of the context functions (they are not derivative entry points).
  static func isContextFunction(_ name: String) -> Bool { entryPoints.contains { name.containsBytes(of: $0.0) } }

  /// Rewrites the calls of `__enzyme_context`, `__enzyme_shadow` and `__enzyme_zero_shadows` into calls
  /// of swad's runtime; says whether there were any.
  @discardableResult
  static func rewriteCalls(in module: Module) throws -> Bool {
    var found = false
    for function in module.functions where function.isDeclaration {
      guard let (entry, runtime) = entryPoints.first(where: { function.name.containsBytes(of: $0.0) }) else { continue }
      for user in function.value.users {
        guard let call = user.asInstruction, call.isCall, call.calledOperand == function.value else {
          throw ADError("'\(function.name)' may only be called directly, not passed as a value")
        }
        try rewrite(call, of: entry, calling: runtime, in: module)
        found = true
      }
      if function.value.users.isEmpty { function.erase() }
    }
    return found
  }

  private static func rewrite(_ call: Instruction, of entry: String, calling _: String, in module: Module) throws {
    let context = module.context
    let pointer = IRType.pointer(in: context), i32 = IRType.int(32, in: context)
    let builder = Builder(context: context)
    builder.position(before: call)
    builder.debugLocation = call.debugLocation
    let arguments = call.arguments
    func integer(_ value: Value) -> Value { builder.intCast(value, to: i32, signed: true) }
    func address(_ value: Value) throws -> Value {
      guard value.type.isPointer else { throw ADError("\(entry): expected a pointer, got \(value.type)", at: call) }
      return value
    }
    let result: Value?
    switch entry {
    case "__enzyme_context":
      guard arguments.count == 1, arguments[0].type.isInteger else {
        throw ADError("__enzyme_context takes one integer (the number of lanes)", at: call)
      }
      result = builder.call(runtime(newName, returning: pointer, [i32], in: module), [integer(arguments[0])])
    case "__enzyme_shadow":
      guard arguments.count == 3, arguments[2].type.isInteger else {
        throw ADError("__enzyme_shadow takes the context, the address of a global and a lane", at: call)
      }
      let global = arguments[1].strippingPointerCasts
      if global.isGlobalVariable, global.isGlobalConstant {
        throw ADError(
          "__enzyme_shadow: '\(global.name)' is constant, so it has no derivative and no shadow", at: call)
      }
      result = builder.call(
        runtime(shadowName, returning: pointer, [pointer, pointer, i32], in: module),
        [try address(arguments[0]), try address(arguments[1]), integer(arguments[2])])
    default:
      guard arguments.count == 1 else { throw ADError("__enzyme_zero_shadows takes the context", at: call) }
      builder.call(runtime(zeroName, returning: IRType.void(in: context), [pointer], in: module), [try address(arguments[0])])
      result = nil
    }
    if !call.type.isVoid {
      let replacement = result.map { $0.type == call.type ? $0 : builder.bitCast($0, to: call.type) }
      call.value.replaceAllUses(with: replacement ?? Value.null(call.type))
    }
    call.eraseFromParent()
  }

  /// Loads the shadow globals from `context` before the derivative call `call` and stores them back
  /// after it, instead of zeroing them.
  static func surround(_ call: Instruction, context shadowContext: Value, width: Int, in module: Module) {
    let context = module.context
    let pointer = IRType.pointer(in: context), i32 = IRType.int(32, in: context), void = IRType.void(in: context)
    let builder = Builder(context: context)
    builder.position(before: call)
    builder.debugLocation = call.debugLocation
    let lanes = Value.constInt(i32, Int64(width))
    let contextPointer = shadowContext.type.isPointer
      ? shadowContext : builder.cast(LLVMIntToPtr, shadowContext, to: pointer)
    builder.call(runtime(enterName, returning: void, [pointer, i32], in: module), [contextPointer, lanes])
    guard let next = call.next else { return }
    builder.position(before: next)
    builder.call(runtime(leaveName, returning: void, [pointer, i32], in: module), [contextPointer, lanes])
  }

  private static func runtime(_ name: String, returning result: IRType, _ parameters: [IRType], in module: Module) -> Function {
    module.declareFunction(named: name, type: .function(returning: result, parameters))
  }

  // MARK: - The runtime, defined once every shadow global exists

  /// One shadowed global's place in a context lane.
  private struct Slot {
    let primal: Value
    /// The shadow global of each lane swad made (lane 0 first).
    let shadows: [Value]
    let bytes: Int64
    let offset: Int64
  }

  /// Gives the context functions their bodies. Globals whose shadow a caller asks for but that no
  /// derivative touches get a shadow global here, so that every context slot has one.
  static func define(in module: Module) {
    // A new context is zeroed as `__enzyme_zero_shadows` zeroes one, called or not.
    if module.function(named: newName) != nil {
      _ = runtime(zeroName, returning: IRType.void(in: module.context), [IRType.pointer(in: module.context)], in: module)
    }
    let declared = [newName, zeroName, shadowName, enterName, leaveName].compactMap { module.function(named: $0) }
      .filter(\.isDeclaration)
    guard !declared.isEmpty else { return }
    if let shadow = module.function(named: shadowName) {
      for user in shadow.value.users {
        guard let call = user.asInstruction else { continue }
        let global = call.arguments[1].strippingPointerCasts
        if global.isGlobalVariable, module.global(named: "swad.shadow." + global.name) == nil {
          let made = module.addGlobal(named: "swad.shadow." + global.name, type: global.globalValueType)
          made.initializer = Value.null(global.globalValueType)
          made.linkage = LLVMInternalLinkage
          LLVMSetAlignment(made.ref, max(LLVMGetAlignment(global.ref), 16))
        }
      }
    }
    let slots = layout(in: module)
    let laneBytes = slots.last.map { $0.offset + ($0.bytes + 15) / 16 * 16 } ?? 0
    let emitter = RuntimeEmitter(module: module, slots: slots, laneBytes: laneBytes)
    for function in declared {
      function.linkage = LLVMInternalLinkage
      switch function.name {
      case newName: emitter.defineNew(function)
      case zeroName: emitter.defineZero(function)
      case shadowName: emitter.defineShadow(function)
      case enterName: emitter.defineCopy(function, intoGlobals: true)
      default: emitter.defineCopy(function, intoGlobals: false)
      }
    }
  }

  /// Every global with a shadow global, at its offset in a lane.
  private static func layout(in module: Module) -> [Slot] {
    var shadows: [Value: [Value]] = [:]
    var order: [Value] = []
    for global in module.globals where global.name.hasPrefix("swad.shadow.") {
      guard let primal = GlobalShadows.primalGlobal(of: global, in: module) else { continue }
      if shadows[primal] == nil { order.append(primal) }
      shadows[primal, default: []].append(global)
    }
    var slots: [Slot] = []
    var offset: Int64 = 0
    for primal in order {
      let bytes = Int64(module.allocSize(of: primal.globalValueType))
      // Lane 0 is named without a suffix, lane k with `.k`: sort by that.
      let lanes = shadows[primal]!.sorted { laneIndex($0) < laneIndex($1) }
      slots.append(Slot(primal: primal, shadows: lanes, bytes: bytes, offset: offset))
      offset += (bytes + 15) / 16 * 16
    }
    return slots
  }

  private static func laneIndex(_ shadow: Value) -> Int {
    guard let dot = shadow.name.lastIndex(of: "."), let lane = Int(shadow.name[shadow.name.index(after: dot)...])
    else { return 0 }
    return lane
  }

  /// Emits the bodies of the context functions.
  private struct RuntimeEmitter {
    let module: Module
    let slots: [Slot]
    let laneBytes: Int64

    private var context: Context { module.context }
    private var pointer: IRType { IRType.pointer(in: context) }
    private var i64: IRType { IRType.int(64, in: context) }
    private var i32: IRType { IRType.int(32, in: context) }
    private static let header: Int64 = 16

    /// `new(lanes)`: malloc'd, the lane count in the header, every lane as `zero` leaves it.
    func defineNew(_ function: Function) {
      let builder = entry(of: function)
      let requested = function.parameter(0)
      let lanes = builder.select(builder.icmp(LLVMIntSGT, requested, Value.constInt(i32, 1)), requested, Value.constInt(i32, 1))
      let bytes = builder.add(
        Value.constInt(i64, Self.header), builder.mul(builder.intCast(lanes, to: i64, signed: false), Value.constInt(i64, laneBytes)))
      let malloc = module.declareFunction(named: "malloc", type: .function(returning: pointer, [i64]))
      let made = builder.call(malloc, [bytes], "context")
      builder.store(lanes, to: made)
      builder.call(zeroFunction, [made])
      builder.ret(made)
    }

    private var zeroFunction: Function {
      module.declareFunction(named: zeroName, type: .function(returning: IRType.void(in: context), [pointer]))
    }

    /// `zero(ctx)`: every lane's floats zero; pointers in a global are the primal's (constant
    /// pointers are their own shadows, as in `GlobalShadows.defineReset`).
    func defineZero(_ function: Function) {
      let builder = entry(of: function)
      let contextPointer = function.parameter(0)
      let lanes = builder.load(i32, from: contextPointer, "lanes")
      forEachLane(below: lanes, in: function, builder: builder) { lane in
        for slot in slots {
          let place = address(of: slot, lane: lane, in: contextPointer, builder: builder)
          let bytes = Value.constInt(i64, slot.bytes)
          if slot.primal.globalValueType.containsPointer {
            _ = builder.memcpy(place, slot.primal, length: bytes)
            GlobalShadows.zeroFloatLeaves(of: slot.primal.globalValueType, at: place, builder: builder, module: module)
          } else {
            _ = builder.memset(place, byte: Value.constInt(IRType.int(8, in: context), 0), length: bytes)
          }
        }
      }
      builder.retVoid()
    }

    /// `shadow(ctx, address, lane)`: the address's place in the lane, for an address anywhere inside
    /// a shadowed global; a wrong lane or an address outside them stops the program with a message.
    func defineShadow(_ function: Function) {
      let builder = entry(of: function)
      let contextPointer = function.parameter(0), target = function.parameter(1), lane = function.parameter(2)
      let lanes = builder.load(i32, from: contextPointer, "lanes")
      let inRange = builder.and(
        builder.icmp(LLVMIntSGE, lane, Value.constInt(i32, 0)), builder.icmp(LLVMIntSLT, lane, lanes))
      let laneOK = function.appendBlock(named: "lane.ok"), badLane = function.appendBlock(named: "bad.lane")
      builder.condBr(inRange, laneOK, badLane)
      builder.position(atEndOf: badLane)
      fail("__enzyme_shadow: the lane is outside the context's lanes\n", builder: builder)
      builder.position(atEndOf: laneOK)
      let address = builder.cast(LLVMPtrToInt, target, to: i64)
      for slot in slots {
        let start = builder.cast(LLVMPtrToInt, slot.primal, to: i64)
        let offset = builder.sub(address, start)
        let inside = builder.icmp(LLVMIntULT, offset, Value.constInt(i64, slot.bytes))
        let found = function.appendBlock(named: "found." + slot.primal.name), next = function.appendBlock(named: "next")
        builder.condBr(inside, found, next)
        builder.position(atEndOf: found)
        builder.ret(builder.byteOffset(self.address(of: slot, lane: lane, in: contextPointer, builder: builder), offset))
        builder.position(atEndOf: next)
      }
      fail(
        "__enzyme_shadow: the address is not inside a global that carries derivatives (only globals that the "
          + "differentiated code or a call of __enzyme_shadow names have shadows)\n", builder: builder)
    }

    /// `enter(ctx, width)` copies the context's lanes below `width` into the shadow globals (a null
    /// context zeroes them, as a call without a context does); `leave(ctx, width)` copies them back.
    func defineCopy(_ function: Function, intoGlobals: Bool) {
      let builder = entry(of: function)
      let contextPointer = function.parameter(0), width = function.parameter(1)
      let some = function.appendBlock(named: "context"), none = function.appendBlock(named: "no.context")
      builder.condBr(builder.icmp(LLVMIntEQ, contextPointer, Value.null(pointer)), none, some)
      builder.position(atEndOf: none)
      if intoGlobals {
        builder.call(module.declareFunction(named: GlobalShadows.resetName, type: .function(returning: IRType.void(in: context), [])), [])
      }
      builder.retVoid()
      builder.position(atEndOf: some)
      let lanes = builder.load(i32, from: contextPointer, "lanes")
      let enough = function.appendBlock(named: "lanes.ok"), tooFew = function.appendBlock(named: "too.few.lanes")
      builder.condBr(builder.icmp(LLVMIntSGE, lanes, width), enough, tooFew)
      builder.position(atEndOf: tooFew)
      fail("swad: a derivative call of width N was given a shadow context with fewer than N lanes\n", builder: builder)
      builder.position(atEndOf: enough)
      for slot in slots {
        for (lane, shadow) in slot.shadows.enumerated() {
          let place = address(of: slot, lane: Value.constInt(i32, Int64(lane)), in: contextPointer, builder: builder)
          let used = builder.icmp(LLVMIntSLT, Value.constInt(i32, Int64(lane)), width)
          let bytes = builder.select(used, Value.constInt(i64, slot.bytes), Value.constInt(i64, 0))
          if intoGlobals {
            _ = builder.memcpy(shadow, place, length: bytes)
          } else {
            _ = builder.memcpy(place, shadow, length: bytes)
          }
        }
      }
      builder.retVoid()
    }

    private func entry(of function: Function) -> Builder {
      let builder = Builder(context: context)
      builder.position(atEndOf: function.appendBlock(named: "entry"))
      return builder
    }

    private func address(of slot: Slot, lane: Value, in contextPointer: Value, builder: Builder) -> Value {
      let laneStart = builder.mul(builder.intCast(lane, to: i64, signed: false), Value.constInt(i64, laneBytes))
      let offset = builder.add(laneStart, Value.constInt(i64, Self.header + slot.offset))
      return builder.byteOffset(contextPointer, offset)
    }

    private func forEachLane(below lanes: Value, in function: Function, builder: Builder, _ body: (Value) -> Void) {
      let before = builder.insertBlock
      let loop = function.appendBlock(named: "lane"), done = function.appendBlock(named: "lanes.done")
      builder.condBr(builder.icmp(LLVMIntSGT, lanes, Value.constInt(i32, 0)), loop, done)
      builder.position(atEndOf: loop)
      let lane = builder.phi(i32, "lane")
      body(lane.value)
      let next = builder.add(lane.value, Value.constInt(i32, 1))
      lane.addIncoming([(Value.constInt(i32, 0), before), (next, builder.insertBlock)])
      builder.condBr(builder.icmp(LLVMIntSLT, next, lanes), loop, done)
      builder.position(atEndOf: done)
    }

    private func fail(_ text: String, builder: Builder) {
      let message = LLVMBuildGlobalStringPtr(builder.ref, text, "swad.context.message")!
      builder.call(
        module.writeFunction,
        [Value.constInt(i32, 2), Value(message), Value.constInt(i64, Int64(text.utf8.count))])
      builder.call(module.abortFunction, [])
      builder.unreachable()
    }
  }
}
