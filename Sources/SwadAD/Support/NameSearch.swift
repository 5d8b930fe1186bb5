// Text helpers SwadAD needs without Foundation (which swad-opt does not load: it costs every run
// ~8 ms of start-up): a byte search in names, for tests that run on every call of a module, and
// trimming.
import Glibc

extension String {
  /// Whether `fragment` occurs in the string, compared byte by byte (for the ASCII fragments swad
  /// looks for, the same answer as `contains`). The entry-point test asks it of every callee of the module,
  /// once per mode, and a byte loop is cheaper than `contains`'s generic search.
  func containsBytes(of fragment: String) -> Bool {
    var haystack = self
    var needle = fragment
    return haystack.withUTF8 { text in
      needle.withUTF8 { part in
        guard !part.isEmpty else { return true }
        guard part.count <= text.count, let base = text.baseAddress, let partBase = part.baseAddress else {
          return false
        }
        let first = part[0]
        var index = 0
        while index <= text.count - part.count {
          if text[index] == first, memcmp(base + index, partBase, part.count) == 0 { return true }
          index += 1
        }
        return false
      }
    }
  }

  /// The string without the spaces, tabs and line breaks at its ends.
  public func trimmingWhitespace() -> String {
    let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
    return String(drop(while: isBlank).reversed().drop(while: isBlank).reversed())
  }
}
