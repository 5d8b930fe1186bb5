// Generating the derivative: its signature (Rust's std::autodiff rules, README's "Swift API" table)
// and its body, which calls a local `@_silgen_name("__enzyme_autodiff_…")` declaration with a
// C-convention closure that calls the annotated function. swad rewrites that call.
//
// How each kind of parameter crosses the C closure:
//   Float, Double, tuples     one C argument per scalar (a tuple is taken apart and rebuilt)
//   integers                  as they are
//   pointers                  as they are (raw pointers when the element type is not a C type)
//   buffer pointers           base address (never nil: Swift passes an optional pointer as an
//                             integer, which hides it from the transform) and count
//   arrays, inout, others     the address of the variable; the closure loads the value (or passes
//                             the pointee inout); the shadow is the address of the shadow variable
//
// With `width: N` every shadow is passed once per lane (`.dualv`: one value holding the N lanes), an
// active result gets N seeds (reverse), and each `enzyme_out` argument's N adjoints come back lane
// after lane and are regrouped into one tuple of lanes per `.active` parameter.

struct Generator {
  let request: Request

  private var mode: Mode { request.mode }
  /// The number of lanes: directions (forward) or seeds of the outputs (reverse, batched).
  private var width: Int { request.width }

  // What is being built.
  private var dfParameters: [String] = []
  private var statements: [String] = []
  private var scopes: [String] = []
  private var entryParameters: [String] = []
  private var entryArguments: [String] = []
  private var closureParameters: [(name: String, type: String)] = []
  private var calleeArguments: [String] = []
  private var adjoints: [FloatTree] = []
  private var usedNames: Set<String> = []

  init(request: Request) {
    self.request = request
    usedNames = Set(request.parameters.map(\.name))
  }

  static let cScalars = TypeReader.floatNames.union(TypeReader.integerNames)

  func derivative() -> String {
    var generator = self
    return generator.build()
  }

  // MARK: - Pieces

  private mutating func marker(_ name: String) {
    entryParameters.append("Int32")
    entryArguments.append("SwadAutodiff.\(name)")
  }

  private mutating func pass(_ type: String, _ expression: String) {
    entryParameters.append(type)
    entryArguments.append(expression)
  }

  private mutating func closureParameter(_ type: String) -> String {
    let name = "__a\(closureParameters.count)"
    closureParameters.append((name, type))
    return name
  }

  private mutating func uniqueName(_ base: String) -> String {
    var name = base
    while usedNames.contains(name) { name += "_" }
    usedNames.insert(name)
    return name
  }

  /// The shadow parameters of `parameter`, one per lane (`dx`, or `dx_0`, `dx_1`, ...), added to the
  /// derivative's parameters with `type`.
  private mutating func shadows(of parameter: Parameter, type: String, lanes: Int) -> [String] {
    var names: [String] = []
    for lane in 0..<lanes {
      let name = uniqueName("d" + parameter.name + (lanes > 1 ? "_\(lane)" : ""))
      names.append(name)
      dfParameters.append((parameter.label == nil ? "_ " : "") + "\(name): \(type)")
    }
    return names
  }

  /// `withUnsafePointer(to: value) { name in` (or the mutable form for `inout` values).
  private mutating func scope(address value: String, mutable: Bool) -> String {
    let name = uniqueName("__p" + (value.hasPrefix("__") ? String(value.dropFirst(2)) : value))
    scopes.append(
      mutable
        ? "withUnsafeMutablePointer(to: &\(value)) { \(name) in"
        : "withUnsafePointer(to: \(value)) { \(name) in")
    return name
  }

  /// `withoutActuallyEscaping(closure) { name in`: a non-escaping closure parameter whose address
  /// the call takes (it does not outlive the call).
  private mutating func escapingScope(_ closure: String) -> String {
    let name = uniqueName("__escaping" + closure)
    scopes.append("withoutActuallyEscaping(\(closure)) { \(name) in")
    return name
  }

