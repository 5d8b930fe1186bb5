// An LLVM module: reading and writing it, verifying, linking, and walking its functions and globals.
import CLLVM

/// An owned LLVM module. It is disposed when released, unless it was consumed by linking it into
/// another module.
public final class Module {
  public let ref: LLVMModuleRef
  /// The context the module lives in; held so that it outlives the module.
  public let context: Context
  private var owned = true

  /// Creates an empty module.
  public init(name: String, context: Context) {
    self.context = context
    ref = LLVMModuleCreateWithNameInContext(name, context.ref)
  }

  private init(adopting ref: LLVMModuleRef, context: Context) {
    self.ref = ref
    self.context = context
  }

  deinit { if owned { LLVMDisposeModule(ref) } }

  // MARK: - Reading

  /// Whether `bytes` start like LLVM bitcode (raw, or in the bitcode wrapper Apple platforms use).
  public static func looksLikeBitcode(_ bytes: [UInt8]) -> Bool {
    bytes.starts(with: [0x42, 0x43, 0xC0, 0xDE]) || bytes.starts(with: [0xDE, 0xC0, 0x17, 0x0B])
  }

  /// Reads a module from bitcode or textual IR, told apart by content. `name` names the input in errors.
  public static func parse(_ bytes: [UInt8], name: String, context: Context) throws -> Module {
    _ = context.takeDiagnostics()
    let buffer = bytes.withUnsafeBufferPointer { raw in
      raw.withMemoryRebound(to: CChar.self) { chars in
        LLVMCreateMemoryBufferWithMemoryRangeCopy(chars.baseAddress, chars.count, name)
      }
    }
    var module: LLVMModuleRef?
    if looksLikeBitcode(bytes) {
      defer { LLVMDisposeMemoryBuffer(buffer) }
      let failed = LLVMParseBitcodeInContext2(context.ref, buffer, &module) != 0
      let diagnostics = context.takeDiagnostics()
      guard !failed, let module else {
        throw LLVMError.malformedInput(
          name: name, message: diagnostics.first ?? "invalid bitcode")
      }
      return Module(adopting: module, context: context)
    }
    // LLVMParseIRInContext takes ownership of the buffer.
    var message: UnsafeMutablePointer<CChar>?
    let failed = LLVMParseIRInContext(context.ref, buffer, &module, &message) != 0
    let text = takeMessage(message)
    _ = context.takeDiagnostics()
    guard !failed, let module else {
      throw LLVMError.malformedInput(name: name, message: text.isEmpty ? "invalid IR" : text)
    }
    return Module(adopting: module, context: context)
  }

  // MARK: - Writing

  /// The module as bitcode.
  public func bitcode() -> [UInt8] {
    let buffer = LLVMWriteBitcodeToMemoryBuffer(ref)!
    defer { LLVMDisposeMemoryBuffer(buffer) }
    let start = UnsafeRawPointer(LLVMGetBufferStart(buffer)!)
    return Array(UnsafeRawBufferPointer(start: start, count: LLVMGetBufferSize(buffer)))
  }

  /// The module as textual IR.
  public func text() -> String { takeMessage(LLVMPrintModuleToString(ref)) }

  /// Removes all debug info: locations, variable records, the compile units.
  public func stripDebugInfo() { _ = LLVMStripModuleDebugInfo(ref) }

  // MARK: - Checking and combining

  /// Runs the IR verifier; throws its message if the module is invalid.
  public func verify() throws {
    var message: UnsafeMutablePointer<CChar>?
    let broken = LLVMVerifyModule(ref, LLVMReturnStatusAction, &message) != 0
    let text = takeMessage(message)
    if broken { throw LLVMError.verificationFailed(text.trimmingTrailingNewlines()) }
  }

  /// Links `other` into this module (LTO style). `other` is consumed: it must not be used afterwards.
  public func link(consuming other: Module) throws {
    precondition(other.context === context, "modules must share a context to be linked")
    precondition(other.owned, "module was already consumed")
    _ = context.takeDiagnostics()
    other.owned = false
    if LLVMLinkModules2(ref, other.ref) != 0 {
      throw LLVMError.linkFailed(context.takeDiagnostics().joined(separator: "; "))
    }
  }

  /// Runs a new-pass-manager pipeline given as text (`"default<O2>"`, `"function(sroa,instcombine)"`).
  public func runPasses(
    _ pipeline: String, options tuning: PassOptions = PassOptions(),
    targetMachine: TargetMachine? = nil
  ) throws {
    let options = LLVMCreatePassBuilderOptions()
    defer { LLVMDisposePassBuilderOptions(options) }
    LLVMPassBuilderOptionsSetLoopVectorization(options, tuning.loopVectorization ? 1 : 0)
    LLVMPassBuilderOptionsSetSLPVectorization(options, tuning.slpVectorization ? 1 : 0)
    LLVMPassBuilderOptionsSetLoopUnrolling(options, tuning.loopUnrolling ? 1 : 0)
    LLVMPassBuilderOptionsSetLoopInterleaving(options, tuning.loopInterleaving ? 1 : 0)
    LLVMPassBuilderOptionsSetVerifyEach(options, tuning.verifyEach ? 1 : 0)
    if let error = LLVMRunPasses(ref, pipeline, targetMachine?.ref, options) {
      throw LLVMError.passPipeline(pipeline: pipeline, message: consumeError(error))
    }
  }

