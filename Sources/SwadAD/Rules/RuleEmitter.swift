// The one interpreter of derivative expressions: turns a partial derivative into IR.
import CLLVM
import LLVMBinding

/// Emits the partial derivatives of one operation at the builder's position. Subexpressions are
/// emitted once (an expression that appears in several partials, like `x*x + y*y` in atan2, is shared).
struct RuleEmitter {
  let module: Module
  let builder: Builder
  /// The operation's primal operands, in the new function.
  let operands: [Value]
  /// The primal result, if a partial reads it.
  let result: Value?
  /// The floating-point type (scalar or vector) in which partials are computed.
  let type: IRType
  /// `enzyme_strong_zero`: `scale` gives 0 where the seed or the partial is 0, whatever the other
  /// (0 · ∞ and 0 · NaN are NaN in IEEE arithmetic, and would reach every input's derivative).
  let strongZero: Bool
  private var emitted: [DerivativeExpr: Value] = [:]

  init(module: Module, builder: Builder, operands: [Value], result: Value?, type: IRType, strongZero: Bool) {
    self.module = module
    self.builder = builder
    self.operands = operands
    self.result = result
    self.type = type
    self.strongZero = strongZero
  }

  /// The value of `expr`.
  mutating func emit(_ expr: DerivativeExpr) -> Value {
    if let done = emitted[expr] { return done }
    let value = build(expr)
    emitted[expr] = value
    return value
  }

  /// `partial · seed`, without a multiplication when the partial is the constant ±1; under
  /// `strongZero`, 0 where either is 0, unless the partial is a constant (a finite one). Both
  /// sides: in reverse mode the zero is mostly the seed (the adjoint of a term weighted by 0), in
  /// forward mode mostly the partial (the weight 0 of a term whose tangent is infinite).
  mutating func scale(_ partial: DerivativeExpr, by seed: Value) -> Value {
    switch partial {
    case .constant(1): return seed
    case .constant(-1): return builder.fneg(seed)
    case .constant: return builder.derivativeFMul(emit(partial), seed)
    default:
      let factor = emit(partial)
      let term = builder.derivativeFMul(factor, seed)
      guard strongZero else { return term }
      let zero = Value.null(term.type)
      let either = builder.or(builder.fcmp(LLVMRealOEQ, seed, zero), builder.fcmp(LLVMRealOEQ, factor, zero))
      return builder.select(either, zero, term)
    }
  }

  /// A constant vector with its poison and undef lanes made 0 (any value is theirs to choose). The
  /// SLP vectorizer multiplies by `<double poison, double 2.0>` where the first lane is discarded
  /// later: in a partial, the poison lane made that lane of the adjoint poison (0 · poison is
  /// poison), which reached another value's adjoint through the vector and the optimizer then
  /// folded as it pleased (a gradient silently wrong at -O3 -ffast-math).
  static func definedLanes(of value: Value) -> Value {
    if value.isUndef { return Value.null(value.type) }  // poison too (a kind of undef)
    guard value.type.isVector, LLVMIsAConstant(value.ref) != nil else { return value }
    let lanes = (0..<value.type.vectorSize).map { Value(LLVMGetAggregateElement(value.ref, $0)) }
    guard lanes.contains(where: \.isUndef) else { return value }
    var refs: [LLVMValueRef?] = lanes.map { $0.isUndef ? Value.null($0.type).ref : $0.ref }
    return Value(LLVMConstVector(&refs, UInt32(refs.count)))
  }

  private mutating func build(_ expr: DerivativeExpr) -> Value {
    switch expr {
    case .operand(let i): return Self.definedLanes(of: operands[i])
    case .result:
      guard let result else { preconditionFailure("rule reads the result, but none was provided") }
      return result
    case .resultPart(let k):
      guard let result else { preconditionFailure("rule reads the result, but none was provided") }
      return FloatScalars.scalar(k, of: result, builder: builder)
    case .constant(let c): return Value.constReal(type, c)
    case .integerOperandAsFloat(let i):
      var n = operands[i]
      if type.isVector && !n.type.isVector {
        n = builder.insertElement(
          Value.poison(IRType.vector(of: n.type, count: type.vectorSize)), n,
          Value.constInt(IRType.int(32, in: module.context), 0))
        n = builder.shuffleVector(
          n, Value.poison(n.type),
          mask: Value.null(IRType.vector(of: IRType.int(32, in: module.context), count: type.vectorSize)))
      }
      return builder.cast(LLVMSIToFP, n, to: type)
    case .add(let a, let b): return builder.derivativeFAdd(emit(a), emit(b))
    case .sub(let a, let b): return builder.derivativeFSub(emit(a), emit(b))
    case .mul(let a, let b): return builder.derivativeFMul(emit(a), emit(b))
    case .div(let a, let b): return builder.fdiv(emit(a), emit(b))
    case .neg(let a): return builder.fneg(emit(a))
    case .math(let name, let args):
      let values = args.map { emit($0) }
      return MathLibrary(module: module, builder: builder).call(name, values, type: type)
    case .powiOffset(let base, let exponentOperand, let offset):
      let n = operands[exponentOperand]
      let shifted = builder.add(n, Value.constInt(n.type, Int64(offset)))
      let powi = module.intrinsic("llvm.powi", overloadedOn: [type, n.type])!
      return builder.call(powi, [emit(base), shifted])
    case .orderedMath(let name, let orderOperand, let offset, let argument):
      let n = operands[orderOperand]
      let order = builder.add(n, Value.constInt(n.type, Int64(offset)))
      return MathLibrary(module: module, builder: builder).call(name, [order, emit(argument)], type: type)
    case .select(let comparison, let a, let b):
      let predicate: LLVMRealPredicate =
        switch comparison.relation {
        case .lt: LLVMRealOLT
        case .le: LLVMRealOLE
        case .gt: LLVMRealOGT
        case .ge: LLVMRealOGE
        case .eq: LLVMRealOEQ
        case .ne: LLVMRealUNE
        }
      let condition = builder.fcmp(predicate, emit(comparison.lhs), emit(comparison.rhs))
      return builder.select(condition, emit(a), emit(b))
    }
  }
}