  private func duplicatedMarker(_ activity: ActivityName) -> String {
    activity.isOnly ? "enzyme_dupnoneed" : "enzyme_dup"
  }

  // MARK: - Parameters

  private mutating func lower(_ parameter: Parameter) {
    let v = parameter.name
    let activity = parameter.activity
    let typeText = TypeReader.text(parameter.type)
    dfParameters.append(
      (parameter.label ?? "_") + (parameter.label == v ? "" : " \(v)")
        + ": \(parameter.type.trimmedDescription)"
        + (parameter.defaultValue.map { " = \($0)" } ?? ""))
    let vectorLanes = activity.isVector && width > 1
    switch parameter.kind {
    case .floats(let tree):
      let names = tree.leaves.map { closureParameter($0) }
      var leaves = names[...]
      calleeArguments.append(tree.assemble(&leaves))
      var laneShadows: [String] = []
      switch activity {
      case .dual, .dualOnly, .dualv, .dualvOnly:
        if vectorLanes {
          let shadow = shadows(
            of: parameter,
            type: "("
              + Array(repeating: tree.typeText, count: width)
              .joined(separator: ", ") + ")", lanes: 1)[0]
          laneShadows = (0..<width).map { "\(shadow).\($0)" }
        } else {
          laneShadows = shadows(of: parameter, type: tree.typeText, lanes: width)
        }
      default: break
      }
      for (leafType, path) in zip(tree.leaves, tree.leafPaths) {
        switch activity {
        case .const: marker("enzyme_const")
        case .active: marker("enzyme_out")
        default: marker(duplicatedMarker(activity))
        }
        pass(leafType, v + path)
        for shadow in laneShadows { pass(leafType, shadow + path) }
      }
      if activity == .active { adjoints.append(tree) }

    case .integer(let type):
      calleeArguments.append(closureParameter(type))
      marker("enzyme_const")
      pass(type, v)

    case .pointer(let mutable, let optional, let element):
      let typed = Self.cScalars.contains(element)
      let question = optional ? "?" : ""
      let closureType =
        typed ? typeText : (mutable ? "UnsafeMutableRawPointer" : "UnsafeRawPointer") + question
      let name = closureParameter(closureType)
      calleeArguments.append(typed ? name : "\(name)\(question).assumingMemoryBound(to: \(element).self)")
      func raw(_ expression: String, mutable: Bool) -> String {
        typed ? expression : "\(mutable ? "UnsafeMutableRawPointer" : "UnsafeRawPointer")(\(expression))"
      }
      switch activity {
      case .const:
        marker("enzyme_const")
        pass(closureType, raw(v, mutable: mutable))
      case .duplicated, .duplicatedOnly:
        let shadowType = "UnsafeMutablePointer<\(element)>\(question)"
        let lanes = shadows(of: parameter, type: shadowType, lanes: width)
        marker(duplicatedMarker(activity))
        pass(closureType, raw(v, mutable: mutable))
        for shadow in lanes {
          pass(typed ? shadowType : "UnsafeMutableRawPointer\(question)", raw(shadow, mutable: true))
        }
      default:
        let lanes = shadows(of: parameter, type: typeText, lanes: width)
        marker(duplicatedMarker(activity))
        pass(closureType, raw(v, mutable: mutable))
        for shadow in lanes { pass(closureType, raw(shadow, mutable: mutable)) }
      }

    case .buffer(let mutable, let element):
      let typed = Self.cScalars.contains(element)
      let bufferType = mutable ? "UnsafeMutableBufferPointer" : "UnsafeBufferPointer"
      func pointerType(_ mutable: Bool) -> String {
        typed
          ? (mutable ? "UnsafeMutablePointer<\(element)>" : "UnsafePointer<\(element)>")
          : (mutable ? "UnsafeMutableRawPointer" : "UnsafeRawPointer")
      }
      func base(_ buffer: String, _ mutable: Bool) -> String {
        typed
          ? "SwadAutodiff.baseAddress(of: \(buffer))"
          : "\(pointerType(mutable))(SwadAutodiff.baseAddress(of: \(buffer)))"
      }
      let basePointer = closureParameter(pointerType(mutable))
      let count = closureParameter("Int")
      calleeArguments.append(
        "\(bufferType)(start: \(typed ? basePointer : "\(basePointer).assumingMemoryBound(to: \(element).self)"), "
          + "count: \(count))")
      switch activity {
      case .const:
        marker("enzyme_const")
        pass(pointerType(mutable), base(v, mutable))
      case .duplicated, .duplicatedOnly:
        let lanes = shadows(of: parameter, type: "UnsafeMutableBufferPointer<\(element)>", lanes: width)
        for shadow in lanes { statements.append(countCheck(shadow, equals: "\(v).count", of: v)) }
        marker(duplicatedMarker(activity))
        pass(pointerType(mutable), base(v, mutable))
        for shadow in lanes { pass(pointerType(true), base(shadow, true)) }
      case .dualv where vectorLanes, .dualvOnly where vectorLanes:
        let shadow = shadows(of: parameter, type: typeText, lanes: 1)[0]
        statements.append(countCheck(shadow, equals: "\(v).count * \(width)", of: v, lanes: width))
        marker(activity == .dualv ? "enzyme_dupv" : "enzyme_dupnoneedv")
        pass("Int", "\(v).count * MemoryLayout<\(element)>.stride")
        pass(pointerType(mutable), base(v, mutable))
        pass(pointerType(mutable), base(shadow, mutable))
      default:
        let lanes = shadows(of: parameter, type: typeText, lanes: width)
        for shadow in lanes { statements.append(countCheck(shadow, equals: "\(v).count", of: v)) }
        marker(duplicatedMarker(activity))
        pass(pointerType(mutable), base(v, mutable))
        for shadow in lanes { pass(pointerType(mutable), base(shadow, mutable)) }
      }
      marker("enzyme_const")
      pass("Int", "\(v).count")

    case .array(let element):
      let arrayType = "[\(element)]"
      let name = closureParameter("UnsafeRawPointer")
      calleeArguments.append("\(name).assumingMemoryBound(to: \(arrayType).self).pointee")
      let primal = scope(address: v, mutable: false)
      switch activity {
      case .const:
        marker("enzyme_const")
        pass("UnsafeRawPointer", "UnsafeRawPointer(\(primal))")
      case .duplicated, .duplicatedOnly:
        let lanes = shadows(of: parameter, type: "inout \(arrayType)", lanes: width)
        for shadow in lanes {
          statements.append(countCheck(shadow, equals: "\(v).count", of: v))
          if let check = shapeCheck(shadow, of: v, element: element) { statements.append(check) }
          statements.append(uniquenessCheck(shadow, element: element))
        }
        let addresses = lanes.map { scope(address: $0, mutable: true) }
        marker(duplicatedMarker(activity))
        pass("UnsafeRawPointer", "UnsafeRawPointer(\(primal))")
        for address in addresses { pass("UnsafeMutableRawPointer", "UnsafeMutableRawPointer(\(address))") }
      default:
        var laneValues: [String]
        if vectorLanes {
          let shadow = shadows(of: parameter, type: arrayType, lanes: 1)[0]
          statements.append(countCheck(shadow, equals: "\(v).count * \(width)", of: v, lanes: width))
          laneValues = []
          for lane in 0..<width {
            let laneName = uniqueName("__\(shadow)\(lane)")
            statements.append(
              "let \(laneName) = \(arrayType)(\(shadow)[\(lane) * \(v).count ..< \(lane + 1) * \(v).count])")
            laneValues.append(laneName)
          }
        } else {
          laneValues = shadows(of: parameter, type: arrayType, lanes: width)
          for shadow in laneValues {
            statements.append(countCheck(shadow, equals: "\(v).count", of: v))
            if let check = shapeCheck(shadow, of: v, element: element) { statements.append(check) }
          }
        }
        let addresses = laneValues.map { scope(address: $0, mutable: false) }
        marker(duplicatedMarker(activity))
        pass("UnsafeRawPointer", "UnsafeRawPointer(\(primal))")
        for address in addresses { pass("UnsafeRawPointer", "UnsafeRawPointer(\(address))") }
      }

    case .inoutFloats(let tree):
      let typed = tree.isScalar
      let valueType = tree.typeText
      let closureType = typed ? "UnsafeMutablePointer<\(valueType)>" : "UnsafeMutableRawPointer"
      let name = closureParameter(closureType)
      calleeArguments.append(
        typed ? "&\(name).pointee" : "&\(name).assumingMemoryBound(to: \(valueType).self).pointee")
      func raw(_ expression: String) -> String {
        typed ? expression : "UnsafeMutableRawPointer(\(expression))"
      }
      let primal = scope(address: v, mutable: true)
      switch activity {
      case .const:
        marker("enzyme_const")
        pass(closureType, raw(primal))
      case .dualv where vectorLanes, .dualvOnly where vectorLanes:
        let shadow = shadows(
          of: parameter,
          type: "inout (" + Array(repeating: valueType, count: width).joined(separator: ", ") + ")",
          lanes: 1)[0]
        let address = scope(address: shadow, mutable: true)
        marker(activity == .dualv ? "enzyme_dupv" : "enzyme_dupnoneedv")
        pass("Int", "MemoryLayout<\(valueType)>.stride")
        pass(closureType, primal)
        pass(closureType, "UnsafeMutableRawPointer(\(address)).assumingMemoryBound(to: \(valueType).self)")
      default:
        let lanes = shadows(of: parameter, type: "inout \(valueType)", lanes: width)
        let addresses = lanes.map { scope(address: $0, mutable: true) }
        marker(duplicatedMarker(activity))
        pass(closureType, raw(primal))
        for address in addresses { pass(closureType, raw(address)) }
      }

    case .inoutArray(let element):
      lowerInoutAddress(parameter, valueType: "[\(element)]", element: element)

    case .inoutOther(let type):
      lowerInoutAddress(parameter, valueType: type, element: nil)

    case .other(let type, let isFunction):
      let name = closureParameter("UnsafeRawPointer")
      // Parenthesized: `((Double) -> Double).self`, `(any P).self`.
      calleeArguments.append("\(name).assumingMemoryBound(to: (\(type)).self).pointee")
      let primal = scope(address: isFunction ? escapingScope(v) : v, mutable: false)
      marker("enzyme_const")
      pass("UnsafeRawPointer", "UnsafeRawPointer(\(primal))")
    }
  }

