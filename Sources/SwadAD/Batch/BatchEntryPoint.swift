// Enzyme's batch mode: `__enzyme_batch(f, enzyme_width, N, …)` runs a scalar function over N inputs.
import CLLVM
import LLVMBinding

/// Replaces one `__enzyme_batch` call with a call of `batch_<f>`, which evaluates `f` once per lane.
///
///     double sq(double x, double a);
///     Vec4 r = __enzyme_batch((void*)sq, enzyme_width, 4,
///                             enzyme_vector, x0, x1, x2, x3,   // one value per lane
///                             enzyme_scalar, a);               // shared by every lane
///
/// Each parameter of `f` takes `enzyme_vector` (N values, lane order) or `enzyme_scalar` (one value);
/// unmarked parameters are scalar. The call returns the N results as the declared type says: an
/// array, a vector, a struct of N fields, or through the `sret` pointer C uses for large structs.
///
/// `batch_<f>` calls `f` for lane 0, then lane 1, …: lanes whose control flow differs (a `relu`)
/// are as correct as lanes that agree. Once `f` is inlined, LLVM's SLP vectorizer turns the lanes
/// into vector instructions where their code lines up, which is where Enzyme's batch mode also ends
/// up; calls of `f` with side effects happen in lane order.
struct BatchEntryPoint {
  static let name = "__enzyme_batch"

  let module: Module
  let call: Instruction

  /// Rewrites every `__enzyme_batch` call of the module; says whether there were any.
  @discardableResult
  static func rewriteAll(in module: Module) throws -> Bool {
    var calls: [Instruction] = []
    for function in module.functions where !function.isDeclaration {
      for block in function.blocks {
        calls += block.instructions.filter { $0.isCall && $0.calledFunction?.name.containsBytes(of: name) == true }
      }
    }
    for call in calls {
      let invoked = InvokedEntryPoint(call)
      let made = try BatchEntryPoint(module: module, call: invoked?.call ?? call).rewrite()
      invoked?.finish(calling: made)
    }
    return !calls.isEmpty
  }

  private struct Parameter {
    var lanes: [Value]
    var isVector: Bool { lanes.count > 1 }
  }

  func rewrite() throws -> Function {
    var arguments = call.arguments
    var structReturn: (Value, IRType)? = nil
    if let first = arguments.first, let type = call.callSiteTypeAttribute("sret", argument: 0) {
      structReturn = (first, type)
      arguments.removeFirst()
    }
    guard let function = arguments.first?.strippingPointerCasts.asFunction else {
      throw ADError("the first argument of \(Self.name) must be the function to run over the lanes", at: call)
    }
    if function.isDeclaration {
      throw ADError("cannot batch '\(function.name)': the function has no body in this module", at: call)
    }
    let builder = Builder(context: module.context)
    builder.position(before: call)
    builder.debugLocation = call.debugLocation
    let (width, parameters) = try parse(Array(arguments.dropFirst()), for: function, builder: builder)
    let batched = batchFunction(of: function, width: width, vectorParameters: parameters.map(\.isVector))

    let values = parameters.map { parameter in
      parameter.isVector ? Repack.pack(parameter.lanes, builder: builder) : parameter.lanes[0]
    }
    let result = builder.call(batched, values)
    let declared = structReturn?.1 ?? call.type
    if !function.returnType.isVoid, !declared.isVoid {
      guard let converted = Repack.convert(result, to: declared, builder: builder) else {
        throw ADError(
          "\(Self.name) is declared to return \(declared), which does not hold \(width) results of "
            + "'\(function.name)' (\(result.type))", at: call)
      }
      if let (pointer, _) = structReturn {
        builder.store(converted, to: pointer)
      } else {
        call.value.replaceAllUses(with: converted)
      }
    } else if !call.type.isVoid {
      call.value.replaceAllUses(with: Value.null(call.type))
    }
    call.eraseFromParent()
    return batched
  }

