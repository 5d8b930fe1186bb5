// The activities of Rust's std::autodiff (and of the talk in ../shared/seed), for the
// @autodiffReverse and @autodiffForward macros. The macro reads them from the attribute's syntax;
// the enum exists so that the attribute type-checks and code completion lists them.

/// How a parameter or the result takes part in differentiation: one activity per parameter of the
/// annotated function, then one for its result (none when it returns `Void`).
///
/// | activity          | mode    | parameter                                   | result                                  |
/// |-------------------|---------|---------------------------------------------|-----------------------------------------|
/// | `.const`          | both    | not differentiated                          | not differentiated                      |
/// | `.active`         | reverse | Float/Double (or tuple): adjoint returned   | seed parameter; primal returned first   |
/// | `.activeOnly`     | reverse | —                                           | seed parameter; primal not returned     |
/// | `.duplicated`     | reverse | pointer/buffer/array/inout: shadow follows  | —                                       |
/// | `.duplicatedOnly` | reverse | as `.duplicated`, primal need not be kept   | —                                       |
/// | `.dual`           | forward | tangent parameter(s) follow                 | primal and tangent(s) returned          |
/// | `.dualOnly`       | forward | as `.dual`, primal need not be kept         | only the tangent(s) returned            |
/// | `.dualv`          | forward | one vector shadow holds all `width` lanes   | primal and a tuple of `width` tangents  |
/// | `.dualvOnly`      | forward | as `.dualv`, primal need not be kept        | the tuple of `width` tangents           |
///
/// With `width: N`, a reverse-mode `.active` parameter's adjoint is a tuple of N (one per lane), an
/// active result takes N seeds, and a `.duplicated` parameter N shadows.
public enum Activity: Sendable {
  case const
  case active
  case activeOnly
  case duplicated
  case duplicatedOnly
  case dual
  case dualOnly
  case dualv
  case dualvOnly
}
