// What a BLAS rule sees: one call's arguments (normalized to CBLAS's conventions), the shadows and
// tangents of its operands, and the library to write its derivative in. Forward and reverse mode
// fill it in; the rules in `BLASRoutines.swift` read it.
import CLLVM
import LLVMBinding

/// How a parameter of a BLAS routine is passed and what it means.
enum BLASParameterKind: Equatable {
  /// Options: CBLAS enumerations by value, or Fortran characters by pointer.
  case transpose, uplo, diag, side
  /// Sizes, increments and leading dimensions (`int`; by pointer in Fortran).
  case integer
  /// `alpha`, `beta` (by pointer in Fortran).
  case scalar
  /// A vector or a matrix (its extent is given by the routine).
  case array
  /// LAPACK's `info`: an integer the routine writes (by pointer) and the rules do not read.
  case status
  /// LAPACK's `ipiv`: row interchanges, an array of `int` (never active).
  case pivots

  /// Whether the rules read the parameter as a value (options, sizes, scalars).
  var isValue: Bool { self != .array && self != .status && self != .pivots }
}

struct BLASParameter {
  let name: String
  let kind: BLASParameterKind
}

/// The memory an array operand spans, in terms of the call's arguments.
enum BLASExtent: @unchecked Sendable {
  /// `length` elements `increment` apart.
  case vector(length: (BLASRuleContext) -> Value, increment: String)
  /// A rows × cols matrix with leading dimension `leading` (in the call's layout).
  case matrix(rows: (BLASRuleContext) -> Value, cols: (BLASRuleContext) -> Value, leading: String)
  /// One triangle of an order × order matrix, packed: order·(order + 1)/2 elements.
  case packed(order: (BLASRuleContext) -> Value)
  /// `count` LAPACK pivots (`int`s, not elements of the routine's precision).
  case pivots(count: (BLASRuleContext) -> Value)
}

/// A primal array the reverse sweep reads: as the call finds it (`atExit` false) or as the call
/// leaves it (`atExit` true, for the solves, whose adjoint needs the solution).
struct BLASRead: Hashable {
  let array: String
  let atExit: Bool
}

/// One call being differentiated, as the rules see it.
final class BLASRuleContext {
  let library: BLASLibrary
  /// The primal arguments, normalized: CBLAS enumerations for options (a transpose is
  /// `CblasNoTrans` or `CblasTrans`), `i32` sizes, scalars by value, array pointers. In the reverse
  /// sweep only the arrays the routine declares it reads are there (copies where the primal overwrites them).
  private let values: [String: Value]
  /// Arrays as the call left them (`BLASRead.atExit`).
  private let exitValues: [String: Value]
  /// Shadows of active arrays (tangents in forward mode, adjoints in reverse mode), tangents of
  /// active scalars (forward mode).
  private var derivatives: [String: Value]
  /// Scalars whose adjoint is wanted (reverse mode).
  let activeScalars: Set<String>
  /// The primal result (dot, nrm2), and its adjoint in reverse mode.
  let result: Value?
  let seed: Value?
  /// Set by a forward rule of a routine with a result.
  var resultTangent: Value?
  /// Adds to a scalar's adjoint (reverse mode).
  let addScalarAdjoint: (String, Value) -> Void
  let routine: String
  /// Scratch memory allocated by the rule, freed when it is done.
  private(set) var temporaries: [Value] = []

  init(
    library: BLASLibrary, routine: String, values: [String: Value], exitValues: [String: Value] = [:],
    derivatives: [String: Value], activeScalars: Set<String> = [], result: Value? = nil, seed: Value? = nil,
    addScalarAdjoint: @escaping (String, Value) -> Void = { _, _ in }
  ) {
    self.library = library
    self.routine = routine
    self.values = values
    self.exitValues = exitValues
    self.derivatives = derivatives
    self.activeScalars = activeScalars
    self.result = result
    self.seed = seed
    self.addScalarAdjoint = addScalarAdjoint
  }

  var b: Builder { library.builder }

  /// A primal argument.
  subscript(_ name: String) -> Value {
    guard let value = values[name] else {
      preconditionFailure("the BLAS rule of \(routine) reads '\(name)' without declaring it in adjointReads")
    }
    return value
  }

  /// An array as the call left it.
  func atExit(_ name: String) -> Value {
    guard let value = exitValues[name] else {
      preconditionFailure("the BLAS rule of \(routine) reads '\(name)' at exit without declaring it")
    }
    return value
  }

  /// The shadow of an active array or the tangent of an active scalar; nil when inactive.
  func d(_ name: String) -> Value? { derivatives[name] }

  /// Whether a scalar's adjoint is wanted (reverse) or it has a tangent (forward).
  func isActive(_ name: String) -> Bool { activeScalars.contains(name) || derivatives[name] != nil }

  // MARK: - Values

  var one: Value { library.real(1) }
  var zero: Value { library.real(0) }
  func int(_ value: Int64) -> Value { library.int(value) }
  func part(_ part: MatrixPart) -> Value { library.part(part) }

