// A byte search in names, for tests that run on every call of a module.
import Foundation

extension String {
  /// Whether `fragment` occurs in the string, compared byte by byte (for the ASCII fragments swad
  /// looks for, the same answer as `contains`). With Foundation imported, `contains` is Foundation's,
  /// which goes through NSString and costs thousands of instructions a call; the entry-point test
  /// asks it of every callee of the module, once per mode.
  func containsBytes(of fragment: String) -> Bool {
    var haystack = self
    var needle = fragment
    return haystack.withUTF8 { text in
      needle.withUTF8 { part in
        guard !part.isEmpty else { return true }
        guard part.count <= text.count, let base = text.baseAddress, let partBase = part.baseAddress else { return false }
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
}
