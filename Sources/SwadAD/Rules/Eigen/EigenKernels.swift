// Eigen's matrix kernels as the BLAS routines they are. Eigen evaluates a dense product of
// dynamic size by `general_matrix_matrix_product<…>::run` (C += α op(A) op(B), blocked, packed,
// vectorized) or `general_matrix_vector_product<…>::run` (y += α op(A) x); differentiated
// instruction by instruction, their derivatives are the largest code of an Eigen program and cost
// most of swad-opt's time, for a reverse sweep that pops every packed element. Read as gemm and
// gemv, they take the BLAS table's rules (`Rules/BLAS`), written against swad's own BLAS
// (`BLASRuntime`): an Eigen program links no BLAS library.
//
// A call is read so only when every argument is understood; otherwise the kernel is
// differentiated as any defined function, as before:
//  - the instantiation: index `long` or `int`, scalars `double` or `float` on both sides (the
//    conjugation flags mean nothing for real scalars), a column-major result with inner stride 1
//    (the matrix-matrix kernel of Eigen 3.4), Eigen's default version of the vector kernel;
//  - the matrix-matrix kernel's parallel-work argument is null (not one thread's share of an
//    OpenMP product);
//  - the vector kernel's operands are `const_blas_data_mapper`s, passed by reference: two fields,
//    the data pointer at byte 0 and the stride at byte 8, each stored once into a stack slot before
//    the call (in its block or in blocks it is reached from alone), the slot used for nothing else.
import CLLVM
import LLVMBinding

enum EigenKernel: Sendable {
  /// `general_matrix_matrix_product<Index, S, LhsOrder, _, S, RhsOrder, _, ColMajor, 1>::run(rows,
  /// cols, depth, lhs, lhsStride, rhs, rhsStride, res, resIncr, resStride, alpha, blocking, info)`:
  /// res(i, j) += α Σₚ lhs(i, p) rhs(p, j), column-major with leading dimension resStride.
  case matrixProduct(lhsRowMajor: Bool, rhsRowMajor: Bool)
  /// `general_matrix_vector_product<Index, S, LhsMapper, LhsOrder, _, S, RhsMapper, _, 0>::run(rows,
  /// cols, lhs, rhs, res, resIncr, alpha)`: res[i·resIncr] += α Σⱼ lhs(i, j) rhs(j, 0).
  case vectorProduct(lhsRowMajor: Bool, rhsRowMajor: Bool)

  private static let namespace = "_ZN5Eigen8internal"

  /// Every instantiation read as a routine, by its mangled name up to `run`'s parameters: index
  /// `long` (l) or `int` (i), scalars `double` (d) or `float` (f), each operand column- (0) or
  /// row-major (1), either conjugation flag.
  private static let instantiations: [String: (kernel: EigenKernel, index: String, isDouble: Bool)] = {
    var table: [String: (kernel: EigenKernel, index: String, isDouble: Bool)] = [:]
    for index in ["l", "i"] {
      for scalar in ["d", "f"] {
        for (first, second) in [(false, false), (false, true), (true, false), (true, true)] {
          let (o1, o2) = (first ? "1" : "0", second ? "1" : "0")
          for (c1, c2) in [("0", "0"), ("0", "1"), ("1", "0"), ("1", "1")] {
            let matrix =
              "\(namespace)29general_matrix_matrix_productI\(index)\(scalar)Li\(o1)ELb\(c1)E\(scalar)Li\(o2)ELb\(c2)"
              + "ELi0ELi1EE3runE"
            let vector =
              "\(namespace)29general_matrix_vector_productI\(index)\(scalar)NS0_22const_blas_data_mapperI"
              + "\(scalar)\(index)Li\(o1)EEELi\(o1)ELb\(c1)E\(scalar)NS2_I\(scalar)\(index)Li\(o2)EEELb\(c2)ELi0EE3runE"
            table[matrix] = (.matrixProduct(lhsRowMajor: first, rhsRowMajor: second), index, scalar == "d")
            table[vector] = (.vectorProduct(lhsRowMajor: first, rhsRowMajor: second), index, scalar == "d")
          }
        }
      }
    }
    return table
  }()

