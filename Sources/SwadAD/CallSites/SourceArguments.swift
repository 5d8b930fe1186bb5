// The parameters of a function as its source declares them, where the C calling convention split
// one into several.
import LLVMBinding

/// x86-64's C calling convention passes a record or a complex number of 9 to 16 bytes by value as
/// two values, one per eight bytes: `double complex z` and `std::complex<double> z` are two `double`
/// parameters in IR, and so are their values in a variadic call such as `__enzyme_fwddiff(f,
/// enzyme_dup, z, dz)`. Read one IR parameter at a time, that call gave the real part the imaginary
/// part as its tangent and the imaginary part the shadow's real part as its value: a wrong tangent,
/// silently. An activity marker stands for a source argument: for the IR parameters it became, all
/// their values come first, then all their shadows.
enum SourceArguments {
  /// The indices of `function`'s IR parameters grouped by the source argument each carries part of,
  /// in order; nil when no argument was split (or the debug info does not say, or says something the
  /// IR parameters do not match).
  static func splitGroups(of function: Function, module: Module) -> [[Int]]? {
    // The System V convention (Linux, the BSDs, macOS) on x86-64; Windows passes such records by
    // reference.
    let triple = module.targetTriple
    guard triple.hasPrefix("x86_64"), !triple.contains("windows"), !triple.contains("win32"),
      let types = function.sourceParameterTypes, !types.isEmpty
    else { return nil }
    let parameters = function.parameters
    // A struct returned in memory: the hidden first parameter, which the source does not list.
    let first = function.hasAttribute("sret", at: 1) ? 1 : 0
    var groups: [[Int]] = first == 1 ? [[0]] : []
    var next = first
    for type in types {
      let count: Int
      switch type.passing {
      case .scalar, .byReference:
        count = 1
      case .aggregate:
        let bits = type.sizeInBits
        // An empty C++ record is no parameter at all; one of more than 16 bytes is passed in memory.
        guard bits > 0 else { return nil }
        count = bits > 128 ? 1 : (bits + 63) / 64
      case .unknown:
        return nil
      }
      guard next + count <= parameters.count else { return nil }
      // The two halves are values, not a pointer (a record passed in memory when the registers ran
      // out is one pointer, and the counts then disagree).
      if count > 1, parameters[next..<next + count].contains(where: { $0.type.isPointer }) { return nil }
      groups.append(Array(next..<next + count))
      next += count
    }
    guard next == parameters.count, groups.contains(where: { $0.count > 1 }) else { return nil }
    return groups
  }
}
