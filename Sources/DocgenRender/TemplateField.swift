/// A field of a `TemplateObject`, already of the kind the compiled renderer reads: a page's
/// template looks up about a hundred fields, and sorting each `Any` by casting it was a third of
/// rendering the template.
public enum TemplateField {
    /// A string.
    case text(String)
    /// A Bool.
    case flag(Bool)
    /// A nested object.
    case object(any TemplateObject)
    /// An array of objects of one type.
    case objects(any TemplateObjectList)
    /// Anything else (a number, a dictionary, …), sorted by casting as a value given as `Any` is.
    case other(Any)

    /// The field as swift-mustache and `templateDictionary` see it.
    public var value: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .object(let object): object
        case .objects(let list): list.arrayValue
        case .other(let value): value
        }
    }
}

/// An array of template objects, walked without casting each element.
public protocol TemplateObjectList {
    /// The array itself.
    var arrayValue: Any { get }
    /// How many objects the array has.
    var objectCount: Int { get }
    /// Calls `body` with each object, in order.
    func forEachObject(_ body: (any TemplateObject) throws -> Void) rethrows
}

extension Array: TemplateObjectList where Element: TemplateObject {
    /// The array.
    public var arrayValue: Any { self }

    /// The array's count.
    public var objectCount: Int { count }

    /// Calls `body` with each element.
    public func forEachObject(_ body: (any TemplateObject) throws -> Void) rethrows {
        for element in self { try body(element) }
    }
}
