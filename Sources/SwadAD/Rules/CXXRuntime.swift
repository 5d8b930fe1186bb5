// The C++ runtime as a rule table: what each of its functions does to memory and derivatives.
// KnownFunctions' classifier consults it; the generators never test these names.

/// The C++ runtime's functions that matter to AD.
enum CXXRuntime {
  /// Functions that only throw, catch or end the program, or run while an exception unwinds: they
  /// carry no derivative and write no program data AD tracks (the exception object is the
  /// runtime's), so they are inactive without any registration.
  static let inactiveNames: Set<String> = [
    "__cxa_throw", "__cxa_allocate_exception", "__cxa_free_exception", "__cxa_begin_catch",
    "__cxa_end_catch", "__cxa_rethrow", "__cxa_get_exception_ptr", "__cxa_current_exception_type",
    "__cxa_call_unexpected", "__cxa_bad_cast", "__cxa_bad_typeid", "__cxa_throw_bad_array_new_length",
    "__cxa_pure_virtual", "__cxa_deleted_virtual", "__cxa_guard_acquire", "__cxa_guard_release",
    "__cxa_guard_abort", "__cxa_atexit", "__gxx_personality_v0", "_Unwind_Resume",
    "_ZSt9terminatev", "__clang_call_terminate", "_ZSt17rethrow_exceptionNSt15__exception_ptr13exception_ptrE",
    "_ZSt18uncaught_exceptionv", "_ZSt19uncaught_exceptionsv",
  ]

  /// `std::__throw_length_error(const char*)`, `std::__throw_bad_alloc()`, … (libstdc++'s throw
  /// helpers: `_ZSt` <length> `__throw_` <name>).
  static func isThrowHelper(_ name: String) -> Bool {
    guard name.hasPrefix("_ZSt") else { return false }
    let rest = name.dropFirst(4).drop(while: \.isNumber)
    return rest.hasPrefix("__throw_")
  }

  static func isInactive(_ name: String) -> Bool { inactiveNames.contains(name) || isThrowHelper(name) }

  /// The `operator delete` that matches an `operator new`, for releasing a shadow made by it; nil
  /// for other allocators (and for the aligned forms, which take the alignment too).
  static func deallocator(forAllocator name: String) -> String? {
    switch name {
    case "_Znwm", "_ZnwmRKSt9nothrow_t": return "_ZdlPv"
    case "_Znam", "_ZnamRKSt9nothrow_t": return "_ZdaPv"
    default: return nil
    }
  }
}
