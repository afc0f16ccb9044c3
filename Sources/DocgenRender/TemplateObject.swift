import Mustache

/// A value the theme's templates see as an object with named fields, like a `[String: Any]`.
///
/// Rendering looks fields up with `child(named:)` (a `switch`: no hashing, and no dictionaries
/// to build for every page). Transforms and `{{.}}` see `templateDictionary`, the dictionary
/// templates were given before, so a theme that counts, sorts or prints an object gets what it got.
public protocol TemplateObject: MustacheParent, MustacheTransformable, CustomStringConvertible {
    /// The field `name`, or nil when the object has none (the lookup then goes on down the context stack).
    func child(named name: String) -> Any?
    /// The fields as the dictionary templates were given before, nested objects as dictionaries too.
    var templateDictionary: [String: Any] { get }
}

extension TemplateObject {
    /// `count`, `empty`, `enumerated` and `sorted`, as for a dictionary.
    public func transform(_ name: String) -> Any? { templateDictionary.transform(name) }

    /// What `{{object}}` printed for the dictionary.
    public var description: String { templateDictionary.description }
}

extension Array where Element: TemplateObject {
    /// The list as the array of dictionaries templates were given before.
    public var templateDictionaries: [[String: Any]] { map(\.templateDictionary) }
}