  /// `inout` arrays (of `element`s) and other `inout` values: the address of the variable, and of
  /// each shadow.
  private mutating func lowerInoutAddress(_ parameter: Parameter, valueType: String, element: String?) {
    let v = parameter.name
    let name = closureParameter("UnsafeMutableRawPointer")
    calleeArguments.append("&\(name).assumingMemoryBound(to: \(valueType).self).pointee")
    let primal = scope(address: v, mutable: true)
    if parameter.activity == .const {
      marker("enzyme_const")
      pass("UnsafeMutableRawPointer", "UnsafeMutableRawPointer(\(primal))")
      return
    }
    let lanes = shadows(of: parameter, type: "inout \(valueType)", lanes: width)
    if let element {
      // Swift copies an array whose storage is shared before writing to it; inside the derivative that
      // would replace the storage the caller's shadow refers to. Both are made unique first.
      statements.append(uniquenessCheck(v, element: element))
      for shadow in lanes {
        statements.append(countCheck(shadow, equals: "\(v).count", of: v))
        if let check = shapeCheck(shadow, of: v, element: element) { statements.append(check) }
        statements.append(uniquenessCheck(shadow, element: element))
        // The array may grow in place, into capacity it has beyond its count: so may the shadow,
        // whose elements there start at zero.
        statements.append("SwadAutodiff.prepareArrayShadow(&\(shadow), capacity: \(v).capacity)")
        if mode == .reverse {
          // The array may get new storage inside the derivative (it grows), and its shadow with it:
          // the adjoints of its elements at the call are in the shadow storage of that time.
          let entry = uniqueName("__\(shadow)Entry")
          statements.append("let \(entry) = SwadAutodiff.EntryShadow(&\(shadow))")
          statements.append(
            "defer { \(entry).restore(&\(shadow), derivative: \"\(request.derivativeName)\", primal: \"\(v)\", "
              + "shadowName: \"\(shadow)\") }")
        }
      }
    } else {
      // The arrays inside the value and its shadows get storage of their own, as Swift gives an
      // array it writes to (`SwadStorage`).
      statements.append("SwadAutodiff.makeStorageUnique(&\(v))")
      for shadow in lanes {
        if let check = shapeCheck(shadow, of: v, element: nil) { statements.append(check) }
        statements.append("SwadAutodiff.makeStorageUnique(&\(shadow))")
      }
    }
    if element.map({ !Self.cScalars.contains($0) }) ?? true {
      // The arrays nested in the value (a struct's fields, the rows of a `[[Double]]`) may grow in the
      // derivative past their shadows' capacity, or (reverse mode) get new storage, move, or shrink:
      // an error, not a lost gradient. Checked before an `EntryShadow` restores the outer array.
      for shadow in lanes {
        let watch = uniqueName("__\(shadow)Storage")
        statements.append("let \(watch) = SwadAutodiff.ArrayStorageSnapshot(\(shadow))")
        statements.append(
          "defer { \(watch).requireSameStorage(\(shadow), primal: \(v), derivative: \"\(request.derivativeName)\", "
            + "primal: \"\(v)\", shadowName: \"\(shadow)\"" + (mode == .forward ? ", mayMove: true" : "")
            + ") }")
      }
    }
    let addresses = lanes.map { scope(address: $0, mutable: true) }
    marker(duplicatedMarker(parameter.activity))
    pass("UnsafeMutableRawPointer", "UnsafeMutableRawPointer(\(primal))")
    for address in addresses { pass("UnsafeMutableRawPointer", "UnsafeMutableRawPointer(\(address))") }
  }

