// The part of a build that swad and swad-ld run in process: read bitcode (in a child first, so that a
// reader crash is an error), link it into one module, run the pipeline, emit code.
import CLLVM
import Foundation
import LLVMBinding
import SwadPipeline

/// A module to read: its bytes and the name errors use (a path, or `lib.a(member.o)`).
struct ModuleInput {
  var name: String
  var bytes: [UInt8]
}

enum Middle {
  /// Reads and verifies each input, and links them in order into one module (LTO style).
  static func link(_ inputs: [ModuleInput], context: Context) throws -> Module {
    try link(read(inputs, context: context))
  }

  /// Reads and verifies each input.
  static func read(_ inputs: [ModuleInput], context: Context) throws -> [Module] {
    try inputs.map { input in
      let module = try ModuleReader.read(input.bytes, name: input.name, context: context)
      // The linker assumes valid IR: a damaged input that LLVM still read must be an error naming the
      // file, not a crash inside the linker.
      do { try module.verify() } catch LLVMError.verificationFailed(let message) {
        throw DriverError("\(input.name): input module fails verification: \(message)")
      }
      return module
    }
  }

  /// Links modules (of one context) in order into the first; the others are consumed.
  static func link(_ modules: [Module]) throws -> Module {
    guard let linked = modules.first else { throw DriverError("no input files") }
    for module in modules.dropFirst() { try linked.link(consuming: module) }
    return linked
  }

  /// The standard pipeline at a post-AD optimization level, with a vector math library or none.
  static func pipeline(level: Int, vectorLibrary: VectorLibrary? = nil) -> Pipeline {
    Pipeline.standard(postAD: Pipeline.postADPipeline(level: level), vectorLibrary: vectorLibrary)
  }

  /// Runs `pipeline` over `module`; warnings go to `warn`, the other remarks to `note` if given.
  static func run(
    _ pipeline: Pipeline, on module: Module, targetMachine: TargetMachine,
    note: ((String) -> Void)? = nil, warn: (String) -> Void
  ) throws {
    let remarks = try pipeline.run(on: module, targetMachine: targetMachine)
    if let note { for remark in remarks where !remark.isWarning { note(remark.message) } }
    for remark in remarks where remark.isWarning { warn(remark.message) }
  }

  /// The optimization level of code generation for `module` after a pipeline at `level`: `level`,
  /// but 1 at 0 when a function not of Swift's convention takes Swift's error register (the
  /// augmented forward sweeps of throwing Swift functions). LLVM 22's fast instruction selector,
  /// which level 0 uses, reads such an argument as memory: the gradient of Swift's `sorted(by:)`
  /// crashed at `swad -O0`. Level 1 selects instructions through the selection DAG, which is right.
  static func codeGenerationLevel(for module: Module, level: Int) -> Int {
    guard level == 0 else { return level }
    let affected = module.functions.contains { function in
      !function.isDeclaration && function.callingConvention != LLVMSwiftCallConv.rawValue
        && function.parameters.indices.contains { function.hasAttribute("swifterror", at: UInt32($0 + 1)) }
    }
    return affected ? 1 : 0
  }

  /// Writes `module` as an object file at `path`, whole or not at all.
  static func emitObject(_ module: Module, targetMachine: TargetMachine, to path: String) throws {
    if TemporaryFiles.isSpecialFile(path) { return try targetMachine.emitObject(module, to: path) }
    let temporary = try TemporaryFiles.reserve(beside: path)
    do {
      try targetMachine.emitObject(module, to: temporary)
      try TemporaryFiles.replace(path, with: temporary)
    } catch {
      TemporaryFiles.discard(temporary)
      throw error
    }
  }
}
