// The vector functions of glibc's libmvec, by the x86-64 vector function ABI's names: what clang's
// `-fveclib=libmvec` makes loops call, and what swad's pipeline offers its vectorizers.

/// One vector function of a math library, named by the x86-64 vector function ABI: `_ZGV`, the
/// instruction set, `N` (unmasked), the lanes, a `v` per vector argument, `_`, the scalar function's
/// name (`_ZGVdN4v_tanh`: four `tanh`s with AVX2). Its derivative is its scalar function's, lane by lane.
public struct VectorFunction: Equatable, Sendable {
  /// The instruction set a variant is compiled for, and with it the register width.
  public enum ISA: Character, CaseIterable, Sendable {
    case sse = "b"
    case avx = "c"
    case avx2 = "d"
    case avx512 = "e"

    var registerBits: Int {
      switch self {
      case .sse: return 128
      case .avx, .avx2: return 256
      case .avx512: return 512
      }
    }

    /// The variants a function compiled with `features` (its `target-features`) may call, one per
    /// width: SSE always (x86-64's baseline), the wider of AVX and AVX2 that it has, and AVX-512.
    public static func available(features: String) -> [ISA] {
      let enabled = Set(features.split(separator: ",").filter { $0.hasPrefix("+") }.map { $0.dropFirst() })
      var isas: [ISA] = [.sse]
      if enabled.contains("avx2") {
        isas.append(.avx2)
      } else if enabled.contains("avx") {
        isas.append(.avx)
      }
      if enabled.contains("avx512f") { isas.append(.avx512) }
      return isas
    }
  }

  /// libmvec's functions of one double argument (glibc 2.35 and later; each also of float, with the
  /// suffix `f`).
  public static let unaryFunctions: Set<String> = [
    "acos", "acosh", "asin", "asinh", "atan", "atanh", "cbrt", "cos", "cosh", "erf", "erfc", "exp",
    "exp10", "exp2", "expm1", "log", "log10", "log1p", "log2", "sin", "sinh", "tan", "tanh",
  ]
  /// Those of two.
  public static let binaryFunctions: Set<String> = ["atan2", "hypot", "pow"]
  /// Those that are also LLVM intrinsics (`llvm.tanh.f64`, what clang calls with `-fno-math-errno`).
  public static let intrinsicFunctions: Set<String> = [
    "acos", "asin", "atan", "atan2", "cos", "cosh", "exp", "exp10", "exp2", "log", "log10", "log2",
    "pow", "sin", "sinh", "tan", "tanh",
  ]

  /// The scalar function's name without the float suffix (`tanh` for `tanhf`).
  public var name: String
  public var isFloat: Bool
  public var arity: Int
  public var isa: ISA

  public var lanes: Int { isa.registerBits / (isFloat ? 32 : 64) }
  /// The scalar function's C name (`tanhf`).
  public var scalarName: String { name + (isFloat ? "f" : "") }
  var parameters: String { String(repeating: "v", count: arity) }
  public var symbol: String { "_ZGV\(isa.rawValue)N\(lanes)\(parameters)_\(scalarName)" }

  /// The entry of the `vector-function-abi-variant` attribute saying that this function computes
  /// `lanes` calls of `callee` (the called function's name: the C function or its intrinsic).
  public func mapping(of callee: String) -> String { "_ZGV_LLVM_N\(lanes)\(parameters)_\(callee)(\(symbol))" }

  public init(name: String, isFloat: Bool, arity: Int, isa: ISA) {
    (self.name, self.isFloat, self.arity, self.isa) = (name, isFloat, arity, isa)
  }

  /// The libmvec function `symbol` names, if it names one: an unmasked variant of one of the library's
  /// functions with the lanes its instruction set has.
  public init?(symbol: String) {
    guard symbol.hasPrefix("_ZGV") else { return nil }
    let mangled = symbol.dropFirst(4)
    guard let isaLetter = mangled.first, let isa = ISA(rawValue: isaLetter), mangled.dropFirst().first == "N"
    else { return nil }
    let digits = mangled.dropFirst(2).prefix { $0.isNumber }
    let rest = mangled.dropFirst(2 + digits.count)
    let parameters = rest.prefix { $0 == "v" }
    guard let lanes = Int(digits), rest.dropFirst(parameters.count).first == "_" else { return nil }
    var name = String(rest.dropFirst(parameters.count + 1))
    var isFloat = false
    if !Self.unaryFunctions.contains(name) && !Self.binaryFunctions.contains(name) && name.hasSuffix("f") {
      name.removeLast()
      isFloat = true
    }
    let arity = Self.binaryFunctions.contains(name) ? 2 : 1
    guard Self.unaryFunctions.contains(name) || Self.binaryFunctions.contains(name) else { return nil }
    self.init(name: name, isFloat: isFloat, arity: arity, isa: isa)
    guard self.lanes == lanes, self.arity == parameters.count else { return nil }
  }
}
