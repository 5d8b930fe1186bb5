// The Swift runtime and standard library as a rule table: what each function a differentiated Swift
// function may call without its body does to memory and derivatives. KnownFunctions' classifier
// consults it; the generators never test these names.
//
// How an array grows, after the pre-AD simplification: the standard library's growth functions
// (`_ContiguousArrayBuffer._consumeAndCreateNew`, `Array._createNewBuffer`, `reserveCapacity`,
// `replaceSubrange`, `append(contentsOf:)`, ...) are specialized into the module with their bodies,
// so they are ordinary defined functions with derivatives: new storage comes from `swift_allocObject`
// (an allocation whose shadow is a second object) or `_allocateBufferUninitialized`, the elements
// move with `memcpy`/`memmove` (memory transfers of the shadows), and the count and capacity stored
// into the storage's header are mirrored into the shadow's (integer stores into shadowed memory).
// A standard-library function that stays a declaration (in libswiftCore only) and receives active
// data is an error naming it, demangled.

import CLLVM
import LLVMBinding

/// The Swift runtime's functions that matter to AD.
enum SwiftRuntime {
  /// Reference counting: no derivative, but in forward mode a shadow object's count follows its
  /// primal's.
  static let referenceCountingNames: Set<String> = [
    "swift_retain", "swift_release", "swift_retain_n", "swift_release_n", "swift_bridgeObjectRetain",
    "swift_bridgeObjectRelease", "swift_bridgeObjectRetain_n", "swift_bridgeObjectRelease_n",
    // The end of an object's life on the stack (an array literal's storage): the shadow's with it.
    "swift_setDeallocating",
  ]

  /// Exclusivity checks, uniqueness tests, one-time initialization and the release of objects the
  /// runtime owns: no derivative, and no program data written that AD tracks.
  static let inactiveNames: Set<String> = [
    "swift_beginAccess", "swift_endAccess", "swift_isUniquelyReferenced_nonNull_native",
    "swift_isUniquelyReferenced_native", "swift_isUniquelyReferenced_nonNull",
    "swift_isUniquelyReferenced_nonNull_bridgeObject", "swift_once", "swift_unknownObjectRetain",
    "swift_unknownObjectRelease", "swift_deallocUninitializedObject", "swift_getTypeByMangledNameInContext2",
    "swift_getTypeByMangledNameInContextInMetadataState2", "swift_getGenericMetadata",
    "swift_getWitnessTable", "swift_getSingletonMetadata", "swift_getCanonicalSpecializedMetadata",
    "swift_willThrow", "swift_errorRelease", "swift_errorRetain", "swift_reportError",
    "swift_verifyEndOfLifetime",
  ]

  /// Standard-library functions that stay declarations and only fail (with a message) or report:
  /// `_assertionFailure`, `_fatalErrorMessage`, `preconditionFailure`'s and the bounds checks' paths.
  static func isDiagnostic(_ name: String) -> Bool {
    name.hasPrefix("$ss17_assertionFailure") || name.hasPrefix("$ss18_fatalErrorMessage")
      || name.hasPrefix("$ss30_diagnoseUnexpectedNilOptional")
  }

  static func isInactive(_ name: String) -> Bool { inactiveNames.contains(name) || isDiagnostic(name) }

  /// Allocations: the shadow of the result is a second object from the same call, its contents after
  /// the 16-byte object header zeroed (released with `swift_release`).
  static func isObjectAllocation(_ name: String) -> Bool {
    if name == "swift_allocObject" { return true }
    // The standard library's array storage allocation (`_allocateBufferUninitialized(minimumCapacity:)`
    // and its specializations), which the optimizer may leave as a call.
    return name.hasPrefix("$s") && name.contains("_allocateBufferUninitialized")
  }

  /// A function of the standard library (mangled in module `Swift`, `$ss…` or `$sS…`), as opposed to
  /// one of the user's modules.
  static func isStandardLibrary(_ name: String) -> Bool {
    name.hasPrefix("$ss") || name.hasPrefix("$sS")
  }

  /// What to do when active data reaches a standard-library function that stays in libswiftCore.
  static let unsupportedAdvice =
    "keep the active data out of it. Arrays of Float and Double grow through functions the compiler "
    + "specializes into the module, which swad differentiates; arrays of arrays or of class instances "
    + "grow through libswiftCore's prespecializations, which swad does not differentiate yet: use a flat "
    + "array of Double with computed indices"

  /// The semantics of `name` in the Swift runtime, or nil when it is not one of its functions with a
  /// rule here.
  static func semantics(ofName name: String) -> CallSemantics? {
    if isObjectAllocation(name) { return .allocation(.swiftObject) }
    if referenceCountingNames.contains(name) { return .referenceCounting }
    switch name {
    case "swift_initStackObject": return .allocation(.swiftStackObject)
    case "swift_slowAlloc": return .allocation(.uninitialized(sizeArgument: 0))
    case "swift_slowDealloc", "swift_deallocObject", "swift_deallocClassInstance": return .deallocation
    default: break
    }
    if isInactive(name) { return .inactive }
    return nil
  }
}

extension SwiftRuntime {
  /// Refuses a call that passes Swift's error register (a `swifterror` argument: the standard
  /// library's `map`, `filter`, `reduce` and `zip` take a rethrowing closure so): its derivative
  /// would have to pass the register on, which swad does not do yet. An error naming the callee,
  /// demangled, rather than a module that fails verification.
  static func requireNoSwiftError(in call: Instruction, callee: Function) throws {
    let kind = LLVMGetEnumAttributeKindForName("swifterror", 10)
    for index in 0..<call.arguments.count
    where LLVMGetCallSiteEnumAttribute(call.ref, LLVMAttributeIndex(index + 1), kind) != nil {
      throw ADError(
        "cannot differentiate the call of '\(demangledIfPossible(callee.name))': it passes Swift's error "
          + "register (a throwing or rethrowing closure, as `map`/`filter`/`reduce` take after `zip` or on a "
          + "sequence that is not an array); write the loop out (for i in indices), or make the closure's "
          + "values before the differentiated function", at: call)
    }
  }
}

/// The stack slot a `swift_initStackObject` call makes its object in (its second argument); an
/// error when the optimizer left something else there.
func stackObjectSlot(of call: Instruction) throws -> Instruction {
  guard call.arguments.count == 2, let slot = call.arguments[1].asInstruction, slot.opcode == LLVMAlloca else {
    throw ADError("cannot differentiate this 'swift_initStackObject': its object is not in a stack slot", at: call)
  }
  return slot
}
