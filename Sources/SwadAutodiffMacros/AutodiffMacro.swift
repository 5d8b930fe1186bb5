// @autodiffReverse and @autodiffForward: read the attribute and the function, check every activity
// against its parameter's type, then generate the derivative (Generator.swift).
import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxBuilder
import SwiftSyntaxMacros

public struct AutodiffReverseMacro: PeerMacro {
  public static func expansion(
    of node: AttributeSyntax, providingPeersOf declaration: some DeclSyntaxProtocol,
    in context: some MacroExpansionContext
  ) throws -> [DeclSyntax] {
    try AutodiffExpansion.expand(.reverse, node: node, declaration: declaration, context: context)
  }
}

public struct AutodiffForwardMacro: PeerMacro {
  public static func expansion(
    of node: AttributeSyntax, providingPeersOf declaration: some DeclSyntaxProtocol,
    in context: some MacroExpansionContext
  ) throws -> [DeclSyntax] {
    try AutodiffExpansion.expand(.forward, node: node, declaration: declaration, context: context)
  }
}

/// One parameter of the annotated function, as the generator needs it.
struct Parameter {
  /// The argument label (nil for `_`).
  let label: String?
  /// The name the derivative's body uses for it.
  let name: String
  let type: TypeSyntax
  let kind: ParameterKind
  let activity: ActivityName
  let defaultValue: String?
}

/// The result of the annotated function.
struct Result {
  let type: TypeSyntax
  let kind: ParameterKind
  let activity: ActivityName
}

/// How the annotated function is reached from the generated C-convention closure.
enum Owner {
  /// A free function.
  case none
  /// A static (or class) function of a type.
  case staticMember(type: String)
  /// An instance method: `self` is passed by address as a constant.
  case instance(type: String)
}

/// Everything read from the attribute and the function.
struct Request {
  let mode: Mode
  let derivativeName: String
  let function: FunctionDeclSyntax
  let functionName: String
  let owner: Owner
  let parameters: [Parameter]
  let result: Result?
  let width: Int
  let symbol: String
  let modifiers: [String]
}

enum AutodiffExpansion {
  static func expand(
    _ mode: Mode, node: AttributeSyntax, declaration: some DeclSyntaxProtocol, context: some MacroExpansionContext
  ) throws -> [DeclSyntax] {
    var diagnoser = Diagnoser()
    let request = read(mode, node: node, declaration: declaration, context: context, diagnoser: &diagnoser)
    for diagnostic in diagnoser.diagnostics { context.diagnose(diagnostic) }
    guard let request, !diagnoser.hasErrors else { return [] }
    return [DeclSyntax(stringLiteral: Generator(request: request).derivative())]
  }