  // MARK: - Properties

  /// The module's name (`; ModuleID`).
  public var identifier: String {
    get {
      var length = 0
      guard let chars = LLVMGetModuleIdentifier(ref, &length) else { return "" }
      return String(decoding: UnsafeRawBufferPointer(start: chars, count: length), as: UTF8.self)
    }
    set { LLVMSetModuleIdentifier(ref, newValue, newValue.utf8.count) }
  }

  public var targetTriple: String {
    get { String(cString: LLVMGetTarget(ref)) }
    set { LLVMSetTarget(ref, newValue) }
  }

  public var dataLayout: String {
    get { String(cString: LLVMGetDataLayoutStr(ref)) }
    set { LLVMSetDataLayout(ref, newValue) }
  }

  /// The byte size LLVM allocates for a value of `type` under this module's data layout.
  public func allocSize(of type: IRType) -> UInt64 {
    LLVMABISizeOfType(LLVMGetModuleDataLayout(ref), type.ref)
  }

  /// The store size of `type` in bytes (without tail padding).
  public func storeSize(of type: IRType) -> UInt64 {
    LLVMStoreSizeOfType(LLVMGetModuleDataLayout(ref), type.ref)
  }

  public func abiAlignment(of type: IRType) -> UInt32 {
    LLVMABIAlignmentOfType(LLVMGetModuleDataLayout(ref), type.ref)
  }

  // MARK: - Functions and globals

  /// The module's functions, definitions and declarations, in order.
  public var functions: [Function] {
    intrusiveList(first: LLVMGetFirstFunction(ref), next: LLVMGetNextFunction, Function.init)
  }

  public func function(named name: String) -> Function? {
    LLVMGetNamedFunction(ref, name).map(Function.init)
  }

  /// Adds a function with `name` and `type`; LLVM renames it if the name is taken.
  public func addFunction(named name: String, type: IRType) -> Function {
    Function(LLVMAddFunction(ref, name, type.ref))
  }

  /// The declaration of `name` with `type`, added if the module lacks one.
  public func declareFunction(named name: String, type: IRType) -> Function {
    if let existing = function(named: name) { return existing }
    return addFunction(named: name, type: type)
  }

  public var globals: [Value] {
    intrusiveList(first: LLVMGetFirstGlobal(ref), next: LLVMGetNextGlobal, Value.init)
  }

  public func global(named name: String) -> Value? { LLVMGetNamedGlobal(ref, name).map(Value.init) }

  public func addGlobal(named name: String, type: IRType) -> Value {
    Value(LLVMAddGlobal(ref, type.ref, name))
  }

  /// The globals listed in `llvm.compiler.used`: kept by every pass even when nothing refers to them.
  public var compilerUsed: [Value] {
    guard let list = global(named: "llvm.compiler.used"), let array = list.initializer else { return [] }
    return (0..<Int(LLVMGetNumOperands(array.ref))).map { Value(LLVMGetOperand(array.ref, UInt32($0))!) }
  }

  /// Adds `values` (globals or functions of this module) to `llvm.compiler.used`, remaking the list.
  public func addToCompilerUsed(_ values: [Value]) {
    let existing = compilerUsed
    let listed = Set(existing)
    let added = values.filter { !listed.contains($0) }
    if added.isEmpty { return }
    global(named: "llvm.compiler.used")?.eraseGlobal()
    let pointer = LLVMPointerTypeInContext(LLVMGetModuleContext(ref), 0)
    var elements: [LLVMValueRef?] = (existing + added).map { $0.ref }
    let array = LLVMConstArray2(pointer, &elements, UInt64(elements.count))
    let list = LLVMAddGlobal(ref, LLVMTypeOf(array), "llvm.compiler.used")
    LLVMSetInitializer(list, array)
    LLVMSetLinkage(list, LLVMAppendingLinkage)
    LLVMSetSection(list, "llvm.metadata")
  }

  /// The declaration of the intrinsic `name` (e.g. `llvm.sin`) overloaded on `types`.
  public func intrinsic(_ name: String, overloadedOn types: [IRType]) -> Function? {
    let id = LLVMLookupIntrinsicID(name, name.utf8.count)
    guard id != 0 else { return nil }
    var refs: [LLVMTypeRef?] = types.map { $0.ref }
    return Function(LLVMGetIntrinsicDeclaration(ref, id, &refs, refs.count))
  }
}

extension String {
  func trimmingTrailingNewlines() -> String {
    var s = self
    while s.last == "\n" { s.removeLast() }
    return s
  }
}

/// Tuning for a pass pipeline run through `Module.runPasses`.
public struct PassOptions: Equatable, Sendable {
  public var loopVectorization = true
  public var slpVectorization = true
  public var loopUnrolling = true
  /// Interleaving by the loop vectorizer (which, left on, vectorizes even with loop vectorization off).
  public var loopInterleaving = true
  /// Runs the verifier after every pass (slow; for debugging).
  public var verifyEach = false

  public init(
    loopVectorization: Bool = true, slpVectorization: Bool = true, loopUnrolling: Bool = true,
    loopInterleaving: Bool = true, verifyEach: Bool = false
  ) {
    self.loopInterleaving = loopInterleaving
    self.loopVectorization = loopVectorization
    self.slpVectorization = slpVectorization
    self.loopUnrolling = loopUnrolling
    self.verifyEach = verifyEach
  }
}
