// Remarks on derivatives whose loops call a scalar math function no vectorizer can replace: where,
// and the flags that would give it a vector version (libmvec's, or swad's own arithmetic).
import CLLVM
import LLVMBinding
import SwadAD
import SwadAnalysis

/// A loop that calls `tanh` once per element does not vectorize unless the vectorizers have a vector
/// `tanh` to call, and each call costs what the library's scalar function costs: in the Eigen MLP
/// built for x86-64's baseline, the forward sweep's `tanh` is most of the gradient's time, and JAX,
/// whose `tanh` is vectorized, was 3.5–4.2 times faster. Nothing in the derivative's cost says so;
/// the tape remarks are all small. So each derivative whose loops call one of glibc's vector math
/// functions (`VectorFunction`) as a scalar gets a remark saying where, and what would change it:
/// - with no vector library chosen, `-fno-math-errno -fveclib=libmvec` (the driver) or
///   `--vector-library=libmvec` (swad-opt, on bitcode compiled with `-fno-math-errno`);
/// - with libmvec chosen but the function declared as one that may set `errno` (compiled without
///   `-fno-math-errno`), that flag: the vectorizers do not reorder a call that writes memory.
/// With libmvec chosen and a call free of side effects, the vectorizers may call the vector
/// version, or decline the loop for a reason of their own, which this stage cannot name: no remark.
/// A call in an outer loop counts too: the jam stage's copies of it become one vector call.
///
/// The remarks are made before the first optimization after AD, whose passes inline derivatives
/// into their callers; a call they are about stays a scalar call through the passes, since nothing
/// can vectorize it (a vector intrinsic, `llvm.tanh.v4f64`, made without a library, becomes scalar
/// calls again).
///
/// Only where libmvec exists (x86-64 with glibc). Swift calls C's functions with `errno`'s semantics
/// and has no `-fno-math-errno` (README, "Vector math functions"), so a Swift derivative gets a
/// remark only for a function that swad's own library writes out whatever errno says (`tanh`).
enum ScalarMathInLoops {
  /// The remarks on `derivatives`, before the post-AD passes: the calls they are about stay scalar
  /// through those passes.
  static func remarks(on derivatives: [Function], library: VectorLibrary?, in module: Module) -> [Remark] {
    let triple = module.targetTriple
    guard triple.hasPrefix("x86_64"), triple.contains("-linux-gnu") else { return [] }
    var remarks: [Remark] = []
    for function in derivatives where !function.isDeclaration {
      let name = function.name
      let isSwift = name.contains("$s")
      // The calls first, the loops only for a function that has one: most derivatives have none.
      let calls = function.blocks.flatMap { block in
        block.instructions.compactMap { call -> (Instruction, Function, String)? in
          // A vector intrinsic (`llvm.tanh.v4f64`) without a library is split into scalar calls.
          guard call.opcode == LLVMCall, let callee = call.calledFunction,
            !call.type.isVector || (library == nil && callee.isIntrinsic),
            let scalar = MathCall.scalarFunction(callee, call: call)
          else { return nil }
          return (call, callee, scalar.name + (scalar.isFloat ? "f" : ""))
        }
      }
      guard !calls.isEmpty else { continue }
      let cycles = CycleInfo(function: function)
      // Each math function once: the place of its first call with one, in the order of the blocks,
      // and whether any of its calls may set errno.
      var seen: [String: (place: String?, writes: Bool)] = [:]
      var order: [String] = []
      for (call, callee, spelled) in calls where cycles.isCyclic(call.parent) {
        let writes = MathCall.mayWriteMemory(call, callee: callee)
        let place = call.sourceLocation.flatMap { $0.line > 0 ? $0.shortDescription : nil }
        if let earlier = seen[spelled] {
          seen[spelled] = (earlier.place ?? place, earlier.writes || writes)
          continue
        }
        order.append(spelled)
        seen[spelled] = (place, writes)
      }
      for spelled in order {
        let (place, writes) = seen[spelled]!
        let at = place.map { " at \($0)" } ?? ""
        let what =
          "\(RemarkName.derivative(name)): a loop\(at) calls the scalar `\(spelled)` in every iteration"
        if isSwift {
          guard library == nil, let kernel = InlineMathKernels.kernel(named: spelled), !kernel.mayWriteErrno,
            kernel.pays(in: function)
          else { continue }
          remarks.append(
            Remark(
              "\(what): there is no vector \(spelled) to call on several elements at once; swad's own "
                + "\(spelled) is arithmetic the vectorizers widen (`swad -fveclib=swad`, or "
                + "`swad-opt --vector-library=swad`)"))
          continue
        }
        if library == nil {
          // swad's own kernel, where it has one: for a function that may set errno, only where
          // the call may not.
          var own = ""
          if let kernel = InlineMathKernels.kernel(named: spelled), kernel.pays(in: function) {
            let flag = kernel.mayWriteErrno && writes ? "-fno-math-errno " : ""
            own =
              "swad's own \(spelled) is arithmetic the vectorizers widen (`swad \(flag)-fveclib=swad`, or "
              + "`swad-opt --vector-library=swad`\(flag.isEmpty ? "" : " on bitcode compiled with `-fno-math-errno`")); "
          }
          remarks.append(
            Remark(
              "\(what): there is no vector \(spelled) to call on several elements at once; \(own)glibc's "
                + "vector math functions give one (`swad -fno-math-errno -fveclib=libmvec`, or "
                + "`swad-opt --vector-library=libmvec` on bitcode compiled with `-fno-math-errno`)"))
        } else if writes {
          remarks.append(
            Remark(
              "\(what): it may set errno, so the vectorizers may not call \(library == .swad ? "a" : "libmvec's") "
                + "vector \(spelled) in its place; compile with `-fno-math-errno`"))
        }
      }
    }
    return remarks
  }
}