  /// Reads and checks the attribute and the function; nil (with errors diagnosed) when it cannot expand.
  static func read(
    _ mode: Mode, node: AttributeSyntax, declaration: some DeclSyntaxProtocol, context: some MacroExpansionContext,
    diagnoser: inout Diagnoser
  ) -> Request? {
    guard let function = declaration.as(FunctionDeclSyntax.self) else {
      diagnoser.error(
        "notAFunction", "\(mode.attributeName) can only be attached to a function", at: declaration)
      return nil
    }
    let functionName = function.name.text
    guard case .argumentList(let arguments) = node.arguments else {
      diagnoser.error("noArguments", "\(mode.attributeName) needs the derivative's name and the activities", at: node)
      return nil
    }

    // The attribute: name, width (lanes: directions forward, seeds of the outputs reverse), activities.
    var derivativeName: String?
    var width = 1
    var activities: [(ActivityName, LabeledExprSyntax)] = []
    var unreadable = false
    for argument in arguments {
      switch argument.label?.text {
      case "name":
        guard let literal = argument.expression.as(StringLiteralExprSyntax.self),
          let value = literal.representedLiteralValue
        else {
          diagnoser.error("nameNotLiteral", "the derivative's name must be a string literal", at: argument.expression)
          continue
        }
        derivativeName = value
        checkName(value, literal: literal, function: functionName, mode: mode, diagnoser: &diagnoser)
      case "width":
        guard let literal = argument.expression.as(IntegerLiteralExprSyntax.self),
          let value = Int(literal.literal.text.replacingUnderscores()), value >= 1, value <= 64
        else {
          let lanes = mode == .forward ? "directions" : "lanes, each seeded on its own"
          diagnoser.error(
            "badWidth", "the width must be an integer literal from 1 to 64 (the number of \(lanes))",
            at: argument.expression)
          continue
        }
        width = value
      case nil:
        guard let activity = activityName(argument.expression) else {
          diagnoser.error(
            "unknownActivity",
            "'\(argument.expression.trimmedDescription)' is not an activity; activities are "
              + ActivityName.allCases.map(\.spelled).joined(separator: ", "),
            at: argument.expression)
          unreadable = true
          continue
        }
        activities.append((activity, argument))
      case let label?:
        diagnoser.error("unknownLabel", "unknown argument '\(label):' of \(mode.attributeName)", at: argument)
      }
    }
    guard let derivativeName else {
      if !diagnoser.hasErrors {
        diagnoser.error("noName", "\(mode.attributeName) needs the derivative's name: name: \"d_\(functionName)\"", at: node)
      }
      return nil
    }

    // The function: what cannot be expressed through a C entry point.
    let owner = readOwner(function, context: context, mode: mode, diagnoser: &diagnoser)
    if let generics = function.genericParameterClause {
      diagnoser.error(
        "generic", "\(mode.attributeName) cannot differentiate a generic function: the derivative is taken of "
          + "compiled code, one specialization at a time; write a non-generic wrapper", at: generics)
    }
    if let effects = function.signature.effectSpecifiers {
      if let async = effects.asyncSpecifier {
        diagnoser.error("async", "\(mode.attributeName) cannot differentiate an async function", at: async)
      }
      if let throwsClause = effects.throwsClause {
        diagnoser.error("throws", "\(mode.attributeName) cannot differentiate a throwing function", at: throwsClause)
      }
    }

    var parameters: [Parameter] = []
    let syntaxParameters = Array(function.signature.parameterClause.parameters)
    for (index, parameter) in syntaxParameters.enumerated() {
      if let ellipsis = parameter.ellipsis {
        diagnoser.error("variadic", "\(mode.attributeName) cannot differentiate a variadic parameter", at: ellipsis)
      }
      let label = parameter.firstName.tokenKind == .wildcard ? nil : parameter.firstName.text
      var name = (parameter.secondName ?? parameter.firstName).text
      if name == "_" { name = "__x\(index)" }
      parameters.append(
        Parameter(
          label: label, name: name, type: parameter.type, kind: TypeReader.kind(of: parameter.type),
          activity: .const, defaultValue: parameter.defaultValue?.value.trimmedDescription))
    }

    var resultType: TypeSyntax? = function.signature.returnClause?.type
    if let type = resultType, ["Void", "()", "Swift.Void"].contains(type.trimmedDescription) { resultType = nil }

    if unreadable { return nil }

    // One activity per parameter, then one for the result.
    let expected = parameters.count + (resultType == nil ? 0 : 1)
    if activities.count != expected {
      countMismatch(
        activities.map(\.0), expected: expected, parameters: parameters, resultType: resultType, mode: mode,
        function: functionName, node: node, arguments: arguments, diagnoser: &diagnoser)
      return nil
    }

    for index in parameters.indices {
      let (activity, syntax) = activities[index]
      let parameter = parameters[index]
      parameters[index] = Parameter(
        label: parameter.label, name: parameter.name, type: parameter.type, kind: parameter.kind,
        activity: activity, defaultValue: parameter.defaultValue)
      let shownName = parameter.label ?? parameter.name
      if let misfit = ActivityRules.checkParameter(
        activity, kind: parameter.kind, name: shownName, type: TypeReader.text(parameter.type), mode: mode)
      {
        diagnoser.error("activityMismatch", misfit.message, at: syntax.expression, fixIts: fixIts(misfit, syntax))
      }
    }

    var result: Result? = nil
    if let resultType {
      let (activity, syntax) = activities[parameters.count]
      let kind = TypeReader.kind(of: resultType)
      switch kind {
      case .floats(let tree) where tree.isScalar:
        break
      case .integer:
        break
      default:
        diagnoser.error(
          "unsupportedResult",
          "a result of type \(TypeReader.text(resultType)) cannot be returned through the C entry point that "
            + "swad differentiates; return a Float or a Double, or write results through a pointer, buffer or "
            + "inout parameter", at: resultType)
      }
      if let misfit = ActivityRules.checkResult(activity, kind: kind, type: TypeReader.text(resultType), mode: mode) {
        diagnoser.error("activityMismatch", misfit.message, at: syntax.expression, fixIts: fixIts(misfit, syntax))
      }
      result = Result(type: resultType, kind: kind, activity: activity)
    }

    if !diagnoser.hasErrors && !parameters.isEmpty && parameters.allSatisfy({ $0.activity == .const }) {
      diagnoser.error(
        "allConst",
        "every parameter of '\(functionName)' is .const: there is nothing to differentiate", at: node)
    }

    var modifiers: [String] = []
    for modifier in function.modifiers {
      switch modifier.name.tokenKind {
      case .keyword(.public), .keyword(.private), .keyword(.fileprivate), .keyword(.internal), .keyword(.package):
        modifiers.append(modifier.trimmedDescription)
      case .keyword(.open):
        modifiers.append("public")
      case .keyword(.static), .keyword(.class):
        modifiers.append("static")
      default:
        break
      }
    }

    let unique = context.makeUniqueName(derivativeName).text
    return Request(
      mode: mode, derivativeName: derivativeName, function: function, functionName: functionName, owner: owner,
      parameters: parameters, result: result, width: width, symbol: "\(mode.entryPoint)_\(unique)",
      modifiers: modifiers)
  }