  /// A check that the shadow `shadow` has `count` elements. `fatalError`, not `precondition`, whose
  /// message an optimized build drops: a shadow of the wrong size stopped the program on an illegal
  /// instruction, with nothing said.
  private func countCheck(_ shadow: String, equals count: String, of primal: String, lanes: Int = 1) -> String
  {
    "if \(shadow).count != \(count) { fatalError(\"\(request.derivativeName): the shadow '\(shadow)' needs "
      + (lanes > 1
        ? "\(lanes) times as many elements as '\(primal)'\") }" : "as many elements as '\(primal)'\") }")
  }

  /// A check that the arrays nested in `shadow` (the rows of a `[[Double]]`, a struct's fields) have
  /// the counts of those in `primal`, or nil when the value holds no arrays (`element` a C scalar): a
  /// shorter row lost adjoints silently, a longer one in the primal corrupted memory, and a `nil`
  /// optional array in the shadow where the primal had one crashed.
  private func shapeCheck(_ shadow: String, of primal: String, element: String?) -> String? {
    if let element, Self.cScalars.contains(element) { return nil }
    return "SwadAutodiff.requireSameShape(\(primal), \(shadow), derivative: \"\(request.derivativeName)\", "
      + "primal: \"\(primal)\", shadowName: \"\(shadow)\")"
  }

