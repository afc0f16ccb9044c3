import Foundation
import DocgenCore

/// Finds templates that include themselves, directly or through other partials, outside any section.
/// Mustache renders partials by recursion with no depth limit, so such a cycle would overflow the
/// stack and crash docgen while rendering; it is reported when the theme loads instead. A partial
/// included inside `{{#section}}` (like a navigation tree rendering its children) is conditional and allowed.
enum PartialCycleCheck {
    /// One unconditional `{{> name}}` of a template and where it is.
    struct Inclusion {
        var partial: String
        var line: Int
        var column: Int
    }

    /// The first cycle found, as an error located at the inclusion that closes it.
    static func check(templates: [String: String], sources: [String: String]) -> DocgenError? {
        let inclusions = templates.mapValues(unconditionalInclusions)
        for start in templates.keys.sorted() {
            // Depth-first search over a handful of templates: the path is the chain of inclusions so far.
            var path: [(template: String, next: Int)] = [(start, 0)]
            var onPath: Set<String> = [start]
            var finished: Set<String> = []
            while let last = path.last {
                let template = last.template, next = last.next
                let edges = inclusions[template] ?? []
                guard next < edges.count else {
                    finished.insert(template)
                    onPath.remove(template)
                    path.removeLast()
                    continue
                }
                path[path.count - 1].next += 1
                let edge = edges[next]
                if onPath.contains(edge.partial) {
                    let chain = path.map(\.template).drop { $0 != edge.partial } + [edge.partial]
                    return DocgenError(
                        "template '\(template)' includes '\(edge.partial)' outside any section, which leads back to itself (\(chain.joined(separator: " > "))); "
                            + "rendering it would never end. Remove the {{> \(edge.partial)}} tag or put it inside a {{#section}} that ends",
                        id: "theme.partial-cycle",
                        at: SourceLocation(file: sources[template] ?? template, line: edge.line, column: edge.column))
                }
                if templates[edge.partial] != nil, !finished.contains(edge.partial) {
                    path.append((edge.partial, 0))
                    onPath.insert(edge.partial)
                }
            }
        }
        return nil
    }

    /// The `{{> name}}` tags of `text` that are not inside a section; none when the template changes
    /// its delimiters (then the check cannot read it and stays quiet).
    static func unconditionalInclusions(_ text: String) -> [Inclusion] {
        var result: [Inclusion] = []
        var depth = 0
        var line = 1
        var lineStart = text.startIndex
        var index = text.startIndex
        while let open = text[index...].range(of: "{{") {
            for position in text[index..<open.lowerBound].indices where text[position] == "\n" {
                line += 1
                lineStart = text.index(after: position)
            }
            guard let close = text[open.upperBound...].range(of: "}}") else { break }
            var tag = text[open.upperBound..<close.lowerBound]
            if tag.hasPrefix("{") { tag = tag.dropFirst() }
            switch tag.first {
            case "=": return []
            case "#", "^", "$": depth += 1
            case "/": depth = max(0, depth - 1)
            case ">", "<":
                let name = tag.dropFirst().trimmingCharacters(in: " \t")
                if depth == 0, !name.isEmpty {
                    result.append(Inclusion(partial: name, line: line, column: text.distance(from: lineStart, to: open.lowerBound) + 1))
                }
            default: break
            }
            for position in text[open.lowerBound..<close.upperBound].indices where text[position] == "\n" {
                line += 1
                lineStart = text.index(after: position)
            }
            index = close.upperBound
        }
        return result
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in characters: String) -> String {
        String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
    }
}
