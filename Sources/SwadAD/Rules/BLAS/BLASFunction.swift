// Which functions are BLAS routines of the table, and how their arguments read in CBLAS's terms:
// `cblas_dgemm(layout, transa, …)` by value, or Fortran's `dgemm_(&transa, …)` with everything by
// pointer, options as characters, column-major, and possibly hidden string lengths at the end; or
// a matrix kernel of Eigen that is such a routine (`Rules/Eigen/EigenKernels.swift`).
import CLLVM
import LLVMBinding

/// A BLAS routine of the table in one precision and one spelling.
struct BLASFunction: Sendable {
  let routine: BLASRoutine
  /// `d` (double) or `s` (float).
  let isDouble: Bool
  let spelling: Spelling

  enum Spelling: Sendable {
    /// CBLAS's `cblas_dgemm`.
    case cblas
    /// Fortran's `dgemm_`.
    case fortran
    /// A kernel of Eigen: the derivative calls swad's own BLAS.
    case eigen(EigenKernel)
  }

  var isFortran: Bool {
    if case .fortran = spelling { return true }
    return false
  }

  /// The kernel, for Eigen's.
  var eigenKernel: EigenKernel? {
    if case .eigen(let kernel) = spelling { return kernel }
    return nil
  }

  /// Which BLAS the derivative code calls: the program's, or swad's own for a library's kernel.
  var backend: BLASBackend { eigenKernel == nil ? .program : .swad }

  private static let byName: [String: BLASFunction] = {
    var index: [String: BLASFunction] = [:]
    for routine in BLASRoutines.all {
      for (letter, isDouble) in [("d", true), ("s", false)] {
        // LAPACK routines: the Fortran spelling only (Debian's OpenBLAS exports no LAPACKE).
        if !routine.isLAPACK {
          index["cblas_" + letter + routine.name] = BLASFunction(
            routine: routine, isDouble: isDouble, spelling: .cblas)
        }
        index[letter + routine.name + "_"] = BLASFunction(
          routine: routine, isDouble: isDouble, spelling: .fortran)
      }
    }
    return index
  }()

  /// Every spelling the table covers, for documentation and tests.
  static var allNames: [String] { byName.keys.sorted() }

  /// The routine `call` calls, if it is a declared BLAS function called with its arguments.
  static func called(by call: Instruction, callee: Function) -> BLASFunction? {
    if !callee.isDeclaration {
      guard let (kernel, isDouble) = EigenKernel.kernel(named: callee.name, callee: callee),
        kernel.understands(call)
      else { return nil }
      return BLASFunction(routine: kernel.routine, isDouble: isDouble, spelling: .eigen(kernel))
    }
    guard let function = byName[callee.name] else { return nil }
    let arguments = call.arguments
    let count = function.routine.parameters.count
    if function.isFortran {
      // Hidden lengths of character arguments may follow (gfortran's convention).
      guard arguments.count >= count, arguments.prefix(count).allSatisfy(\.type.isPointer) else { return nil }
    } else {
      guard arguments.count == count + (function.routine.takesLayout ? 1 : 0) else { return nil }
    }
    return function
  }

  var name: String {
    switch spelling {
    case .cblas: return "cblas_" + prefix + routine.name
    case .fortran: return prefix + routine.name + "_"
    case .eigen(let kernel): return kernel.name
    }
  }
  var prefix: String { isDouble ? "d" : "s" }

  func element(in context: Context) -> IRType {
    isDouble ? IRType.double(in: context) : IRType.float(in: context)
  }

  /// The call's argument for parameter `name` (for an Eigen kernel, what stands for it).
  func argument(_ name: String, of call: Instruction) -> Value {
    if let kernel = eigenKernel { return kernel.argument(name, of: call) }
    return call.arguments[argumentIndex(name)]
  }

  private func argumentIndex(_ name: String) -> Int {
    routine.parameterIndex(name) + (!isFortran && routine.takesLayout ? 1 : 0)
  }

