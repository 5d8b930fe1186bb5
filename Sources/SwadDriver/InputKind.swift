// The kinds of input the driver accepts, told apart by file extension.

public enum InputKind: String, Equatable, Sendable {
  case c, cxx, swift, rust, bitcode, textualIR

  public init?(path: String) {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    switch name[name.index(after: dot)...] {
    case "c": self = .c
    case "cpp", "cc", "cxx", "C": self = .cxx
    case "swift": self = .swift
    case "rs": self = .rust
    case "bc": self = .bitcode
    case "ll": self = .textualIR
    default: return nil
    }
  }

  /// Whether the input is already LLVM IR (read in process, not compiled).
  public var isIR: Bool { self == .bitcode || self == .textualIR }
}