  /// Whether the transpose option `name` is `CblasNoTrans`.
  func noTrans(_ name: String) -> Value { b.icmp(LLVMIntEQ, self[name], int(CBLAS.noTrans)) }
  /// The other transpose option.
  func flip(_ trans: Value) -> Value {
    b.select(b.icmp(LLVMIntEQ, trans, int(CBLAS.noTrans)), int(CBLAS.trans), int(CBLAS.noTrans))
  }
  func equals(_ name: String, _ constant: Int64) -> Value { b.icmp(LLVMIntEQ, self[name], int(constant)) }
  /// The triangle the `uplo` option does not name.
  func otherTriangle(_ uplo: Value) -> Value {
    pick(b.icmp(LLVMIntEQ, uplo, int(CBLAS.upper)), int(CBLAS.lower), int(CBLAS.upper))
  }
  /// `a` for a lower triangle (`uplo`), `b` for an upper one.
  func byLower(_ a: Value, _ b: Value) -> Value { pick(equals("uplo", CBLAS.lower), a, b) }
  /// `condition ? a : b`, decided now when the condition is a constant (a literal transpose).
  func pick(_ condition: Value, _ a: Value, _ b: Value) -> Value {
    if let known = condition.constantInt { return known != 0 ? a : b }
    return self.b.select(condition, a, b)
  }
  var columnMajor: Value { b.icmp(LLVMIntEQ, library.layout, int(CBLAS.columnMajor)) }
  /// The leading dimension of a dense rows × cols scratch matrix in the call's layout (at least 1).
  func denseLeading(rows: Value, cols: Value) -> Value {
    let minor = pick(columnMajor, rows, cols)
    return pick(b.icmp(LLVMIntSGT, minor, int(1)), minor, int(1))
  }
  /// |inc|: scaling every element of a vector does not depend on the order BLAS visits them in, but
  /// scal does nothing for an increment below 1.
  func magnitude(_ increment: Value) -> Value {
    pick(b.icmp(LLVMIntSLT, increment, int(0)), b.sub(int(0), increment), increment)
  }
  /// `value` where the increment is positive, else 0: scal and nrm2 do nothing for an increment
  /// below 1 (nrm2 returns 0).
  func ifPositive(_ increment: String, _ value: Value) -> Value {
    pick(b.icmp(LLVMIntSGT, self[increment], int(0)), value, zero)
  }
  func neg(_ value: Value) -> Value { b.fneg(value) }
  func mul(_ a: Value, _ c: Value) -> Value { b.derivativeFMul(a, c) }
  func add(_ a: Value?, _ c: Value) -> Value { a.map { b.derivativeFAdd($0, c) } ?? c }

  /// Whether `value` is the constant 1 (so that scaling by it can be left out).
  func isOne(_ value: Value) -> Bool {
    guard LLVMIsAConstantFP(value.ref) != nil else { return false }
    var lost: LLVMBool = 0
    return LLVMConstRealGetDouble(value.ref, &lost) == 1
  }

  /// Scratch memory for `count` elements (zeroed if asked), freed when the rule is done.
  func temporary(_ count: Value, zeroed: Bool = false) -> Value {
    let module = library.module
    let i64 = IRType.int(64, in: module.context)
    let elements = b.cast(LLVMSExt, count, to: i64)
    let size = Value.constInt(i64, Int64(module.allocSize(of: library.element)))
    let made: Value
    if zeroed {
      let calloc = module.declareFunction(
        named: "calloc", type: .function(returning: library.pointer, [i64, i64]))
      made = b.call(calloc, [elements, size], "blas.scratch")
    } else {
      let malloc = module.declareFunction(named: "malloc", type: .function(returning: library.pointer, [i64]))
      made = b.call(malloc, [b.mul(elements, size)], "blas.scratch")
    }
    temporaries.append(made)
    return made
  }

  /// Makes the shadow of array `name` safe where it may be the array itself (constant memory
  /// meeting shadowed data, `ConstantShadows`, as the data of an Eigen `Map` of a constant can be):
  /// when it is, a zeroed scratch array of `span` elements (an `i64`) stands for it, so that the rule
  /// reads zeros for it and adds into memory nothing reads.
  func guardShadow(_ name: String, primal: Value, span: Value) {
    guard let shadow = derivatives[name] else { return }
    let isPrimal = b.icmp(LLVMIntEQ, shadow, primal)
    let scratch = temporary(b.select(isPrimal, span, Value.constInt(span.type, 0)), zeroed: true)
    derivatives[name] = b.select(isPrimal, scratch, shadow, "guarded.d" + name)
  }

  /// Frees the scratch memory.
  func finish() {
    let module = library.module
    let free = module.declareFunction(
      named: "free", type: .function(returning: library.void, [library.pointer]))
    for scratch in temporaries { b.call(free, [scratch]) }
    temporaries = []
  }

  /// `output := beta · output + Σ terms` where each term is a routine call that takes a `beta` of
  /// its own: the first term gets `beta`, the others 1; with no term, `scale(beta)`.
  func accumulate(_ terms: [(Value) -> Void], beta: Value, scale: (Value) -> Void) {
    guard let first = terms.first else {
      if !isOne(beta) { scale(beta) }
      return
    }
    first(beta)
    for term in terms.dropFirst() { term(one) }
  }

  /// The tangent of a routine C := op(α, A, B) + βC linear in each of α, A and B (gemm, symm,
  /// syr2k): Ċ := βĊ + op(α, Ȧ, B) + op(α, A, Ḃ) + op(α̇, A, B), a term for each active operand
  /// only, then Ċ += β̇C. `op(alpha, a, b, beta)` adds its product into Ċ scaled by `beta`; `scale`
  /// and `addC` act on the part of Ċ the routine writes.
  func productTangent(
    _ op: @escaping (_ alpha: Value, _ a: Value, _ b: Value, _ beta: Value) -> Void,
    scale: (Value) -> Void, addC: (Value) -> Void
  ) {
    var terms: [(Value) -> Void] = []
    if let da = d("a") { terms.append { op(self["alpha"], da, self["b"], $0) } }
    if let db = d("b") { terms.append { op(self["alpha"], self["a"], db, $0) } }
    if let dalpha = d("alpha") { terms.append { op(dalpha, self["a"], self["b"], $0) } }
    accumulate(terms, beta: self["beta"], scale: scale)
    if let dbeta = d("beta") { addC(dbeta) }
  }
}
