// Parsing an entry-point call: the function, the activity of each argument, the batch width.
import CLLVM
import LLVMBinding

/// Reads an entry-point call the way Enzyme does: the function first (behind casts), then for each of
/// its parameters an optional marker, the argument, and for duplicated parameters one shadow per lane.
struct CallSiteParser {
  let module: Module
  let call: Instruction
  let mode: DerivativeMode
  /// Where the code that reading the call needs goes (conversions of arguments, the lanes of
  /// `enzyme_dupv`): before the call, or in this block of a function made to be thrown away, for a
  /// reading that must leave the module as it is (`DistinctArguments.agreed`).
  var scratch: BasicBlock? = nil

  func parse() throws -> DerivativeRequest {
    var arguments = call.arguments
    var structReturn: (Value, IRType)? = nil
    if let first = arguments.first, let type = call.callSiteTypeAttribute("sret", argument: 0) {
      structReturn = (first, type)
      arguments.removeFirst()
    }
    guard let calleeArgument = arguments.first else {
      throw error("\(mode.entryPointName) needs the function to differentiate as its first argument")
    }
    guard let function = calleeArgument.strippingPointerCasts.asFunction else {
      throw error("the first argument of \(mode.entryPointName) must be a function, not \(calleeArgument.type)")
    }
    if function.isDeclaration {
      throw error("cannot differentiate '\(function.name)': the function has no body in this module")
    }
    let builder = Builder(context: module.context)
    if let scratch { builder.position(atEndOf: scratch) } else { builder.position(before: call) }

    var cursor = 1
    var width = 1
    var wantsPrimalReturn = false
    var keepsTape = false
    var strongZero = false
    var tape: Value? = nil
    var shadowContext: Value? = nil
    var parsed: [RequestArgument] = []

    /// Consumes options that may precede any argument (`enzyme_width N`, `enzyme_primal_return`,
    /// `enzyme_strong_zero`).
    func consumeOptions() throws {
      while cursor < arguments.count, let name = ActivityMarker.name(of: arguments[cursor]) {
        guard let marker = ActivityMarker(rawValue: name) else {
          throw error("unknown activity marker '\(name)'")
        }
        switch marker {
        case .width:
          guard cursor + 1 < arguments.count, let n = arguments[cursor + 1].constantInt, n >= 1 else {
            throw error("enzyme_width must be followed by a constant integer width of at least 1")
          }
          width = Int(n)
          cursor += 2
        case .primalReturn:
          wantsPrimalReturn = true
          cursor += 1
        case .allocated:
          guard cursor + 1 < arguments.count else { throw error("enzyme_allocated must be followed by a size") }
          cursor += 2
        case .tape:
          guard [.augmentedForward, .reverseSplit, .forwardSplit].contains(mode), cursor + 1 < arguments.count else {
            throw error("enzyme_tape must be followed by the tape, in __enzyme_augmentfwd, __enzyme_reverse or __enzyme_fwdsplit")
          }
          tape = arguments[cursor + 1]
          cursor += 2
        case .context:
          guard cursor + 1 < arguments.count, ActivityMarker.name(of: arguments[cursor + 1]) == nil else {
            throw error("enzyme_context must be followed by a context from __enzyme_context")
          }
          shadowContext = arguments[cursor + 1]
          cursor += 2
        case .nofree:
          guard mode == .forwardSplit else { throw error("enzyme_nofree is an option of __enzyme_fwdsplit") }
          keepsTape = true
          cursor += 1
        case .strongZero:
          // The split calls must ask for one derivative; a flag on one of them alone would not.
          guard mode == .forward || mode == .reverse else {
            throw error("enzyme_strong_zero is an option of __enzyme_autodiff and __enzyme_fwddiff; split modes "
              + "(\(mode.entryPointName)) do not take it yet")
          }
          strongZero = true
          cursor += 1
        case .notOverwritten, .nocache, .constReturn, .noret, .runtimeActivity:
          cursor += 1
        default: return
        }
      }
    }

    let parameters = function.parameters
    /// A record the function takes as several IR parameters (`SourceArguments`) that the call passes
    /// in memory (its registers used up by the markers and shadows before it): its halves, loaded
    /// from the copy, eight bytes each; the argument is consumed. Nil for anything else.
    func unpackedRecord(for group: [Int]) -> [Value]? {
      guard group.count > 1, cursor < arguments.count, arguments[cursor].type.isPointer,
        group.allSatisfy({ !parameters[$0].type.isPointer }),
        call.callSiteTypeAttribute("byval", argument: cursor + (structReturn == nil ? 0 : 1)) != nil
      else { return nil }
      let record = arguments[cursor]
      cursor += 1
      let i64 = IRType.int(64, in: module.context)
      return group.enumerated().map { position, member in
        let half = builder.byteOffset(record, Value.constInt(i64, Int64(8 * position)))
        return builder.load(parameters[member].type, from: half)
      }
    }
    // One marker per source argument: a record or complex number the calling convention split into
    // several IR parameters takes all its values, then all its shadows (`SourceArguments`).
    let groups = SourceArguments.splitGroups(of: function, module: module) ?? parameters.indices.map { [$0] }
    var pending = groups
    var next = 0
    groupLoop: while next < pending.count {
      let group = pending[next]
      next += 1
      let index = group[0]
      let parameter = parameters[index]
      let split = group.count > 1
      try consumeOptions()
      guard cursor < arguments.count else {
        // A struct C returns in memory: the hidden first parameter is the caller's to pass.
        let hidden =
          function.hasAttribute("sret", at: 1)
          ? "; its first parameter is the hidden pointer through which it returns its struct (sret): pass "
            + "the result's address and, for its derivative, a shadow first (enzyme_dup, &result, &tangent), "
            + "and read the derivative from the shadow" : ""
        throw error("too few arguments: '\(function.name)' has \(plural(parameters.count, "parameter")), "
          + "but the call supplies only \(parsed.count) (activity markers and shadows excluded)" + hidden)
      }
      // A split argument is read whole after a marker (`enzyme_dup, z, dz`). Unmarked, or where its
      // values meet a marker (`enzyme_dup, re, dre, enzyme_dup, im, dim`), it is read one IR parameter
      // at a time, as Enzyme reads it: `z.re, dre, z.im, dim`.
      let groupStart = cursor
      func readAlone() {
        cursor = groupStart
        next -= 1
        pending.replaceSubrange(next..<next + 1, with: group.map { [$0] })
      }
      if split, ActivityMarker.name(of: arguments[cursor]) == nil {
        readAlone()
        continue
      }
      var activity = defaultActivity(for: parameter.type)
      var laneStride: Value? = nil
      if let name = ActivityMarker.name(of: arguments[cursor]) {
        guard let marker = ActivityMarker(rawValue: name) else { throw error("unknown activity marker '\(name)'") }
        cursor += 1
        switch marker {
        case .const: activity = .constant
        case .dup: activity = .duplicated
        case .dupnoneed: activity = .duplicatedNoNeed
        case .out: activity = .active
        case .dupv, .dupnoneedv:
          activity = marker == .dupv ? .duplicated : .duplicatedNoNeed
          guard cursor < arguments.count else { throw error("\(name) must be followed by a byte stride") }
          laneStride = arguments[cursor]
          cursor += 1
        default:
          throw error("marker '\(name)' cannot stand before argument \(index + 1)")
        }
      }
      var primals: [Value] = unpackedRecord(for: group) ?? []
      for member in group where primals.count < group.count {
        guard cursor < arguments.count else {
          throw error("missing argument \(member + 1) of '\(function.name)' after its activity marker")
        }
        if let name = ActivityMarker.name(of: arguments[cursor]) {
          if split {
            readAlone()
            continue groupLoop
          }
          throw error("call argument \(cursor + 1) is the marker '\(name)' where argument \(member + 1) of "
            + "'\(function.name)' (\(parameters[member].type)) was expected, after the marker '\(ActivityMarker.name(of: arguments[cursor - 1]) ?? "?")'")
        }
        primals.append(
          try coerce(arguments[cursor], to: parameters[member].type, builder: builder, what: "argument \(member + 1)"))
        cursor += 1
      }
      if activity == .active {
        guard group.allSatisfy({ parameters[$0].type.containsFloatingPoint }) else {
          throw error("enzyme_out on argument \(index + 1) of type \(parameter.type): only floating-point "
            + "values can be active; pass pointers with enzyme_dup and a shadow")
        }
        if mode.isForward {
          throw error("enzyme_out is a reverse-mode activity; in \(mode.entryPointName) pass the tangent with enzyme_dup")
        }
      }
      // The shadows, lane by lane; in a lane, one per IR parameter of the group.
      var shadows: [[Value]] = group.map { _ in [] }
      if activity.hasShadow {
        if let stride = laneStride {
          guard parameter.type.isPointer, !split else { throw error("enzyme_dupv needs a pointer argument") }
          guard cursor < arguments.count else { throw error("missing the shadow of argument \(index + 1)") }
          let base = try coerce(arguments[cursor], to: parameter.type, builder: builder, what: "shadow \(index + 1)")
          cursor += 1
          let i64 = IRType.int(64, in: module.context)
          let strideBytes = builder.intCast(stride, to: i64, signed: true)
          for lane in 0..<width {
            let offset = builder.mul(strideBytes, Value.constInt(i64, Int64(lane)))
            shadows[0].append(builder.byteOffset(base, offset))
          }
        } else {
          for lane in 0..<width {
            if mode.isForward, let halves = unpackedRecord(for: group) {
              for (position, half) in halves.enumerated() { shadows[position].append(half) }
              continue
            }
            for (position, member) in group.enumerated() {
              if cursor < arguments.count, let name = ActivityMarker.name(of: arguments[cursor]) {
                if split {
                  readAlone()
                  continue groupLoop
                }
                throw error("call argument \(cursor + 1) is the marker '\(name)' where the shadow "
                  + "\(width > 1 ? "\(lane + 1) of \(width) " : "")of argument \(member + 1) of '\(function.name)' "
                  + "(\(parameters[member].type)) was expected; "
                  + "\(activity == .duplicated ? "enzyme_dup" : "enzyme_dupnoneed") takes the value, then its shadow")
              }
              guard cursor < arguments.count else {
                throw error("missing shadow \(width > 1 ? "\(lane + 1) of \(width) " : "")of argument \(member + 1) "
                  + "of '\(function.name)' (\(activity == .duplicated ? "enzyme_dup" : "enzyme_dupnoneed") "
                  + "takes the value, then its shadow)")
              }
              // A record passed by value in memory reaches the function as a copy the call makes,
              // the shadow too: the adjoints written into that copy never reach the caller.
              if !mode.isForward,
                call.callSiteTypeAttribute("byval", argument: cursor + (structReturn == nil ? 0 : 1)) != nil
              {
                throw error("the shadow of argument \(member + 1) of '\(function.name)' is a record passed "
                  + "by value in memory (byval): the function gets a copy the call makes, and the gradient "
                  + "written into it would be lost; pass the record and its shadow by address "
                  + "(enzyme_dup, &value, &shadow), or use forward mode")
              }
              shadows[position].append(try coerce(arguments[cursor], to: parameters[member].type, builder: builder,
                                                  what: "the shadow of argument \(member + 1)"))
              cursor += 1
            }
          }
        }
      }
      for position in group.indices {
        parsed.append(RequestArgument(activity: activity, primal: primals[position], shadows: shadows[position]))
      }
    }
    try consumeOptions()
    var trailing: [Value] = []
    if mode == .reverseSplit || mode == .reverse || mode == .forwardSplit {
      trailing = Array(arguments[cursor...])
      cursor = arguments.count
    }
    if cursor < arguments.count {
      let extra = arguments.count - cursor
      throw error("too many arguments: '\(function.name)' has \(plural(parameters.count, "parameter")); "
        + "\(plural(extra, "argument")) \(extra == 1 ? "is" : "are") left over, from call argument \(cursor + 1) "
        + "(\(describe(arguments[cursor]))); the call should end after argument \(cursor)")
    }
    return DerivativeRequest(
      mode: mode, call: call, function: function, arguments: parsed, width: width,
      wantsPrimalReturn: wantsPrimalReturn, tape: tape, keepsTape: keepsTape, shadowContext: shadowContext,
      strongZero: strongZero, trailing: trailing,
      firstTrailingPosition: arguments.count - trailing.count + 1, structReturn: structReturn)
  }