  /// Makes the array's storage unique before the derivative writes into it behind Swift's back, and
  /// that of the arrays its elements hold (the rows of a `[[Double]]`: `SwadStorage`).
  private func uniquenessCheck(_ array: String, element: String) -> String {
    Self.cScalars.contains(element)
      ? "\(array).withUnsafeMutableBufferPointer { _ in }" : "SwadAutodiff.makeStorageUnique(&\(array))"
  }

  // MARK: - The whole function

  private mutating func build() -> String {
    // `self`, for instance methods: a constant passed by address.
    var callee = request.functionName
    switch request.owner {
    case .none: break
    case .staticMember(let type): callee = "\(type).\(request.functionName)"
    case .instance(let type):
      let name = closureParameter("UnsafeRawPointer")
      let address = scope(address: "self", mutable: false)
      marker("enzyme_const")
      pass("UnsafeRawPointer", "UnsafeRawPointer(\(address))")
      callee = "\(name).assumingMemoryBound(to: \(type).self).pointee.\(request.functionName)"
    }
    // Options come first: the entry point reads them before any argument.
    var options: [(String, String)] = []
    for parameter in request.parameters { lower(parameter) }

    // The result.
    let resultType = request.result.map { TypeReader.text($0.type) }
    var declared: [String] = []
    var returned: [String] = []
    var reshape: String? = nil
    var wantsPrimal = false
    if let result = request.result, let resultType {
      switch (mode, result.activity) {
      case (.reverse, .active), (.reverse, .activeOnly):
        // One seed per lane (`seed`, or `seed_0`, `seed_1`, ...), after the arguments.
        for lane in 0..<width {
          let seed = uniqueName(width == 1 ? "seed" : "seed_\(lane)")
          dfParameters.append("\(seed): \(resultType)")
          pass(resultType, seed)
        }
        wantsPrimal = result.activity == .active
      case (.reverse, _):
        // A zero seed in every lane: the result is not differentiated, only returned.
        if case .floats = result.kind { for _ in 0..<width { pass(resultType, "0") } }
        wantsPrimal = true
      case (.forward, .const):
        if case .floats = result.kind {
          wantsPrimal = true
          declared = [resultType] + Array(repeating: resultType, count: width)
          returned = [resultType]
          reshape = "__r.0"
        } else {
          declared = [resultType]
          returned = [resultType]
        }
      case (.forward, .dual):
        wantsPrimal = true
        declared = Array(repeating: resultType, count: width + 1)
        returned = declared
      case (.forward, .dualv):
        wantsPrimal = true
        declared = Array(repeating: resultType, count: width + 1)
        returned = [resultType, tuple(Array(repeating: resultType, count: width))]
        if width > 1 {
          reshape = "(__r.0, (" + (1...width).map { "__r.\($0)" }.joined(separator: ", ") + "))"
        }
      case (.forward, _):
        declared = Array(repeating: resultType, count: width)
        returned = declared
      }
      if mode == .reverse {
        declared = (wantsPrimal ? [resultType] : []) + adjointLeaves
        returned = (wantsPrimal ? [resultType] : []) + adjointTypes
      }
    } else if mode == .reverse {
      declared = adjointLeaves
      returned = adjointTypes
    }
    if mode == .reverse && (adjoints.contains(where: { !$0.isScalar }) || (width > 1 && !adjoints.isEmpty)) {
      reshape = reshapedAdjoints(count: declared.count, withPrimal: wantsPrimal)
    }
    if wantsPrimal, case .floats = request.result?.kind {
      options.append(("Int32", "SwadAutodiff.enzyme_primal_return"))
    }
    if wantsPrimal, mode == .reverse, case .integer = request.result?.kind {
      options.append(("Int32", "SwadAutodiff.enzyme_primal_return"))
    }
    if width > 1 {
      options.append(("Int32", "SwadAutodiff.enzyme_width"))
      options.append(("Int", "\(width)"))
    }
    entryParameters = options.map(\.0) + entryParameters
    entryArguments = options.map(\.1) + entryArguments

    // The C closure and the entry point's declaration.
    let closureResult = resultType ?? "Void"
    let closureType =
      "@convention(c) (" + closureParameters.map(\.type).joined(separator: ", ") + ") -> "
      + closureResult
    let closure =
      "{ (" + closureParameters.map { "\($0.name): \($0.type)" }.joined(separator: ", ") + ") -> "
      + closureResult + " in \(callee)("
      + zip(request.parameters, calleeArguments).map { parameter, argument in
        (parameter.label.map { "\($0): " } ?? "") + argument
      }.joined(separator: ", ") + ") }"
    let declaredText = tuple(declared)
    let returnedText = tuple(returned)
    var entryDeclaration = "static func call(_ f: \(closureType)"
    for (index, type) in entryParameters.enumerated() { entryDeclaration += ", _ a\(index): \(type)" }
    entryDeclaration += ")" + (declared.isEmpty ? "" : " -> \(declaredText)")
    let call = "__Enzyme.call(" + ([closure] + entryArguments).joined(separator: ", ") + ")"

    // The body: checks, then the call inside the scopes that take addresses.
    var body: [String] = []
    body.append("enum __Enzyme {")
    body.append("@_silgen_name(\"\(request.symbol)\")")
    body.append(entryDeclaration)
    body.append("}")
    body += statements
    let prefix = declared.isEmpty ? "" : (reshape == nil ? "return " : "let __r = ")
    if scopes.isEmpty {
      body.append(prefix + call)
    } else {
      body.append(prefix + scopes[0])
      body += scopes.dropFirst()
      body.append(call)
      body += Array(repeating: "}", count: scopes.count)
    }
    if let reshape { body.append("return \(reshape)") }

    let modifiers = request.modifiers.map { $0 + " " }.joined()
    let signature =
      "\(modifiers)func \(request.derivativeName)(" + dfParameters.joined(separator: ", ") + ")"
      + (returned.isEmpty ? "" : " -> \(returnedText)")
    return signature + " {\n" + body.joined(separator: "\n") + "\n}"
  }