  /// `.active`, `Activity.active` or `SwadAutodiff.Activity.active`.
  static func activityName(_ expression: ExprSyntax) -> ActivityName? {
    guard let member = expression.as(MemberAccessExprSyntax.self) else { return nil }
    if let base = member.base, !["Activity", "SwadAutodiff.Activity"].contains(base.trimmedDescription) {
      return nil
    }
    return ActivityName(rawValue: member.declName.baseName.text)
  }

  static func fixIts(_ misfit: Misfit, _ syntax: LabeledExprSyntax) -> [FixIt] {
    guard let suggestion = misfit.suggestion else { return [] }
    let replacement = ExprSyntax(MemberAccessExprSyntax(name: .identifier(suggestion.rawValue)))
      .with(\.leadingTrivia, syntax.expression.leadingTrivia)
      .with(\.trailingTrivia, syntax.expression.trailingTrivia)
    return [
      FixIt(
        message: AutodiffFixIt("use '\(suggestion.spelled)'"),
        changes: [.replace(oldNode: Syntax(syntax.expression), newNode: Syntax(replacement))])
    ]
  }

  /// The derivative's name must be an identifier Swift lets the macro introduce.
  static func checkName(
    _ name: String, literal: StringLiteralExprSyntax, function: String, mode: Mode, diagnoser: inout Diagnoser
  ) {
    let suggestion = "d_" + function
    let fix = FixIt(
      message: AutodiffFixIt("name it '\(suggestion)'"),
      changes: [
        .replace(
          oldNode: Syntax(literal),
          newNode: Syntax(
            StringLiteralExprSyntax(content: suggestion).with(\.leadingTrivia, literal.leadingTrivia)
              .with(\.trailingTrivia, literal.trailingTrivia)))
      ])
    let isIdentifier = !name.isEmpty && !(name.first!.isNumber)
      && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    if !isIdentifier {
      diagnoser.error("badName", "'\(name)' is not a valid name for the derivative", at: literal, fixIts: [fix])
      return
    }
    if name == function {
      diagnoser.error("sameName", "the derivative cannot have the name of the function itself", at: literal, fixIts: [fix])
      return
    }
    if !DerivativeNames.allows(name, for: function) {
      let sample = DerivativeNames.prefixes.prefix(7).map { $0 + function }
        + DerivativeNames.suffixes.prefix(5).map { function + $0 }
      diagnoser.error(
        "uncoveredName",
        "Swift lets a peer macro introduce only the names its declaration lists: the derivative of '\(function)' "
          + "can be named " + sample.joined(separator: ", ") + ", ... (a prefix d, d_, dd, grad_, jvp_, vjp_, hvp_ "
          + "or a suffix _grad, Gradient, Derivative, Tangent, ... of '\(function)'), or "
          + DerivativeNames.names.joined(separator: ", ") + "; not '\(name)'", at: literal, fixIts: [fix])
    }
  }

