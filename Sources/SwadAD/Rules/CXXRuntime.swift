// The C++ runtime as a rule table: what each of its functions does to memory and derivatives.
// KnownFunctions' classifier consults it; the generators never test these names.
import LLVMBinding

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
    "_ZSt9terminatev", "__clang_call_terminate",
    "_ZSt17rethrow_exceptionNSt15__exception_ptr13exception_ptrE",
    "_ZSt18uncaught_exceptionv", "_ZSt19uncaught_exceptionsv",
  ]

  /// `std::__throw_length_error(const char*)`, `std::__throw_bad_alloc()`, … (libstdc++'s throw
  /// helpers: `_ZSt` <length> `__throw_` <name>).
  static func isThrowHelper(_ name: String) -> Bool {
    guard name.hasPrefix("_ZSt") else { return false }
    let rest = name.dropFirst(4).drop(while: \.isNumber)
    return rest.hasPrefix("__throw_")
  }

  static func isInactive(_ name: String) -> Bool {
    inactiveNames.contains(name) || isThrowHelper(name) || isStreamOutput(name)
      || containerBookkeeping.contains(name)
      || isCharacterAllocatorLifetime(name) || isStandardExceptionMember(name)
  }

  /// `std::to_string` of a number: libstdc++'s variadic `__gnu_cxx::__to_xstring` formats it with
  /// `vsnprintf` into the string it returns (its first argument). Characters: nothing of the
  /// number's derivative goes in. Run again on the shadow string (as string members are), so that
  /// the shadow is a string the mirrored destructor and assignments can work on.
  static func isNumberFormatting(_ name: String) -> Bool {
    name.hasPrefix("_ZN9__gnu_cxx12__to_xstring")
  }

  /// The standard exception classes (`<stdexcept>`, `<new>`, `<typeinfo>`, `<functional>`, …),
  /// whose constructors libstdc++ has out of line: `throw std::invalid_argument("unknown loss: " +
  /// name)` builds one from a message. They touch the exception object (the runtime's) and the
  /// message's characters, no program data.
  static let standardExceptions: Set<String> = [
    "exception", "bad_exception", "bad_alloc", "bad_array_new_length", "bad_cast", "bad_typeid",
    "bad_function_call", "bad_optional_access", "bad_variant_access", "bad_any_cast", "logic_error",
    "domain_error", "invalid_argument", "length_error", "out_of_range", "runtime_error", "range_error",
    "overflow_error", "underflow_error", "system_error", "future_error", "regex_error",
  ]

  /// A constructor, destructor or `what()` of a standard exception class: `_ZNSt` (`_ZNKSt` for
  /// const members), the class name with its length, then `C1`/`C2` (constructors), `D0`/`D1`/`D2`
  /// (destructors) or `4whatEv`.
  static func isStandardExceptionMember(_ name: String) -> Bool {
    var rest = Substring(name)
    if rest.hasPrefix("_ZNSt") {
      rest = rest.dropFirst(5)
    } else if rest.hasPrefix("_ZNKSt") {
      rest = rest.dropFirst(6)
    } else {
      return false
    }
    let digits = rest.prefix(while: \.isNumber)
    guard let length = Int(digits), rest.count >= digits.count + length else { return false }
    let afterDigits = rest.dropFirst(digits.count)
    guard standardExceptions.contains(String(afterDigits.prefix(length))) else { return false }
    let member = afterDigits.dropFirst(length)
    return ["C1", "C2", "D0", "D1", "D2", "4whatEv"].contains { member.hasPrefix($0) }
  }

  /// `std::allocator<char>`'s (and `<wchar_t>`'s) constructors and destructor, which libstdc++
  /// instantiates out of line and unoptimized code calls: they do nothing.
  static func isCharacterAllocatorLifetime(_ name: String) -> Bool {
    guard name.hasPrefix("_ZNSaIcE") || name.hasPrefix("_ZNSaIwE") else { return false }
    let member = name.dropFirst(8)
    return ["C1Ev", "C2Ev", "D1Ev", "D2Ev", "C1ERKS_", "C2ERKS_"].contains(String(member))
  }

  /// libstdc++'s out-of-line hashing and hash-table sizing (`std::unordered_map`): integers in,
  /// integers out.
  static let containerBookkeeping: Set<String> = [
    "_ZSt11_Hash_bytesPKvmm", "_ZSt15_Fnv_hash_bytesPKvmm",
    "_ZNKSt8__detail20_Prime_rehash_policy14_M_need_rehashEmmm",
    "_ZNKSt8__detail20_Prime_rehash_policy11_M_next_bktEm",
    // `std::gslice`'s index table, built out of line from its lengths and strides (sizes only).
    "_ZNSt6gslice8_IndexerC1EmRKSt8valarrayImES4_", "_ZNSt6gslice8_IndexerC2EmRKSt8valarrayImES4_",
  ]

  /// libstdc++'s out-of-line `std::string` members (`_M_construct`, `_M_create`, `_M_append`,
  /// `_M_replace`, `reserve`, `swap`, …): characters and the string's own buffer, no derivative. A
  /// string inside a shadowed object (a `struct` with a name and weights) gets the same call on its
  /// shadow string, which stays a valid string with a buffer of its own, so that inlined string code
  /// and destructors running on the shadow find what they expect.
  /// Whether values of `type` are libstdc++ strings (or arrays of them): sizes and characters, and a
  /// pointer to the characters, with no derivative anywhere in them. A global string needs no
  /// shadow; given one, the string's own pointer to its inline buffer, copied into the shadow, made
  /// the mirrored assignment free a buffer it never allocated.
  static func holdsOnlyStrings(_ type: IRType) -> Bool {
    if type.isArray { return holdsOnlyStrings(type.elementType) }
    return type.isStruct && type.structName?.hasPrefix("class.std::__cxx11::basic_string") == true
  }

  static func isStringMember(_ name: String) -> Bool {
    name.hasPrefix("_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE")
      || name.hasPrefix("_ZNKSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE")
  }

  /// libstdc++'s out-of-line node linking of `std::list` and of the red-black trees of `std::map`
  /// and `std::set`: they rewire node pointers (and a tree's colours), nothing else. Run again on the
  /// shadow nodes, they build a shadow container of the same shape.
  static func isNodeLinking(_ name: String) -> Bool {
    nodeLinkingNames.contains(name)
  }

  static let nodeLinkingNames: Set<String> = [
    "_ZNSt8__detail15_List_node_base7_M_hookEPS0_", "_ZNSt8__detail15_List_node_base9_M_unhookEv",
    "_ZNSt8__detail15_List_node_base4swapERS0_S1_", "_ZNSt8__detail15_List_node_base11_M_transferEPS0_S1_",
    "_ZNSt8__detail15_List_node_base10_M_reverseEv",
    "_ZSt18_Rb_tree_incrementPSt18_Rb_tree_node_base", "_ZSt18_Rb_tree_incrementPKSt18_Rb_tree_node_base",
    "_ZSt18_Rb_tree_decrementPSt18_Rb_tree_node_base", "_ZSt18_Rb_tree_decrementPKSt18_Rb_tree_node_base",
    "_ZSt29_Rb_tree_insert_and_rebalancebPSt18_Rb_tree_node_baseS0_RS_",
    "_ZSt28_Rb_tree_rebalance_for_erasePSt18_Rb_tree_node_baseRS_",
  ]

  /// Output to a `std::ostream` (`std::cout << "loss " << x`): text goes to the stream, nothing comes
  /// back into the program's data, so printing inside differentiated code is inactive. libstdc++'s
  /// out-of-line pieces: `ostream::_M_insert<T>`, `ostream::operator<<` members, the `std::operator<<`
  /// templates, `__ostream_insert`, `put`, `write`, `flush`. (A type's own `operator<<` has a body in
  /// the module and is differentiated as any function.)
  static func isStreamOutput(_ name: String) -> Bool {
    streamOutputPrefixes.contains { name.hasPrefix($0) } || isStringStreamLifetime(name)
  }

  /// A string stream written to and read back as text (`std::ostringstream os; os << "loss " << x;
  /// log(os.str())`, the way C++ code formats a message): its construction, destruction and `str()`,
  /// and the `ios_base`, `basic_ios` and `locale` members they call. Text: no derivative goes in or
  /// comes out. Reading a number back out of a stream (`ss >> y`) is not among them: a value
  /// converted to text and back would lose its derivative without a word, so it stays refused.
  static func isStringStreamLifetime(_ name: String) -> Bool {
    let streams = [
      "_ZNSt7__cxx1119basic_ostringstreamIcSt11char_traitsIcESaIcEE",
      "_ZNSt7__cxx1118basic_stringstreamIcSt11char_traitsIcESaIcEE",
    ]
    for stream in streams {
      // Constructors and destructors (C1, C2, D0, D1, D2, with or without arguments), and `str() const`.
      if name.hasPrefix(stream + "C") || name.hasPrefix(stream + "D") { return true }
      if name == "_ZNK" + stream.dropFirst(3) + "3strEv" { return true }
    }
    return [
      "_ZNSt8ios_baseC", "_ZNSt8ios_baseD", "_ZNSt6localeC", "_ZNSt6localeD",
      "_ZNSt9basic_iosIcSt11char_traitsIcEE4initE",
    ].contains { name.hasPrefix($0) }
  }

  /// The standard streams (libstdc++'s and C's): library state written only by library calls, which
  /// holds no derivative data; they get no shadow globals.
  static let libraryStateGlobals: Set<String> = [
    "_ZSt4cout", "_ZSt4cerr", "_ZSt4clog", "_ZSt3cin", "_ZSt5wcout", "_ZSt5wcerr", "_ZSt5wclog", "_ZSt4wcin",
    "stdout", "stderr", "stdin",
  ]

  private static let streamOutputPrefixes = [
    "_ZNSo9_M_insertI", "_ZNSolsE", "_ZStlsISt11char_traitsIcE", "_ZStlsIcSt11char_traitsIcE",
    "_ZSt16__ostream_insertIcSt11char_traitsIcE", "_ZNSo3putEc", "_ZNSo5writeEPKcl", "_ZNSo5flushEv",
    "_ZNKSt5ctypeIcE13_M_widen_initEv", "_ZNSt9basic_iosIcSt11char_traitsIcEE5clearESt12_Ios_Iostate",
  ]

  /// `operator new` and `operator new[]` in every variant: `_Znw`/`_Zna`, the size (`m`), then
  /// optionally `std::align_val_t` and `const std::nothrow_t&`. The size is the first argument.
  static func isOperatorNew(_ name: String) -> Bool {
    guard name.hasPrefix("_Znwm") || name.hasPrefix("_Znam") else { return false }
    return isOptionalAlignmentAndNothrow(name.dropFirst(5))
  }

  /// `operator delete` and `operator delete[]` in every variant: `_Zdl`/`_Zda`, the pointer (`Pv`),
  /// then optionally the size (`m`), `std::align_val_t` and `const std::nothrow_t&`.
  static func isOperatorDelete(_ name: String) -> Bool {
    guard name.hasPrefix("_ZdlPv") || name.hasPrefix("_ZdaPv") else { return false }
    var rest = name.dropFirst(6)
    if rest.hasPrefix("m") { rest = rest.dropFirst() }
    return isOptionalAlignmentAndNothrow(rest)
  }

  private static func isOptionalAlignmentAndNothrow(_ suffix: Substring) -> Bool {
    var rest = suffix
    if rest.hasPrefix("St11align_val_t") { rest = rest.dropFirst("St11align_val_t".count) }
    if rest.hasPrefix("RKSt9nothrow_t") { rest = rest.dropFirst("RKSt9nothrow_t".count) }
    return rest.isEmpty
  }

  /// The `operator delete` that matches an `operator new`, for releasing a shadow made by it; nil
  /// for other allocators (and for the aligned forms, which take the alignment too).
  static func deallocator(forAllocator name: String) -> String? {
    switch name {
    case "_Znwm", "_ZnwmRKSt9nothrow_t": return "_ZdlPv"
    case "_Znam", "_ZnamRKSt9nothrow_t": return "_ZdaPv"
    default: return nil
    }
  }

  /// The `operator delete(void*, std::align_val_t)` that matches an aligned `operator new`, whose
  /// alignment is its second argument.
  static func alignedDeallocator(forAllocator name: String) -> String? {
    guard isOperatorNew(name), name.containsBytes(of: "St11align_val_t") else { return nil }
    return name.hasPrefix("_Znw") ? "_ZdlPvSt11align_val_t" : "_ZdaPvSt11align_val_t"
  }
}
