// Masked vector loads and stores, made of branches and scalar accesses before differentiation.
import CLLVM
import LLVMBinding

/// The loop vectorizer under AVX2 or AVX-512 (`-O3 -march=native`) folds a loop's remainder into
/// its vector body with masked loads and stores (`llvm.masked.load`, `.store`, `.gather`,
/// `.scatter`, `.expandload`, `.compressstore`), and if-converts a conditional access
/// (`x[i] = fmin(x[i], 3)` only where it changes, a stencil's `i + 1 < n ? x[i + 1] : 0`) the same
/// way. They had no rule, and ordinary loops were refused. Each one becomes, per lane, a test of its
/// mask bit and a scalar load or store (LLVM's `scalarize-masked-mem-intrin`, run without a target so
/// that no masked access counts as legal): code both modes differentiate, lane by lane, with the
/// shadow accessed exactly where the primal is. The post-AD vectorizer may make vectors of it again.
enum MaskedMemory {
  static let prefixes = [
    "llvm.masked.load", "llvm.masked.store", "llvm.masked.gather", "llvm.masked.scatter",
    "llvm.masked.expandload", "llvm.masked.compressstore",
  ]

  /// Scalarizes the masked accesses of `functions`; returns the functions changed.
  @discardableResult
  static func scalarize(in functions: [Function]) throws -> [Function] {
    let changed = functions.filter { function in
      function.blocks.contains { block in
        block.instructions.contains { instruction in
          guard instruction.isCall, let callee = instruction.calledFunction else { return false }
          return prefixes.contains(where: callee.name.hasPrefix)
        }
      }
    }
    for function in changed { try function.runPasses("scalarize-masked-mem-intrin", targetMachine: nil) }
    return changed
  }
}
