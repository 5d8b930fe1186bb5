// Where a derivative function takes the original's parameters: each one, followed by its shadow
// (tangent, or shadow pointer) when it has one — one per lane in batched reverse mode.
import LLVMBinding

/// The positions of the original's parameters, and of their shadows, in a derivative's parameter
/// list that starts at `offset` (after a tape, a seed, ...). With `width` lanes, a shadowed
/// parameter is followed by `width` shadows, lane 0 first (batched reverse mode; forward mode packs
/// its lanes into one `[width x T]` parameter and lays them out with width 1).
struct ShadowedParameters {
  /// Per parameter: its position, and the position of its first shadow.
  let positions: [(primal: Int, shadow: Int?)]
  let width: Int
  /// The position after the last of them.
  let end: Int

  init(hasShadow: [Bool], offset: Int = 0, width: Int = 1) {
    var position = offset
    var positions: [(Int, Int?)] = []
    for shadowed in hasShadow {
      positions.append((position, shadowed ? position + 1 : nil))
      position += shadowed ? 1 + width : 1
    }
    self.positions = positions
    self.width = width
    end = position
  }

  /// The positions of parameter `index`'s shadows, one per lane (none when it has no shadow).
  func shadowLanes(of index: Int) -> [Int] {
    positions[index].shadow.map { first in (0..<width).map { first + $0 } } ?? []
  }

  /// The parameter types: each original type, then its shadows' (`shadowType` of it).
  func types(of original: Function, shadowType: (IRType) -> IRType = { $0 }) -> [IRType] {
    zip(original.parameters, positions).flatMap { parameter, position in
      [parameter.type] + (position.shadow == nil ? [] : Array(repeating: shadowType(parameter.type), count: width))
    }
  }

  /// Names `function`'s parameters after the original's (a shadow of `x` is `'x`; of lane k > 0, `'x.k`).
  func name(_ function: Function, like original: Function) {
    for (index, parameter) in original.parameters.enumerated() where !parameter.name.isEmpty {
      function.parameter(positions[index].primal).name = parameter.name
      for (lane, shadow) in shadowLanes(of: index).enumerated() {
        function.parameter(shadow).name = "'" + parameter.name + (lane == 0 ? "" : ".\(lane)")
      }
    }
  }

  /// Copies the original's `byval` and `noalias` to the primal parameters and `noalias` to the
  /// shadows (and `byval`, if `byValueShadows`: forward mode's tangents of by-value arguments).
  func copyAttributes(to function: Function, from original: Function, byValueShadows: Bool) {
    for (index, position) in positions.enumerated() {
      function.copyByValue(from: original, parameter: index, to: position.primal)
      function.copyNoAlias(from: original, parameter: index, to: position.primal)
      SwiftRuntime.copyRegisterAttributes(ofParameter: index, of: original, to: position.primal, of: function)
      for shadow in shadowLanes(of: index) {
        function.copyNoAlias(from: original, parameter: index, to: shadow)
        if byValueShadows { function.copyByValue(from: original, parameter: index, to: shadow) }
      }
    }
  }
}
