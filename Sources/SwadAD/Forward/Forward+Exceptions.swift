// Forward mode, exceptions: a call that was an invoke calls the callee's derivative through an
// invoke; the exception paths are differentiated like any other code, so the cleanups that release
// primal memory release its shadows too (see `Support/UnwindEmission`).
import LLVMBinding

extension ForwardEmitter: UnwindEmitting {
  var unwindTarget: Function { derived }

  func replaceEmitted(_ old: Value, with new: Value) {
    map.replace(old, with: new)
    for (key, lanes) in tangents where lanes.contains(old) {
      tangents[key] = lanes.map { $0 == old ? new : $0 }
    }
  }
}
