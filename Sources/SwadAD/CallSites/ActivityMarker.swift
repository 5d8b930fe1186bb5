// Enzyme's activity markers, recognized by name the ways Enzyme recognizes them.
import CLLVM
import LLVMBinding

/// A marker passed among the arguments of an entry-point call.
enum ActivityMarker: String, CaseIterable {
  case const = "enzyme_const"
  case dup = "enzyme_dup"
  case dupnoneed = "enzyme_dupnoneed"
  case dupv = "enzyme_dupv"
  case dupnoneedv = "enzyme_dupnoneedv"
  case out = "enzyme_out"
  case width = "enzyme_width"
  case primalReturn = "enzyme_primal_return"
  case notOverwritten = "enzyme_not_overwritten"
  /// A promise that the next argument is not changed between the sweeps (Enzyme's per-argument
  /// "no cache"): a hint swad may ignore, since it saves what the reverse sweep needs regardless.
  case nocache = "enzyme_nocache"
  case constReturn = "enzyme_const_return"
  case noret = "enzyme_noret"
  case tape = "enzyme_tape"
  case allocated = "enzyme_allocated"
  /// `__enzyme_fwdsplit`: the tangent leaves the tape to the caller instead of freeing it.
  case nofree = "enzyme_nofree"
  /// `__enzyme_batch`: the next argument takes one value per lane, or one value for every lane.
  case vector = "enzyme_vector"
  case scalar = "enzyme_scalar"
  /// The next argument is a shadow context (`__enzyme_context`) holding the shadows of globals.
  case context = "enzyme_context"
  /// A flag of the whole call: a derivative term is 0 where its seed (tangent, adjoint) or its
  /// partial is 0, even when the other is infinite or NaN (`DerivativeRequest.strongZero`).
  case strongZero = "enzyme_strong_zero"
  /// A flag of the whole call asking Enzyme to tell at run time a shadow that is its primal: swad
  /// always does where it may be so (`Activity/ConstantShadows.swift`), so the flag changes nothing.
  case runtimeActivity = "enzyme_runtime_activity"

  static func isMarkerName(_ name: String) -> Bool { name.hasPrefix("enzyme_") }

  /// The marker name `value` stands for: a load of a global named `enzyme_*` (the C idiom
  /// `extern int enzyme_dup;`), the global itself (Rust passes `ptr @enzyme_const`), a metadata
  /// string, a cast of any of these, or a phi or select whose inputs all name the same marker.
  static func name(of value: Value) -> String? {
    var visiting: Set<Value> = []
    return name(of: value, visiting: &visiting)
  }

  /// `visiting` holds the phis and selects being looked through, so a cycle of phis ends the search.
  private static func name(of value: Value, visiting: inout Set<Value>) -> String? {
    if value.isMetadataAsValue {
      var length: UInt32 = 0
      guard let chars = LLVMGetMDString(value.ref, &length) else { return nil }
      let name = String(decoding: UnsafeRawBufferPointer(start: chars, count: Int(length)), as: UTF8.self)
      return isMarkerName(name) ? name : nil
    }
    let stripped = value.strippingPointerCasts
    if stripped.isGlobalVariable { return isMarkerName(stripped.name) ? stripped.name : nil }
    guard let instruction = stripped.asInstruction else { return nil }
    switch instruction.opcode {
    case LLVMLoad:
      let pointer = instruction.operand(0).strippingPointerCasts
      return pointer.isGlobalVariable && isMarkerName(pointer.name) ? pointer.name : nil
    case LLVMZExt, LLVMSExt, LLVMTrunc, LLVMPtrToInt, LLVMIntToPtr, LLVMBitCast:
      return name(of: instruction.operand(0), visiting: &visiting)
    case LLVMPHI, LLVMSelect:
      guard visiting.insert(stripped).inserted else { return nil }
      defer { visiting.remove(stripped) }
      let inputs =
        instruction.isPhi
        ? instruction.incoming.map(\.value) : [instruction.operand(1), instruction.operand(2)]
      // A phi's input that is the phi itself (a loop carrying the marker) does not decide.
      var names: Set<String?> = []
      for input in inputs where input != stripped {
        names.insert(name(of: input, visiting: &visiting))
      }
      return names.count == 1 ? names.first! : nil
    default: return nil
    }
  }
}
