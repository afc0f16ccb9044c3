import Mustache

/// A value from a template's context, sorted once into the few kinds docgen's contexts hold, so the
/// compiled renderer switches on a case where swift-mustache tries a cast for every protocol it knows.
///
/// Anything else (a struct swift-mustache would read by reflection, a lambda, `NSNull`, a `Set`, an
/// `Optional.none` stored in a dictionary, …) has no case: the whole render then goes to swift-mustache.
enum TemplateValue {
    /// A string: printed as it is (escaped), a section around it pushes it.
    case text(String)
    /// A Bool: printed `true`/`false`; a section shows or hides its body without pushing anything.
    case flag(Bool)
    /// An `Int` or `Double`, kept as the text `String(describing:)` gives it.
    case number(String)
    /// A typed template object: fields through `child(named:)`.
    case object(any TemplateObject)
    /// A dictionary with String keys (swift-mustache's only other `MustacheParent`): fields through `child(named:)`.
    case dictionary(any MustacheParent)
    /// An array: a section renders its body once per element.
    case list(any TemplateList)
    /// An array of typed template objects, whose elements need no cast.
    case objects(any TemplateObjectList)

    /// A typed object's field.
    init(_ field: TemplateField) throws {
        switch field {
        case .text(let text): self = .text(text)
        case .flag(let flag): self = .flag(flag)
        case .object(let object): self = .object(object)
        case .objects(let list): self = .objects(list)
        case .other(let value):
            guard let value = TemplateValue(value) else { throw CompiledTemplateRenderer.UnsupportedValue() }
            self = value
        }
    }

    /// `value` sorted into its kind, or nil for a kind the compiled renderer leaves to swift-mustache.
    ///
    /// The casts see through an `Optional.some` stored as `Any` as swift-mustache's do, and the kinds
    /// are tried in the order that makes the common ones (strings, then objects) cheapest.
    init?(_ value: Any) {
        if let text = value as? String {
            self = .text(text)
        } else if let object = value as? any TemplateObject {
            self = .object(object)
        } else if let flag = value as? Bool {
            self = .flag(flag)
        } else if let list = value as? any TemplateList {
            self = .list(list)
        } else if let dictionary = value as? any MustacheParent {
            self = .dictionary(dictionary)
        } else if let number = value as? Int {
            self = .number(String(describing: number))
        } else if let number = value as? Double {
            self = .number(String(describing: number))
        } else {
            return nil
        }
    }

    /// The field `name` of this value, as swift-mustache finds it: objects and dictionaries answer
    /// with their fields; strings, Bools, numbers and arrays have no named fields (reflection
    /// finds only unlabelled children in them), so the lookup goes on down the context stack.
    /// Throws `UnsupportedValue` for a field of a kind this type does not cover.
    func child(named name: String) throws -> TemplateValue? {
        switch self {
        case .object(let object):
            guard let field = object.field(named: name) else { return nil }
            return try TemplateValue(field)
        case .dictionary(let dictionary):
            guard let child = dictionary.child(named: name) else { return nil }
            guard let value = TemplateValue(child) else { throw CompiledTemplateRenderer.UnsupportedValue() }
            return value
        case .text, .flag, .number, .list, .objects:
            return nil
        }
    }

    /// What `{{value}}` prints before escaping: swift-mustache's `String(describing:)`.
    var printed: String {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag ? "true" : "false"
        case .number(let number): number
        case .object(let object): String(describing: object)
        case .dictionary(let dictionary): String(describing: dictionary)
        case .list(let list): String(describing: list)
        case .objects(let list): String(describing: list.arrayValue)
        }
    }
}

/// An array the compiled renderer can walk without knowing its element type.
protocol TemplateList {
    /// Whether the array has no elements (an inverted section then renders).
    var isEmptyList: Bool { get }
    /// Calls `body` with each element, in order.
    func forEachElement(_ body: (Any) throws -> Void) rethrows
}

extension Array: TemplateList {
    /// Whether the array is empty.
    var isEmptyList: Bool { isEmpty }

    /// Calls `body` with each element boxed as `Any`.
    func forEachElement(_ body: (Any) throws -> Void) rethrows {
        for element in self { try body(element) }
    }
}
