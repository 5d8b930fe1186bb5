// Where a derivative function takes the original's parameters: each one, followed by its shadow
// (tangent, or shadow pointer) when it has one.
import LLVMBinding

/// The positions of the original's parameters, and of their shadows, in a derivative's parameter
/// list that starts at `offset` (after a tape, a seed, ...).
struct ShadowedParameters {
  let positions: [(primal: Int, shadow: Int?)]
  /// The position after the last of them.
  let end: Int

  init(hasShadow: [Bool], offset: Int = 0) {
    var position = offset
    var positions: [(Int, Int?)] = []
    for shadowed in hasShadow {
      positions.append((position, shadowed ? position + 1 : nil))
      position += shadowed ? 2 : 1
    }
    self.positions = positions
    end = position
  }

  /// The parameter types: each original type, then its shadow's (`shadowType` of it).
  func types(of original: Function, shadowType: (IRType) -> IRType = { $0 }) -> [IRType] {
    zip(original.parameters, positions).flatMap { parameter, position in
      [parameter.type] + (position.shadow == nil ? [] : [shadowType(parameter.type)])
    }
  }

  /// Names `function`'s parameters after the original's (a shadow of `x` is `'x`).
  func name(_ function: Function, like original: Function) {
    for (parameter, position) in zip(original.parameters, positions) where !parameter.name.isEmpty {
      function.parameter(position.primal).name = parameter.name
      if let shadow = position.shadow { function.parameter(shadow).name = "'" + parameter.name }
    }
  }

  /// Copies the original's `byval` and `noalias` to the primal parameters and `noalias` to the
  /// shadows (and `byval`, if `byValueShadows`: forward mode's tangents of by-value arguments).
  func copyAttributes(to function: Function, from original: Function, byValueShadows: Bool) {
    for (index, position) in positions.enumerated() {
      function.copyByValue(from: original, parameter: index, to: position.primal)
      function.copyNoAlias(from: original, parameter: index, to: position.primal)
      SwiftRuntime.copyRegisterAttributes(ofParameter: index, of: original, to: position.primal, of: function)
      guard let shadow = position.shadow else { continue }
      function.copyNoAlias(from: original, parameter: index, to: shadow)
      if byValueShadows { function.copyByValue(from: original, parameter: index, to: shadow) }
    }
  }
}