  /// The kernel and its precision that `callee`'s name and type are, if any.
  static func kernel(named name: String, callee: Function) -> (EigenKernel, isDouble: Bool)? {
    guard name.hasPrefix(namespace + "29general_matrix_"), let run = name.firstRange(of: "EE3runE"),
      let found = instantiations[String(name[..<run.upperBound])],
      found.kernel.hasSignature(callee.type, index: found.index, isDouble: found.isDouble)
    else { return nil }
    return (found.kernel, found.isDouble)
  }

  private func hasSignature(_ type: IRType, index: String, isDouble: Bool) -> Bool {
    let indexBits: UInt32 = index == "l" ? 64 : 32
    func isIndex(_ t: IRType) -> Bool { t.isInteger && LLVMGetIntTypeWidth(t.ref) == indexBits }
    func isScalar(_ t: IRType) -> Bool { t.kind == (isDouble ? LLVMDoubleTypeKind : LLVMFloatTypeKind) }
    // i: an index, p: a pointer, s: a scalar.
    let shape: String
    switch self {
    case .matrixProduct: shape = "iiipipipiispp"
    case .vectorProduct: shape = "iipppis"
    }
    let parameters = type.parameterTypes
    guard type.returnType.isVoid, !type.isVariadic, parameters.count == shape.count
    else { return false }
    return zip(parameters, shape).allSatisfy { parameter, kind in
      switch kind {
      case "i": return isIndex(parameter)
      case "p": return parameter.isPointer
      default: return isScalar(parameter)
      }
    }
  }

  /// The BLAS routine the kernel is.
  var routine: BLASRoutine {
    switch self {
    case .matrixProduct: return BLASRoutines.gemm
    case .vectorProduct: return BLASRoutines.gemv
    }
  }

  var name: String {
    switch self {
    case .matrixProduct: return "Eigen's general_matrix_matrix_product (as gemm)"
    case .vectorProduct: return "Eigen's general_matrix_vector_product (as gemv)"
    }
  }

  /// Whether this call's arguments can all be read as the routine's (see the file's comment).
  func understands(_ call: Instruction) -> Bool {
    switch self {
    case .matrixProduct:
      return call.arguments[12].isConstant && call.arguments[12].isNull
    case .vectorProduct(_, let rhsRowMajor):
      return Self.mapperFields(call.arguments[2], of: call) != nil
        && Self.mapperFields(call.arguments[3], of: call, strideNeeded: rhsRowMajor) != nil
    }
  }

  /// The value of gemm's or gemv's parameter `name` at `call`, in the kernel's own types (64-bit
  /// sizes for a `long` index): a call argument, a field the call's mapper was given, or a constant.
  func argument(_ name: String, of call: Instruction) -> Value {
    let i32 = IRType(LLVMInt32TypeInContext(call.type.context))
    let arguments = call.arguments
    func option(_ transposed: Bool) -> Value { Value.constInt(i32, transposed ? CBLAS.trans : CBLAS.noTrans) }
    let one = Value.constReal(arguments.last { $0.type.isFloatingPoint }!.type, 1)
    switch self {
    case .matrixProduct(let lhsRowMajor, let rhsRowMajor):
      // A row-major operand is the column-major transpose of the same memory, its stride the
      // leading dimension.
      switch name {
      case "transa": return option(lhsRowMajor)
      case "transb": return option(rhsRowMajor)
      case "m": return arguments[0]
      case "n": return arguments[1]
      case "k": return arguments[2]
      case "a": return arguments[3]
      case "lda": return arguments[4]
      case "b": return arguments[5]
      case "ldb": return arguments[6]
      case "c": return arguments[7]
      case "ldc": return arguments[9]
      case "alpha": return arguments[10]
      case "beta": return one
      default: preconditionFailure("gemm has no parameter '\(name)'")
      }
    case .vectorProduct(let lhsRowMajor, let rhsRowMajor):
      // Column-major: y (rows) += α A x, A rows × cols. Row-major: the same memory is the
      // column-major cols × rows matrix Aᵀ, so y += α (Aᵀ)ᵀ x, a transposed gemv of cols × rows.
      let lhs = Self.mapperFields(arguments[2], of: call)!
      let rhs = Self.mapperFields(arguments[3], of: call, strideNeeded: rhsRowMajor)!
      switch name {
      case "trans": return option(lhsRowMajor)
      case "m": return lhsRowMajor ? arguments[1] : arguments[0]
      case "n": return lhsRowMajor ? arguments[0] : arguments[1]
      case "a": return lhs.data
      case "lda": return lhs.stride!
      // rhs(j, 0) is data[j·stride] through a row-major mapper, data[j] through a column-major one.
      case "x": return rhs.data
      case "incx": return rhsRowMajor ? rhs.stride! : Value.constInt(arguments[0].type, 1)
      case "y": return arguments[4]
      case "incy": return arguments[5]
      case "alpha": return arguments[6]
      case "beta": return one
      default: preconditionFailure("gemv has no parameter '\(name)'")
      }
    }
  }

