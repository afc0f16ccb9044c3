/// A theme's templates compiled for `CompiledTemplateRenderer`, with the names it can render.
///
/// A template is rendered compiled only when it and every partial it can reach (inside sections
/// too) compiled; one that uses a feature the compiled parser does not implement (transforms,
/// inheritance, set-delimiters, dynamic partials, pragmas) is left to swift-mustache, and so is
/// every template that includes it.
struct CompiledTemplateLibrary: Sendable {
    private let templates: FlatTemplates
    /// The templates that render compiled, by name, to their index in `templates`.
    private let renderable: [String: Int]
    /// Why each other template renders with swift-mustache.
    let leftToMustache: [String: String]

    /// Compiles `texts` (template name to text, each already parsed by swift-mustache without error).
    init(texts: [String: String]) {
        let sorted = texts.sorted { $0.key < $1.key }
        let indices = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($0.element.key, $0.offset) })
        var compiled: [CompiledTemplate?] = []
        var reasons: [String: String] = [:]
        for (name, text) in sorted {
            do {
                compiled.append(try CompiledTemplateParser.compile(text, templateIndices: indices))
            } catch {
                compiled.append(nil)
                reasons[name] = "uses \(error)"
            }
        }
        var renderable: [String: Int] = [:]
        for (index, (name, _)) in sorted.enumerated() where compiled[index] != nil {
            if let blocker = Self.firstUncompiled(reachableFrom: index, in: compiled) {
                reasons[name] = "includes '\(sorted[blocker].key)', which \(reasons[sorted[blocker].key] ?? "is not compiled")"
            } else {
                renderable[name] = index
            }
        }
        self.templates = FlatTemplates(compiled.map { $0 ?? CompiledTemplate(nodes: [], includedTemplates: []) })
        self.renderable = renderable
        self.leftToMustache = reasons
    }

    /// Whether `name` renders compiled.
    func isCompiled(_ name: String) -> Bool { renderable[name] != nil }

    /// `name` rendered with `context`, or nil when swift-mustache has to render it: the template (or a
    /// partial it includes) was not compiled, or the context holds a value the compiled renderer does not handle.
    func render(_ name: String, context: Any) -> String? {
        renderUTF8(name, context: context).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `render`'s result as UTF-8 bytes, as they go into a file.
    func renderUTF8(_ name: String, context: Any) -> [UInt8]? {
        guard let index = renderable[name] else { return nil }
        return try? CompiledTemplateRenderer.render(index, of: templates, context: context)
    }

    /// The first template reachable from `start` through partials that did not compile, if any.
    private static func firstUncompiled(reachableFrom start: Int, in compiled: [CompiledTemplate?]) -> Int? {
        var seen: Set<Int> = [start]
        var pending = [start]
        while let index = pending.popLast() {
            guard let template = compiled[index] else { return index }
            for included in template.includedTemplates.sorted() where seen.insert(included).inserted {
                pending.append(included)
            }
        }
        return nil
    }
}
