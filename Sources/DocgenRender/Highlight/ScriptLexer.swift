/// Python and R: keywords, builtins, strings, numbers, comments, and (Python) decorators and definitions.
struct ScriptLexer {
    let keywords: Set<String>
    let builtins: Set<String>
    let tripleQuotes: Bool
    let decorators: Bool
    let definitionKeywords: Set<String>

    static let python = ScriptLexer(
        keywords: [
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
            "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
            "pass", "raise", "return", "try", "while", "with", "yield", "match", "case",
        ],
        builtins: [
            "print", "len", "range", "open", "int", "float", "str", "list", "dict", "set", "tuple", "enumerate", "zip", "map",
            "filter", "sorted", "sum", "min", "max", "abs", "isinstance", "super", "self", "type", "bool", "any", "all",
        ],
        tripleQuotes: true, decorators: true, definitionKeywords: ["def", "class"])

    static let r = ScriptLexer(
        keywords: [
            "function", "if", "else", "for", "while", "repeat", "break", "next", "return", "in", "TRUE", "FALSE", "NULL", "NA",
            "Inf", "NaN", "T", "F",
        ],
        builtins: [
            "library", "require", "print", "cat", "paste", "paste0", "c", "list", "data.frame", "read.csv", "write.csv",
            "lapply", "sapply", "mean", "sum", "length", "nrow", "ncol", "Sys.getenv", "as.numeric", "as.integer",
        ],
        tripleQuotes: false, decorators: false, definitionKeywords: [])

    func highlight(_ text: String) -> String {
        var scanner = SourceScanner(text)
        var afterDefinition = false
        while let character = scanner.current {
            let start = scanner.index
            if character == "#" {
                scanner.skipToLineEnd()
                scanner.emit(.comment, from: start)
            } else if decorators, character == "@", scanner.isAtLineStart {
                scanner.index += 1
                scanner.skipWord(extra: ["_", "."])
                scanner.emit(.meta, from: start)
            } else if character == "\"" || character == "'" {
                skipString(&scanner, quote: character)
                scanner.emit(.string, from: start)
            } else if character.isNumber {
                scanner.skipNumber()
                if let next = scanner.current, next == "L" || next == "j" { scanner.index += 1 }
                scanner.emit(.number, from: start)
            } else if character.isLetter || character == "_" {
                let extra: Set<Character> = tripleQuotes ? ["_"] : ["_", "."]
                let word = scanner.word(extra: extra)
                // String prefixes: f"...", r'...', b"...", rb"..."
                if tripleQuotes, word.count <= 2, word.lowercased().allSatisfy({ "frbu".contains($0) }),
                   let quote = scanner.peek(word.count), quote == "\"" || quote == "'" {
                    scanner.index += word.count
                    skipString(&scanner, quote: quote)
                    scanner.emit(.string, from: start)
                    continue
                }
                scanner.skipWord(extra: extra)
                if afterDefinition {
                    scanner.emit(.function, from: start)
                    afterDefinition = false
                } else if keywords.contains(word) {
                    scanner.emit(.keyword, from: start)
                    afterDefinition = definitionKeywords.contains(word)
                } else if builtins.contains(word) {
                    scanner.emit(.builtin, from: start)
                } else if scanner.current == "(" {
                    scanner.emit(.function, from: start)
                } else {
                    scanner.emit(nil, from: start)
                }
            } else if "=+-*/<>!%&|^~:".contains(character) {
                scanner.index += 1
                while let next = scanner.current, "=<>-".contains(next), scanner.index - start < 3 { scanner.index += 1 }
                scanner.emit(.operator, from: start)
            } else {
                scanner.emitPlain()
            }
        }
        return scanner.html
    }

    private func skipString(_ scanner: inout SourceScanner, quote: Character) {
        if tripleQuotes, scanner.peek() == quote, scanner.peek(2) == quote {
            let triple = String(repeating: quote, count: 3)
            scanner.index += 3
            while !scanner.isAtEnd, !scanner.starts(with: triple) {
                if scanner.current == "\\" { scanner.index += 1 }
                scanner.index += 1
            }
            scanner.index = min(scanner.index + 3, scanner.characters.count)
        } else {
            scanner.skipQuoted(quote, multiline: !tripleQuotes)
        }
    }
}