  /// The data pointer and stride stored into the mapper `pointer` points to: a stack slot that only
  /// takes one store of a pointer at byte 0 and one of an index at byte 8, both before `call` in its
  /// block, and is otherwise only passed to calls (the kernel reads it) or marked alive and dead.
  private static func mapperFields(_ pointer: Value, of call: Instruction, strideNeeded: Bool = true)
    -> (data: Value, stride: Value?)?
  {
    guard let slot = pointer.asInstruction, slot.opcode == LLVMAlloca else { return nil }
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(call.function.ref))!
    var data: Instruction?
    var stride: Instruction?
    func take(_ store: Instruction, at offset: Int) -> Bool {
      guard store.operand(0) != slot.value else { return false }
      switch offset {
      case 0 where data == nil && store.operand(0).type.isPointer: data = store
      case 8 where stride == nil && store.operand(0).type.isInteger: stride = store
      default: return false
      }
      return true
    }
    for user in slot.value.users {
      guard let instruction = user.asInstruction else { return nil }
      switch instruction.opcode {
      case LLVMStore:
        guard take(instruction, at: 0) else { return nil }
      case LLVMGetElementPtr:
        guard instruction.operand(0) == slot.value,
          let offset = StackSlots.constantOffset(of: instruction, dataLayout)
        else { return nil }
        for inner in instruction.value.users {
          guard let store = inner.asInstruction, store.opcode == LLVMStore,
            store.operand(1) == instruction.value,
            take(store, at: offset)
          else { return nil }
        }
      case LLVMCall, LLVMInvoke:
        let name = instruction.calledFunction?.name ?? ""
        if name.hasPrefix("llvm.lifetime.") { continue }
        // Only as a vector kernel's mapper operand (which the kernel reads, never writes).
        guard let callee = instruction.calledFunction,
          case .vectorProduct? = kernel(named: name, callee: callee)?.0,
          instruction.arguments.indices.allSatisfy({
            instruction.arguments[$0] != slot.value || $0 == 2 || $0 == 3
          })
        else { return nil }
      default:
        return nil
      }
    }
    guard let data, stride != nil || !strideNeeded else { return nil }
    // Both stores before the call on every path to it: in its block, or in the blocks it is reached
    // from through single predecessors (past the assertions Eigen checks a Map with).
    var seen = 0
    var block = call.parent
    var cursor = call.previous
    var blocksBack = 0
    while seen < (stride == nil ? 1 : 2) {
      guard let instruction = cursor else {
        let predecessors = block.predecessors
        guard blocksBack < 8, predecessors.count == 1 else { return nil }
        blocksBack += 1
        block = predecessors[0]
        cursor = block.terminator
        continue
      }
      if instruction == data || instruction == stride { seen += 1 }
      cursor = instruction.previous
    }
    return (data.operand(0), stride?.operand(0))
  }
}
