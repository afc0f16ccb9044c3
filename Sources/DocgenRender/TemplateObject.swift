import Mustache

/// A value the theme's templates see as an object with named fields, like a `[String: Any]`.
///
/// Rendering looks fields up with `field(named:)` (a `switch`: no hashing, no dictionaries to build
/// for every page, and values already sorted into their kinds). Transforms and `{{.}}` see `templateDictionary`, the dictionary
/// templates were given before, so a theme that counts, sorts or prints an object gets what it got.
/// The compiled renderer takes every `TemplateObject` for an object with fields, as swift-mustache
/// does for a `MustacheParent`; so a conforming type must not also be a `MustacheCustomRenderable`,
/// `MustacheCustomRepresentation` or sequence, which swift-mustache would treat otherwise.
public protocol TemplateObject: MustacheParent, MustacheTransformable, CustomStringConvertible {
    /// Every field name `field(named:)` knows.
    static var templateFields: [String] { get }
    /// The field `name`, or nil when the object has none (the lookup then goes on down the context stack).
    func field(named name: String) -> TemplateField?
}

extension TemplateObject {
    /// The field `name` as swift-mustache reads it.
    public func child(named name: String) -> Any? { field(named: name)?.value }

    /// The fields as the dictionary templates were given before: absent fields left out, nested
    /// objects (and lists of them) as dictionaries too.
    public var templateDictionary: [String: Any] {
        var values: [String: Any] = [:]
        for name in Self.templateFields {
            guard let value = child(named: name) else { continue }
            if let object = value as? any TemplateObject {
                values[name] = object.templateDictionary
            } else if let objects = value as? [any TemplateObject] {
                values[name] = objects.map(\.templateDictionary)
            } else {
                values[name] = value
            }
        }
        return values
    }

    /// `count`, `empty`, `enumerated` and `sorted`, as for a dictionary.
    public func transform(_ name: String) -> Any? { templateDictionary.transform(name) }

    /// What `{{object}}` printed for the dictionary.
    public var description: String { templateDictionary.description }
}
