// Target machines: the host's code generator, for pass pipelines and object emission.
import CLLVM

/// A target machine for a triple (the host's by default), with the host CPU and features, or a CPU
/// given by name (its default features).
public final class TargetMachine {
  public let ref: LLVMTargetMachineRef
  public let triple: String

  /// Registers the native target once per process.
  private static let initializeNative: Void = {
    LLVMInitializeNativeTarget()
    LLVMInitializeNativeAsmPrinter()
    LLVMInitializeNativeAsmParser()
  }()

  public static var hostTriple: String { takeMessage(LLVMGetDefaultTargetTriple()) }

  /// `cpu` names a CPU as `-mcpu` does (`x86-64`, `skylake`, `native` for the host's); nil is the host's
  /// for the host's triple and `generic` for others.
  public init(
    triple: String? = nil, optimizationLevel: Int = 2, positionIndependent: Bool = true,
    cpu: String? = nil
  ) throws {
    _ = Self.initializeNative
    let triple = (triple?.isEmpty == false ? triple! : Self.hostTriple)
    var target: LLVMTargetRef?
    var message: UnsafeMutablePointer<CChar>?
    if LLVMGetTargetFromTriple(triple, &target, &message) != 0 {
      throw LLVMError.codeGeneration("unknown target '\(triple)': \(takeMessage(message))")
    }
    let useHost = cpu == "native" || (cpu == nil && triple == Self.hostTriple)
    let cpu = useHost ? takeMessage(LLVMGetHostCPUName()) : (cpu ?? "generic")
    let features = useHost ? takeMessage(LLVMGetHostCPUFeatures()) : ""
    let level: LLVMCodeGenOptLevel =
      switch optimizationLevel {
      case 0: LLVMCodeGenLevelNone
      case 1: LLVMCodeGenLevelLess
      case 3: LLVMCodeGenLevelAggressive
      default: LLVMCodeGenLevelDefault
      }
    guard
      let machine = LLVMCreateTargetMachine(
        target, triple, cpu, features, level, positionIndependent ? LLVMRelocPIC : LLVMRelocDefault,
        LLVMCodeModelDefault)
    else { throw LLVMError.codeGeneration("cannot create a target machine for '\(triple)'") }
    ref = machine
    self.triple = triple
  }

  deinit { LLVMDisposeTargetMachine(ref) }

  /// The features the machine compiles for (`+avx2,+fma,...`; empty for a CPU's defaults), which a
  /// function without a `"target-features"` attribute is compiled with.
  public var features: String { takeMessage(LLVMGetTargetMachineFeatureString(ref)) }

  /// The data layout this machine expects, as a string.
  public var dataLayout: String {
    let layout = LLVMCreateTargetDataLayout(ref)!
    defer { LLVMDisposeTargetData(layout) }
    return takeMessage(LLVMCopyStringRepOfTargetData(layout))
  }

  /// Emits `module` as an object file at `path`.
  public func emitObject(_ module: Module, to path: String) throws {
    var message: UnsafeMutablePointer<CChar>?
    let failed = path.withCString { cPath in
      LLVMTargetMachineEmitToFile(ref, module.ref, cPath, LLVMObjectFile, &message) != 0
    }
    if failed { throw LLVMError.codeGeneration(takeMessage(message)) }
  }
}
