// How remarks name functions: short, as their users call them.
import LLVMBinding

/// The names remarks give functions and derivatives.
///
/// Errors name a function in full (`demangledIfPossible`: the demangled signature, the symbol
/// after), since an error is read once and must be exact. Remarks are read by the dozen, each
/// line starting with the function it is about: for C++ templates the full name was a median of
/// a thousand characters per line on the Eigen MLP, and for Swift the signature with every type
/// and the symbol after it. So remarks write C++ names with each template's arguments elided
/// (`Eigen::internal::product_evaluator<…>::coeff(long, long) const`) and Swift names as Swift's
/// own diagnostics do (`gmmObjective(d:k:n:)`). Shortened so, two functions may read the same
/// (two instantiations of one template, two overloads): the first keeps the short name, the others
/// get their symbol after it. One instance names the functions of one run of the transform.
public final class RemarkNames {
  private var symbolOfName: [String: String] = [:]

  public init() {}

  /// The name of the function whose symbol is `symbol`, told apart from the others this instance
  /// named.
  public func function(_ symbol: String) -> String {
    let short = RemarkName.function(symbol)
    if let owner = symbolOfName[short], owner != symbol { return "\(short) (\(symbol))" }
    symbolOfName[short] = symbol
    return short
  }
}

/// Short names, each on its own (`RemarkNames` tells apart the ones that read the same).
public enum RemarkName {
  /// The name of the function whose symbol is `symbol`.
  public static func function(_ symbol: String) -> String {
    if let swift = demangledSwiftName(symbol) { return shortSwift(swift) }
    if let cxx = demangledCXXName(symbol) { return elidingTemplateArguments(cxx) }
    return symbol
  }