  /// Free function, static member, or instance method of a non-generic type; nil (diagnosed) otherwise.
  static func readOwner(
    _ function: FunctionDeclSyntax, context: some MacroExpansionContext, mode: Mode, diagnoser: inout Diagnoser
  ) -> Owner {
    let isStatic = function.modifiers.contains {
      $0.name.tokenKind == .keyword(.static) || $0.name.tokenKind == .keyword(.class)
    }
    for modifier in function.modifiers where modifier.name.tokenKind == .keyword(.mutating) {
      diagnoser.error(
        "mutating", "\(mode.attributeName) cannot differentiate a mutating method; make it static with an inout "
          + "parameter", at: modifier)
    }
    guard let enclosing = context.lexicalContext.first else { return .none }
    var typeName: String?
    var generic = false
    if let decl = enclosing.as(StructDeclSyntax.self) {
      typeName = decl.name.text
      generic = decl.genericParameterClause != nil
    } else if let decl = enclosing.as(ClassDeclSyntax.self) {
      typeName = decl.name.text
      generic = decl.genericParameterClause != nil
    } else if let decl = enclosing.as(EnumDeclSyntax.self) {
      typeName = decl.name.text
      generic = decl.genericParameterClause != nil
    } else if let decl = enclosing.as(ExtensionDeclSyntax.self) {
      typeName = decl.extendedType.trimmedDescription
      generic = decl.genericWhereClause != nil
    } else if enclosing.is(ActorDeclSyntax.self) || enclosing.is(ProtocolDeclSyntax.self) {
      diagnoser.error(
        "badContext", "\(mode.attributeName) cannot differentiate a member of an actor or a protocol",
        at: function.name)
      return .none
    } else {
      diagnoser.error(
        "local", "\(mode.attributeName) works on functions at file scope and members of types; Swift does not "
          + "look up names that a macro adds beside a local function", at: function.name)
      return .none
    }
    // The full name of a nested type.
    for outer in context.lexicalContext.dropFirst() {
      if let decl = outer.asProtocol(NamedDeclSyntax.self), outer.is(StructDeclSyntax.self)
        || outer.is(ClassDeclSyntax.self) || outer.is(EnumDeclSyntax.self)
      {
        typeName = decl.name.text + "." + typeName!
      } else if let decl = outer.as(ExtensionDeclSyntax.self) {
        typeName = decl.extendedType.trimmedDescription + "." + typeName!
      }
    }
    if generic {
      diagnoser.error(
        "genericType", "\(mode.attributeName) cannot differentiate a member of a generic type", at: function.name)
    }
    return isStatic ? .staticMember(type: typeName!) : .instance(type: typeName!)
  }

  /// Reports a wrong number of activities, with a fix-it that adds the missing ones (the natural activity
  /// of each parameter's type) or removes the extra ones.
  static func countMismatch(
    _ activities: [ActivityName], expected: Int, parameters: [Parameter], resultType: TypeSyntax?, mode: Mode,
    function: String, node: AttributeSyntax, arguments: LabeledExprListSyntax, diagnoser: inout Diagnoser
  ) {
    let parts = (parameters.isEmpty ? [] : ["\(parameters.count) for \(parameters.count == 1 ? "its parameter" : "its parameters")"])
      + (resultType.map { ["1 for its \(TypeReader.text($0)) result"] } ?? [])
    let message = "\(mode.attributeName) on '\(function)' needs \(expected) "
      + "\(expected == 1 ? "activity" : "activities")"
      + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", then ") + ")")
      + (resultType == nil ? ", none for its result (it returns nothing)" : "") + "; found \(activities.count)"
    var elements = Array(arguments)
    let fixMessage: String
    if activities.count < expected {
      var added: [ActivityName] = []
      for index in activities.count..<expected {
        if index < parameters.count {
          added.append(ActivityRules.natural(for: parameters[index].kind, mode: mode))
        } else if let resultType {
          let kind = TypeReader.kind(of: resultType)
          if case .integer = kind { added.append(.const) } else { added.append(mode == .reverse ? .active : .dual) }
        }
      }
      if !elements.isEmpty {
        elements[elements.count - 1] = elements[elements.count - 1].with(\.trailingComma, .commaToken())
      }
      for (offset, activity) in added.enumerated() {
        elements.append(
          LabeledExprSyntax(
            leadingTrivia: .space,
            expression: ExprSyntax(MemberAccessExprSyntax(name: .identifier(activity.rawValue))),
            trailingComma: offset == added.count - 1 ? nil : .commaToken()))
      }
      fixMessage = "add " + added.map(\.spelled).joined(separator: ", ")
    } else {
      var toRemove = activities.count - expected
      var removed: [String] = []
      while toRemove > 0, let last = elements.last, last.label == nil {
        removed.insert(last.expression.trimmedDescription, at: 0)
        elements.removeLast()
        toRemove -= 1
      }
      if !elements.isEmpty {
        elements[elements.count - 1] = elements[elements.count - 1].with(\.trailingComma, nil)
      }
      fixMessage = "remove " + removed.joined(separator: ", ")
    }
    let newArguments = LabeledExprListSyntax(elements)
    diagnoser.error(
      "activityCount", message, at: node,
      fixIts: [
        FixIt(
          message: AutodiffFixIt(fixMessage),
          changes: [.replace(oldNode: Syntax(arguments), newNode: Syntax(newArguments))])
      ])
  }
}

extension String {
  func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