  /// The entry point's adjoints, as it returns them: each scalar `enzyme_out` argument in order (a
  /// tuple parameter is one argument per leaf), `width` lanes each.
  private var adjointLeaves: [String] {
    adjoints.flatMap { tree in tree.leaves.flatMap { Array(repeating: $0, count: width) } }
  }

  /// The derivative's adjoints: one `T` per `.active` parameter, or (batched) a tuple of `width` of them.
  private var adjointTypes: [String] {
    adjoints.map { tuple(Array(repeating: $0.typeText, count: width)) }
  }

  /// The derivative's result built from the entry point's `__r`: the primal (when returned), then for
  /// each `.active` parameter its adjoint in each lane, the parameter's tuple rebuilt from its leaves.
  private func reshapedAdjoints(count: Int, withPrimal: Bool) -> String {
    let values = (0..<count).map { count == 1 ? "__r" : "__r.\($0)" }
    var next = 0
    var parts: [String] = []
    if withPrimal {
      parts.append(values[0])
      next = 1
    }
    for tree in adjoints {
      let leafCount = tree.leaves.count
      let lanes = (0..<width).map { lane in
        var leaves = (0..<leafCount).map { values[next + $0 * width + lane] }[...]
        return tree.assemble(&leaves)
      }
      next += leafCount * width
      parts.append(lanes.count == 1 ? lanes[0] : "(" + lanes.joined(separator: ", ") + ")")
    }
    return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: ", ") + ")"
  }

  private func tuple(_ types: [String]) -> String {
    types.count == 1 ? types[0] : "(" + types.joined(separator: ", ") + ")"
  }
}
