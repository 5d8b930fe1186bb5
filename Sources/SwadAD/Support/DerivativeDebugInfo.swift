// Debug info for the functions AD synthesizes, so that profilers and debuggers see a derivative's
// code at the source lines of the primal code it came from.
import CLLVM
import LLVMBinding

/// Gives every function AD made a subprogram of its own, in the compile unit of the primal it came
/// from.
///
/// The generators copy each primal instruction's location onto the instructions they derive from
/// it, but a new function starts without a `DISubprogram`, and code generation emits no line table
/// for such a function: `perf` and `gdb` saw a derivative that was not inlined (GMM's, a large
/// Eigen kernel's) as one anonymous block. Here each such function gets a subprogram named after
/// it, and its locations move into it, keeping their lines, columns, files and inlining:
///
/// - A location of the function's own code (no inlined-at) had a scope in the primal's subprogram:
///   its scope becomes the new subprogram, or a lexical block file of it when the code came from
///   another file. Nested lexical blocks flatten into that one level: only the variables' scopes
///   used them, and derivatives carry no variables.
/// - A location inlined into the primal keeps its callee's scope; the end of its inlined-at chain
///   moves as above.
/// - Loop IDs (`!llvm.loop`) carry the loop's start and end locations; they are rebuilt with the
///   moved ones.
/// - A call of a function that has a subprogram needs a location of its own in a function that
///   has one (the verifier's rule, which the inliner relies on); calls the generators made without
///   one get line 0 of their caller.
///
/// A function with debug records (`#dbg_value`) is left as it was: the records would name the
/// primal's variables, and LLVM's C interface cannot remove them. The generators copy none.
struct DerivativeDebugInfo {
  let module: Module
  private let builder: DebugInfoBuilder
  private var locations: [DebugLocation: DebugLocation] = [:]
  private var fileScopes: [LLVMMetadataRef: DebugScope] = [:]
  private var loopIDs: [LLVMMetadataRef: LLVMMetadataRef] = [:]
  private var attachedAny = false

  private init(module: Module) {
    self.module = module
    builder = DebugInfoBuilder(module: module)
  }

  /// Attaches subprograms to the functions of `module` that are not in `existing` and whose code
  /// has locations, then gives located calls to the functions that need them.
  static func attach(toFunctionsNotIn existing: Set<Function>, in module: Module) {
    guard module.hasDebugInfo else { return }
    var attacher = DerivativeDebugInfo(module: module)
    let made = module.functions.filter { !$0.isDeclaration && $0.subprogram == nil && !existing.contains($0) }
    var unlocated: [Function] = []
    for function in made where !attacher.attach(to: function) { unlocated.append(function) }
    // Wrappers (the entry point's `diffef`, which calls the augmented forward sweep and the reverse
    // sweep) have no code of their own to locate, but the sweeps are inlined into them: without a
    // subprogram the wrapper would lose the sweeps' lines again.
    for function in unlocated {
      attacher.attachToWrapper(function)
    }
    guard attacher.attachedAny else { return }
    attacher.locateCalls()
  }

  /// Gives `function` a subprogram and moves its locations into it; false when it has none to move
  /// or carries debug records.
  private mutating func attach(to function: Function) -> Bool {
    let instructions = function.blocks.flatMap(\.instructions)
    // The primal: the function whose code the first located instruction came from.
    guard !instructions.contains(where: \.hasDebugRecords),
      let primal = instructions.lazy.compactMap(\.location).first?.outermost.scope.subprogram
    else { return false }
    let subprogram = makeSubprogram(for: function, like: primal)
    locations.removeAll()
    fileScopes.removeAll()
    loopIDs.removeAll()
    for instruction in instructions {
      if let location = instruction.location {
        instruction.location = moved(location, into: subprogram)
      }
      relocateLoopID(of: instruction, into: subprogram)
    }
    return true
  }

  /// Gives a function without locations that calls a function with a subprogram one like that
  /// callee's.
  private mutating func attachToWrapper(_ function: Function) {
    let instructions = function.blocks.flatMap(\.instructions)
    guard !instructions.contains(where: \.hasDebugRecords),
      let callee = instructions.lazy.compactMap({ instruction -> DebugScope? in
        // A declaration's subprogram (`declare !dbg`) belongs to no compile unit.
        guard instruction.isCall, let callee = instruction.calledFunction, !callee.isDeclaration else {
          return nil
        }
        return callee.subprogram
      }).first
    else { return }
    _ = makeSubprogram(for: function, like: callee)
  }

  /// A subprogram for `function` in the unit and file of `primal`, at its first line.
  private mutating func makeSubprogram(for function: Function, like primal: DebugScope) -> DebugScope {
    let subprogram = builder.subprogram(for: function, like: primal, line: primal.subprogramLine)
    function.subprogram = subprogram
    attachedAny = true
    return subprogram
  }

  private mutating func moved(_ location: DebugLocation, into subprogram: DebugScope) -> DebugLocation {
    if let known = locations[location] { return known }
    let result: DebugLocation
    if let inlinedAt = location.inlinedAt {
      result = DebugLocation(
        line: location.line, column: location.column, scope: location.scope,
        inlinedAt: moved(inlinedAt, into: subprogram), context: module.context)
    } else {
      result = DebugLocation(
        line: location.line, column: location.column, scope: scope(for: location.scope, in: subprogram),
        inlinedAt: nil, context: module.context)
    }
    locations[location] = result
    return result
  }

  /// The new subprogram, or a lexical block file of it when `scope`'s code came from another file.
  private mutating func scope(for scope: DebugScope, in subprogram: DebugScope) -> DebugScope {
    guard let file = scope.file, file != subprogram.file else { return subprogram }
    if let known = fileScopes[file] { return known }
    let made = builder.lexicalBlockFile(in: subprogram, file: file)
    fileScopes[file] = made
    return made
  }

  private mutating func relocateLoopID(of instruction: Instruction, into subprogram: DebugScope) {
    guard instruction.isTerminator, let loopID = instruction.metadata("llvm.loop") else { return }
    if let known = loopIDs[loopID] {
      instruction.setMetadata("llvm.loop", known, context: module.context)
      return
    }
    let operands = MetadataNode.operands(of: loopID, context: module.context).dropFirst()
    guard operands.contains(where: { DebugLocation($0) != nil }) else { return }
    let relocated = operands.map { operand in
      DebugLocation(operand).map { moved($0, into: subprogram).ref } ?? operand
    }
    let made = MetadataNode.selfReferential(relocated, context: module.context)
    loopIDs[loopID] = made
    instruction.setMetadata("llvm.loop", made, context: module.context)
  }

  /// Line 0 of the caller for calls without a location, from a function with a subprogram to one
  /// with a subprogram.
  private func locateCalls() {
    for function in module.functions where !function.isDeclaration {
      guard let subprogram = function.subprogram else { continue }
      for block in function.blocks {
        for instruction in block.instructions where instruction.isCall && instruction.location == nil {
          guard instruction.calledFunction?.subprogram != nil else { continue }
          instruction.location = DebugLocation(
            line: 0, column: 0, scope: subprogram, inlinedAt: nil, context: module.context)
        }
      }
    }
  }
}