  /// A call argument as the error messages show it: the marker it stands for, or its type.
  private func describe(_ argument: Value) -> String {
    if let name = ActivityMarker.name(of: argument) { return "the marker '\(name)'" }
    return "a value of type \(argument.type)"
  }

  /// Enzyme's activities for unmarked arguments: integers constant, floats active (duplicated with a
  /// tangent in forward mode), pointers duplicated.
  private func defaultActivity(for type: IRType) -> Activity {
    if type.isPointer { return .duplicated }
    if type.containsFloatingPoint && !type.containsPointer { return mode.isForward ? .duplicated : .active }
    return .constant
  }

  /// Converts a call argument to the parameter's type where C's conventions changed it (float
  /// promotion in variadic calls, integer widths, address spaces).
  private func coerce(_ value: Value, to type: IRType, builder: Builder, what: String) throws -> Value {
    guard let coerced = builder.coerceEntryPointArgument(value, to: type) else {
      throw error("\(what) has type \(value.type), which cannot be passed as the parameter's type \(type)")
    }
    return coerced
  }

  private func error(_ message: String) -> ADError { ADError(message, at: call) }
}

extension Builder {
  /// An entry-point argument converted to the parameter's type where C's conventions changed it, or
  /// nil when no conversion keeps its meaning.
  func coerceEntryPointArgument(_ value: Value, to type: IRType) -> Value? {
    let from = value.type
    if from == type { return value }
    if from.isInteger && type.isInteger { return intCast(value, to: type, signed: true) }
    if from.isFloatingPoint && type.isFloatingPoint { return fpCast(value, to: type) }
    if from.isPointer && type.isPointer { return cast(LLVMAddrSpaceCast, value, to: type) }
    if from.isInteger && type.isPointer { return cast(LLVMIntToPtr, value, to: type) }
    if from.isPointer && type.isInteger { return cast(LLVMPtrToInt, value, to: type) }
    return nil
  }
}

/// "1 parameter", "2 parameters".
func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
