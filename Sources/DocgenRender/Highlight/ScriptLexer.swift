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
        // The character sets read once per call: each read of a lazily made static checks that it was made.
        let (decoratorExtras, pythonWordExtras, rWordExtras) = (Self.decoratorExtras, Self.pythonWordExtras, Self.rWordExtras)
        let (stringPrefixes, operatorStarts, operatorContinuations) = (Self.stringPrefixes, Self.operatorStarts, Self.operatorContinuations)
        var scanner = SourceScanner(text)
        var afterDefinition = false
        while let character = scanner.current {
            let start = scanner.index
            if character == "#" {
                scanner.skipToLineEnd()
                scanner.emit(.comment, from: start)
            } else if decorators, character == "@", scanner.isAtLineStart {
                scanner.index += 1
                scanner.skipWord(extra: decoratorExtras)
                scanner.emit(.meta, from: start)
            } else if character == "\"" || character == "'" {
                skipString(&scanner, quote: character)
                scanner.emit(.string, from: start)
            } else if character.isNumber {
                scanner.skipNumber()
                if let next = scanner.current, next == "L" || next == "j" { scanner.index += 1 }
                scanner.emit(.number, from: start)
            } else if character.isLetter || character == "_" {
                let wordEnd = scanner.wordEnd(extra: tripleQuotes ? pythonWordExtras : rWordExtras)
                let wordLength = wordEnd - start
                // String prefixes: f"...", r'...', b"...", rb"..."
                if tripleQuotes, wordLength <= 2, scanner.units[start..<wordEnd].allSatisfy({ stringPrefixes.contains($0) }),
                   let quote = scanner.peek(wordLength), quote == "\"" || quote == "'" {
                    scanner.index += wordLength
                    skipString(&scanner, quote: quote)
                    scanner.emit(.string, from: start)
                    continue
                }
                scanner.index = wordEnd
                let word = scanner.text(from: start)
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
            } else if operatorStarts.contains(character) {
                scanner.index += 1
                while let next = scanner.current, operatorContinuations.contains(next), scanner.index - start < 3 { scanner.index += 1 }
                scanner.emit(.operator, from: start)
            } else {
                scanner.emitPlain()
            }
        }
        return String(decoding: scanner.output, as: UTF8.self)
    }

    /// Characters besides letters and digits in a decorator's name.
    private static let decoratorExtras: ASCIISet = "_."
    /// Characters besides letters and digits in a Python name.
    private static let pythonWordExtras: ASCIISet = "_"
    /// Characters besides letters and digits in an R name (`data.frame`).
    private static let rWordExtras: ASCIISet = "_."
    /// The letters of Python's string prefixes, either case.
    private static let stringPrefixes: ASCIISet = "frbuFRBU"
    /// The first character of an operator.
    private static let operatorStarts: ASCIISet = "=+-*/<>!%&|^~:"
    /// The characters that continue an operator.
    private static let operatorContinuations: ASCIISet = "=<>-"

    private func skipString(_ scanner: inout SourceScanner, quote: SourceUnit) {
        if tripleQuotes, scanner.peek() == quote, scanner.peek(2) == quote {
            scanner.index += 3
            while !scanner.isAtEnd, !(scanner.current == quote && scanner.peek() == quote && scanner.peek(2) == quote) {
                if scanner.current == "\\" { scanner.index += 1 }
                scanner.index += 1
            }
            scanner.index = min(scanner.index + 3, scanner.units.count)
        } else {
            scanner.skipQuoted(quote, multiline: !tripleQuotes)
        }
    }
}