  /// The arguments as CBLAS takes them, at the builder's position: options as CBLAS enumerations
  /// (a transpose is NoTrans or Trans), sizes as `i32`, scalars by value; `value` maps an argument of
  /// the original call to the function being written. Arrays are the pointers themselves.
  func normalizedArguments(of call: Instruction, value: (Value) -> Value, builder b: Builder, module: Module)
    throws
    -> (layout: Value, values: [String: Value])
  {
    let context = module.context
    let i32 = IRType.int(32, in: context)
    let i8 = IRType.int(8, in: context)
    func int(_ v: Int64) -> Value { Value.constInt(i32, v) }
    let layout =
      spelling.takesLayoutArgument && routine.takesLayout ? value(call.arguments[0]) : int(CBLAS.columnMajor)
    var values: [String: Value] = [:]
    for parameter in routine.parameters {
      let argument = value(self.argument(parameter.name, of: call))
      switch parameter.kind {
      case .array, .pivots:
        values[parameter.name] = argument
      case .status:
        continue
      case .integer:
        let made: Value
        switch spelling {
        case .cblas: made = argument
        case .fortran: made = b.load(i32, from: argument, parameter.name)
        case .eigen: made = BLASRuntime.index(argument, module: module, builder: b)
        }
        guard made.type == i32 else {
          throw ADError(
            "\(name): only BLAS interfaces with 32-bit integers are supported (this one passes "
              + "\(made.type) for \(parameter.name))", at: call)
        }
        values[parameter.name] = made
      case .scalar:
        values[parameter.name] =
          isFortran ? b.load(element(in: context), from: argument, parameter.name) : argument
      case .transpose, .uplo, .diag, .side:
        if isFortran {
          // 'N'/'n' (or 'U', 'L' …) against the other letters.
          let letter = b.load(i8, from: argument, parameter.name)
          let (first, whenFirst, otherwise): (UInt8, Int64, Int64) = {
            switch parameter.kind {
            case .transpose: return (UInt8(ascii: "N"), CBLAS.noTrans, CBLAS.trans)
            case .uplo: return (UInt8(ascii: "U"), CBLAS.upper, CBLAS.lower)
            case .diag: return (UInt8(ascii: "U"), CBLAS.unit, CBLAS.nonUnit)
            default: return (UInt8(ascii: "L"), CBLAS.left, CBLAS.right)
            }
          }()
          let upper = b.icmp(LLVMIntEQ, letter, Value.constInt(i8, Int64(first)))
          let lower = b.icmp(LLVMIntEQ, letter, Value.constInt(i8, Int64(first + 32)))
          values[parameter.name] = b.select(
            b.or(upper, lower), int(whenFirst), int(otherwise), parameter.name)
        } else if parameter.kind == .transpose, eigenKernel == nil {
          // ConjTrans is Trans for real matrices.
          values[parameter.name] = b.select(
            b.icmp(LLVMIntEQ, argument, int(CBLAS.noTrans)), int(CBLAS.noTrans),
            int(CBLAS.trans), parameter.name)
        } else {
          values[parameter.name] = argument
        }
      }
    }
    return (layout, values)
  }

  /// The number of elements an array operand spans from its pointer: ((cols − 1)·ld + rows) in
  /// column-major order, (n − 1)·|inc| + 1 for a vector, 0 when empty; an `i64`.
  func span(of array: String, in context: BLASRuleContext) -> Value {
    let b = context.b
    let i64 = IRType.int(64, in: context.library.module.context)
    func wide(_ v: Value) -> Value { b.cast(LLVMSExt, v, to: i64) }
    let zero = Value.constInt(i64, 0)
    let one = Value.constInt(i64, 1)
    switch routine.extents[array]! {
    case .vector(let length, let increment):
      let n = wide(length(context))
      let inc = wide(context[increment])
      let magnitude = b.select(b.icmp(LLVMIntSLT, inc, zero), b.sub(zero, inc), inc)
      let span = b.add(b.mul(b.sub(n, one), magnitude), one)
      return b.select(b.icmp(LLVMIntSGT, n, zero), span, zero)
    case .matrix(let rows, let cols, let leading):
      let r = wide(rows(context))
      let c = wide(cols(context))
      let ld = wide(context[leading])
      let columnMajor = context.columnMajor
      let majors = b.select(columnMajor, c, r)
      let minors = b.select(columnMajor, r, c)
      let span = b.add(b.mul(b.sub(majors, one), ld), minors)
      return b.select(b.and(b.icmp(LLVMIntSGT, majors, zero), b.icmp(LLVMIntSGT, minors, zero)), span, zero)
    case .pivots(let count):
      let n = wide(count(context))
      return b.select(b.icmp(LLVMIntSGT, n, zero), n, zero)
    case .packed(let order):
      let n = wide(order(context))
      let span = b.udiv(b.mul(n, b.add(n, one)), Value.constInt(i64, 2))
      return b.select(b.icmp(LLVMIntSGT, n, zero), span, zero)
    }
  }
}

extension BLASFunction.Spelling {
  /// CBLAS's spelling passes the layout as its first argument (level 2 and 3).
  var takesLayoutArgument: Bool {
    if case .cblas = self { return true }
    return false
  }
}

extension BLASFunction {
  /// The bytes of one element of an array operand: the routine's precision, or an `int` pivot.
  func elementSize(of array: String, in module: Module) -> Int64 {
    if case .pivots = routine.extents[array]! { return 4 }
    return Int64(module.allocSize(of: element(in: module.context)))
  }

  /// Whether a scalar Fortran passes by pointer (`&alpha`) may hold an active value: a stack slot
  /// holds one only if some store into it stores a varied value (or it escapes elsewhere); other
  /// memory, if it has a shadow, may.
  static func storedScalarMayBeActive(_ pointer: Value, isVaried: (Value) -> Bool) -> Bool {
    let object = MemoryWrites.underlyingObject(pointer)
    guard let slot = object.asInstruction, slot.opcode == LLVMAlloca else { return true }
    for user in object.users {
      guard let instruction = user.asInstruction else { return true }
      switch instruction.opcode {
      case LLVMStore:
        if instruction.operand(1) != object || isVaried(instruction.operand(0)) { return true }
      case LLVMLoad:
        continue
      case LLVMCall, LLVMInvoke:
        // Lifetime markers and BLAS calls (which only read it) leave it alone.
        let name = instruction.calledFunction?.name ?? ""
        if name.hasPrefix("llvm.lifetime.") || byName[name] != nil { continue }
        return true
      default:
        return true
      }
    }
    return false
  }
}