  /// Reads `enzyme_width N` (anywhere before the first argument) and each parameter's lanes.
  private func parse(_ arguments: [Value], for function: Function, builder: Builder) throws -> (Int, [Parameter]) {
    var cursor = 0
    var width: Int? = nil
    var parameters: [Parameter] = []
    func marker(at index: Int) -> String? { index < arguments.count ? ActivityMarker.name(of: arguments[index]) : nil }
    for (index, parameter) in function.parameters.enumerated() {
      var isVector = false
      while let name = marker(at: cursor) {
        switch ActivityMarker(rawValue: name) {
        case .width?:
          guard cursor + 1 < arguments.count, let n = arguments[cursor + 1].constantInt, n >= 1 else {
            throw ADError("enzyme_width must be followed by a constant integer width of at least 1", at: call)
          }
          width = Int(n)
          cursor += 2
          continue
        case .vector?: isVector = true
        case .scalar?: isVector = false
        default:
          throw ADError(
            "'\(name)' is not a batch marker: \(Self.name) takes enzyme_width N, then enzyme_vector or "
              + "enzyme_scalar before each argument", at: call)
        }
        cursor += 1
        break
      }
      guard let width else {
        throw ADError("\(Self.name) needs enzyme_width N before the arguments of '\(function.name)'", at: call)
      }
      let count = isVector ? width : 1
      guard cursor + count <= arguments.count else {
        throw ADError(
          "too few arguments: argument \(index + 1) of '\(function.name)' is "
            + (isVector ? "enzyme_vector and takes \(width) values (one per lane)" : "scalar and takes one value")
            + ", but the call ends after \(arguments.count - cursor)", at: call)
      }
      var lanes: [Value] = []
      for lane in 0..<count {
        let value = arguments[cursor + lane]
        if let name = ActivityMarker.name(of: value) {
          throw ADError(
            "call argument \(cursor + lane + 3) is the marker '\(name)' where value \(lane + 1) of argument "
              + "\(index + 1) of '\(function.name)' was expected", at: call)
        }
        guard let coerced = builder.coerceEntryPointArgument(value, to: parameter.type) else {
          throw ADError(
            "argument \(index + 1) of '\(function.name)' has type \(parameter.type), but the call passes "
              + "\(value.type)", at: call)
        }
        lanes.append(coerced)
      }
      cursor += count
      parameters.append(Parameter(lanes: lanes))
    }
    if cursor < arguments.count {
      throw ADError(
        "too many arguments: '\(function.name)' has \(plural(function.parameters.count, "parameter")); "
          + "\(plural(arguments.count - cursor, "argument")) left over", at: call)
    }
    guard let width else {
      throw ADError("\(Self.name) needs enzyme_width N", at: call)
    }
    return (width, parameters)
  }

  /// `batch_<f>`: vector parameters as `[N x T]`, scalar ones as `T`; returns `[N x R]`.
  private func batchFunction(of function: Function, width: Int, vectorParameters: [Bool]) -> Function {
    let shape = vectorParameters.map { $0 ? "v" : "s" }.joined()
    let name = "batch\(width)_\(shape)_\(function.name)"
    if let existing = module.function(named: name) { return existing }
    let context = module.context
    let parameterTypes = zip(function.parameters, vectorParameters).map { parameter, isVector in
      isVector ? IRType.array(of: parameter.type, count: UInt64(width)) : parameter.type
    }
    let resultType = function.returnType.isVoid
      ? IRType.void(in: context) : IRType.array(of: function.returnType, count: UInt64(width))
    let batched = module.addFunction(named: name, type: .function(returning: resultType, parameterTypes))
    batched.linkage = LLVMInternalLinkage
    for (index, parameter) in function.parameters.enumerated() where !parameter.name.isEmpty {
      batched.parameter(index).name = parameter.name
    }
    let builder = Builder(context: context)
    builder.position(atEndOf: batched.appendBlock(named: "entry"))
    var results = resultType.isVoid ? nil : Value.poison(resultType)
    for lane in 0..<width {
      let arguments = vectorParameters.enumerated().map { index, isVector in
        isVector
          ? builder.extractValue(batched.parameter(index), UInt32(lane), "\(function.parameters[index].name).\(lane)")
          : batched.parameter(index)
      }
      let result = builder.call(function, arguments, "lane\(lane)")
      if let accumulated = results { results = builder.insertValue(accumulated, result, UInt32(lane)) }
    }
    if let results { builder.ret(results) } else { builder.retVoid() }
    return batched
  }
}