/// The scalars of the values complex functions take and return: a float is one scalar, `<2 x float>`
/// and `{double, double}` are two (x86-64's `float _Complex` and returned `double _Complex`).
enum FloatScalars {
  static func count(of type: IRType) -> Int {
    if type.isVector { return Int(type.vectorSize) }
    if type.isStruct { return type.structElements.count }
    return 1
  }

  /// The type of each scalar.
  static func scalarType(of type: IRType) -> IRType {
    if type.isVector { return type.elementType }
    if type.isStruct { return type.structElements[0] }
    return type
  }

  static func scalars(of value: Value, builder: Builder) -> [Value] {
    (0..<count(of: value.type)).map { scalar($0, of: value, builder: builder) }
  }

  static func scalar(_ index: Int, of value: Value, builder: Builder) -> Value {
    let type = value.type
    if type.isVector {
      return builder.extractElement(
        value, Value.constInt(IRType(LLVMInt32TypeInContext(type.context)), Int64(index)))
    }
    if type.isStruct { return builder.extractValue(value, UInt32(index)) }
    return value
  }

  /// A value of `type` made of `scalars`.
  static func assemble(_ scalars: [Value], as type: IRType, builder: Builder) -> Value {
    if type.isVector {
      let i32 = IRType(LLVMInt32TypeInContext(type.context))
      return scalars.enumerated().reduce(Value.poison(type)) {
        builder.insertElement($0, $1.element, Value.constInt(i32, Int64($1.offset)))
      }
    }
    if type.isStruct {
      return scalars.enumerated().reduce(Value.poison(type)) {
        builder.insertValue($0, $1.element, UInt32($1.offset))
      }
    }
    return scalars[0]
  }
}

/// Calls of math functions by libm name, as LLVM intrinsics where they exist (they fold, vectorize
/// and work on any float type) and as libm calls otherwise (scalarized for vectors); `digamma`, which
/// libm lacks, as a function swad emits (Digamma.swift).
struct MathLibrary {
  let module: Module
  let builder: Builder

  /// Functions LLVM 22 has intrinsics for.
  static let intrinsics: Set<String> = [
    "sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "exp", "exp2",
    "exp10", "log", "log2", "log10", "pow", "fabs", "copysign", "floor", "ceil", "trunc", "round", "rint",
    "nearbyint", "roundeven", "fma", "minnum", "maxnum",
  ]

  func call(_ name: String, _ arguments: [Value], type: IRType) -> Value {
    if Self.intrinsics.contains(name),
      let intrinsic = module.intrinsic("llvm." + name, overloadedOn: [type])
    {
      return builder.call(intrinsic, arguments)
    }
    if type.isVector {
      var vector = Value.poison(type)
      let i32 = IRType.int(32, in: module.context)
      for lane in 0..<type.vectorSize {
        let index = Value.constInt(i32, Int64(lane))
        let scalars = arguments.map { $0.type.isVector ? builder.extractElement($0, index) : $0 }
        vector = builder.insertElement(vector, call(name, scalars, type: type.elementType), index)
      }
      return vector
    }
    if name == "digamma" { return builder.call(Digamma.function(in: module, type: type), arguments) }
    let suffix =
      switch type.kind {
      case LLVMFloatTypeKind: "f"
      case LLVMX86_FP80TypeKind, LLVMFP128TypeKind: "l"
      default: ""
      }
    // Integer arguments (a Bessel function's order) keep their type.
    let function = module.declareFunction(
      named: name + suffix,
      type: .function(returning: type, arguments.map { $0.type.isInteger ? $0.type : type }))
    return builder.call(function, arguments)
  }
}