  /// The name of a derivative swad synthesized, read from its symbol (`diffe…`, `diffe_reverse_…`,
  /// `augmented_…`, `fwddiffe…`, `fwdsplit_…`): what it is, and of which function. A second
  /// derivative of one function (LLVM numbers its symbol, `diffenet.1`) and a batched one
  /// (`fwddiffe8net`) say so. A symbol that does not read so is named as a function.
  public static func derivative(_ symbol: String) -> String {
    // Longest prefixes first: `diffe_reverse_` is also a `diffe`.
    let kinds = [
      ("augmented_fwdsplit_", "the forward sweep of the split derivative of "),
      ("fwdsplit_", "the split derivative of "),
      ("diffe_reverse_", "the reverse sweep of "), ("augmented_", "the forward sweep of "),
      ("fwddiffe", "the derivative of "), ("diffe", "the gradient of "),
    ]
    guard let (prefix, what) = kinds.first(where: { symbol.hasPrefix($0.0) }) else { return function(symbol) }
    var rest = symbol.dropFirst(prefix.count)
    var notes: [String] = []
    if prefix == "fwddiffe", let width = Int(rest.prefix(while: \.isNumber)) {
      rest = rest.drop(while: \.isNumber)
      notes.append("width \(width)")
    }
    let (original, copy) = withoutCopyNumber(String(rest))
    guard !original.isEmpty, !original.hasPrefix(".") else { return symbol }
    if copy { notes.append(symbol) }
    return what + function(original) + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))")
  }

  /// `symbol` without the `.N` LLVM appends to a name already taken (a second derivative of the
  /// same function), which no demangler reads, and whether it had one.
  private static func withoutCopyNumber(_ symbol: String) -> (String, Bool) {
    guard let dot = symbol.lastIndex(of: "."), dot != symbol.startIndex,
      symbol.index(after: dot) != symbol.endIndex, symbol[symbol.index(after: dot)...].allSatisfy(\.isNumber)
    else { return (symbol, false) }
    return (String(symbol[..<dot]), true)
  }

  /// The tokens of C++ operator names that `<`, `>` or `-` start, longest first.
  private static let operatorTokens = [
    "<=>", "<<=", ">>=", "->*", "<<", ">>", "<=", ">=", "==", "->", "-=", "--", "<", ">", "=", "-",
  ]

  /// `text` with the contents of every `<…>` pair elided. The `<` and `>` of operator names
  /// (`operator<<`, `operator->`) are not brackets. Text whose brackets do not pair up (an
  /// expression among template arguments) is returned as it is.
  static func elidingTemplateArguments(_ text: String) -> String {
    var result = ""
    var depth = 0
    var characters = Array(text)[...]
    while let character = characters.popFirst() {
      if depth == 0, character == "r", endsWithWord("operato", result) {
        result.append(character)
        // The operator's own token, longest first; a `<` after it opens the operator template's
        // arguments (`operator=<int>`, `operator< <int>`).
        let rest = String(characters.prefix(3))
        if let token = operatorTokens.first(where: { rest.hasPrefix($0) }) {
          result += token
          characters.removeFirst(token.count)
        }
        continue
      }
      switch character {
      case "<":
        if depth == 0 { result += "<…" }
        depth += 1
      case ">":
        guard depth > 0 else { return text }
        depth -= 1
        if depth == 0 { result.append(">") }
      default:
        if depth == 0 { result.append(character) }
      }
    }
    return depth == 0 ? result : text
  }

  /// A Swift function as Swift's diagnostics name it: `Type.method(label:_:)`, without the module
  /// or the parameters' types. Closures, thunks, specializations and accessors keep the runtime's demangling,
  /// without the standard library's `Swift.` qualifiers.
  static func shortSwift(_ demangled: String) -> String {
    let plain = withoutWord("Swift.", in: demangled)
    // `sgmm.gmmObjective(d: Swift.Int, k: Swift.Int) -> Swift.Double`: a path, a parameter list.
    guard !demangled.contains(" in "), !demangled.contains(" of "), let open = demangled.firstIndex(of: "("),
      let close = matchingParenthesis(in: demangled, from: open)
    else { return plain }
    let path = demangled[..<open].split(separator: ".")
    guard path.count >= 2, path.allSatisfy({ $0.allSatisfy(isIdentifierCharacter) }) else { return plain }
    // (The `>` of a function type's arrow closes no bracket.)
    let parameters = demangled[demangled.index(after: open)..<close].replacing("->", with: "→")
      .itemsOutsideBrackets().map { $0.drop(while: { $0 == " " }) }.filter { !$0.isEmpty }
    let labels = parameters.map { parameter -> String in
      // `label: Type`; an unlabeled parameter is `Type` alone.
      guard let colon = parameter.firstIndex(of: ":"), parameter[..<colon].allSatisfy(isIdentifierCharacter)
      else { return "_:" }
      return parameter[..<colon] + ":"
    }
    // The module goes (`Swift` too: `Double.squareRoot()`), the types it holds stay.
    return path.dropFirst().joined(separator: ".") + "(" + labels.joined() + ")"
  }

  private static func isIdentifierCharacter(_ character: Character) -> Bool {
    character.isLetter || character.isNumber || character == "_"
  }

  /// Whether `text` ends with `word` where a word starts (`operator`, not `cooperator`).
  private static func endsWithWord(_ word: String, _ text: String) -> Bool {
    guard text.hasSuffix(word) else { return false }
    return text.dropLast(word.count).last.map { !isIdentifierCharacter($0) } ?? true
  }

  /// `text` without `word` wherever a word starts with it (`Swift.Int`, not `MySwift.Int`).
  private static func withoutWord(_ word: String, in text: String) -> String {
    var result = ""
    var rest = text[...]
    while let range = rest.firstRange(of: word) {
      let before = rest[..<range.lowerBound]
      result += before
      let startsWord = (before.last ?? result.last).map { !isIdentifierCharacter($0) } ?? true
      if !startsWord { result += rest[range] }
      rest = rest[range.upperBound...]
    }
    return result + rest
  }

  /// The index of the `)` that closes the `(` at `open`.
  private static func matchingParenthesis(in text: String, from open: String.Index) -> String.Index? {
    var depth = 0
    for index in text[open...].indices {
      if text[index] == "(" { depth += 1 }
      if text[index] == ")" {
        depth -= 1
        if depth == 0 { return index }
      }
    }
    return nil
  }
}
