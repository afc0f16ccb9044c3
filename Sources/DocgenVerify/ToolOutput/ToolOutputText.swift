/// Text helpers shared by the tool-output parsers: lines, fixed-width columns, numbers, times.
enum ToolOutputText {
    /// The lines of the text as a terminal shows them: no ANSI codes, no CR, no trailing whitespace.
    static func lines(_ text: String) -> [String] {
        TranscriptStrings.lines(OutputNormalizer.stripANSI(text)).map {
            TranscriptStrings.trimmedTrailing(OutputNormalizer.resolveCarriageReturns(String($0)))
        }
    }

    static func isBlank(_ line: String) -> Bool {
        ASCIIText.isBlank(line)
    }

    /// A run of text on a line: `start` and `end` are 0-based character offsets, end exclusive.
    struct Chunk: Equatable {
        var text: String
        var start: Int
        var end: Int

        /// The 1-based column of the chunk's first character.
        var column: Int { start + 1 }
    }

    /// The runs of text separated by at least `minimumGap` spaces.
    static func chunks(_ line: String, minimumGap: Int) -> [Chunk] {
        if let chunks = asciiChunks(line, minimumGap: minimumGap) { return chunks }
        let characters = Array(line)
        var chunks: [Chunk] = []
        var index = 0
        while index < characters.count {
            while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
            guard index < characters.count else { break }
            let start = index
            var end = index
            while index < characters.count {
                if characters[index] == " " || characters[index] == "\t" {
                    var gapEnd = index
                    while gapEnd < characters.count, characters[gapEnd] == " " || characters[gapEnd] == "\t" { gapEnd += 1 }
                    if gapEnd - index >= minimumGap || gapEnd == characters.count {
                        break
                    }
                    index = gapEnd
                } else {
                    index += 1
                    end = index
                }
            }
            chunks.append(Chunk(text: String(characters[start..<end]), start: start, end: end))
        }
        return chunks
    }

    /// ``chunks(_:minimumGap:)`` over bytes, for lines whose bytes are their Characters (ASCII
    /// without CR, which could pair with a following LF); nil for other lines.
    private static func asciiChunks(_ line: String, minimumGap: Int) -> [Chunk]? {
        let result = line.utf8.withContiguousStorageIfAvailable { bytes -> [Chunk]? in
            guard bytes.allSatisfy({ $0 < 0x80 && $0 != ASCIIText.carriageReturn }) else { return nil }
            var chunks: [Chunk] = []
            var index = 0
            while index < bytes.count {
                while index < bytes.count, ASCIIText.isSpaceOrTab(bytes[index]) { index += 1 }
                guard index < bytes.count else { break }
                let start = index
                var end = index
                while index < bytes.count {
                    if ASCIIText.isSpaceOrTab(bytes[index]) {
                        var gapEnd = index
                        while gapEnd < bytes.count, ASCIIText.isSpaceOrTab(bytes[gapEnd]) { gapEnd += 1 }
                        if gapEnd - index >= minimumGap || gapEnd == bytes.count {
                            break
                        }
                        index = gapEnd
                    } else {
                        index += 1
                        end = index
                    }
                }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                chunks.append(Chunk(text: text, start: start, end: end))
            }
            return chunks
        }
        return result ?? nil
    }

    /// Column spans from a rule line such as `------  -----  ---`; nil when the line is not a rule.
    static func ruleSpans(_ line: String, character: Character = "-") -> [Range<Int>]? {
        guard line.contains(character), line.allSatisfy({ $0 == character || $0 == " " }) else { return nil }
        return chunks(line, minimumGap: 1).map { $0.start..<$0.end }
    }

    /// Spreads a row's chunks over column spans: each chunk goes to the span it overlaps most;
    /// chunks in the same span are joined as written. Chunks that overlap no span are returned
    /// as `stray`. A span with nothing is nil.
    static func assign(_ chunks: [Chunk], to spans: [Range<Int>], in line: String) -> (cells: [Chunk?], stray: [Chunk]) {
        var cells = [Chunk?](repeating: nil, count: spans.count)
        var stray: [Chunk] = []
        // Only needed when two chunks share a cell, which few rows have.
        var characters: [Character]?
        for chunk in chunks {
            var best: (index: Int, overlap: Int)?
            for (index, span) in spans.enumerated() {
                let overlap = min(span.upperBound, chunk.end) - max(span.lowerBound, chunk.start)
                if overlap > 0, overlap > (best?.overlap ?? 0) { best = (index, overlap) }
            }
            guard let best else {
                stray.append(chunk)
                continue
            }
            if let existing = cells[best.index] {
                let start = min(existing.start, chunk.start)
                let end = max(existing.end, chunk.end)
                let all = characters ?? Array(line)
                characters = all
                cells[best.index] = Chunk(text: String(all[start..<end]), start: start, end: end)
            } else {
                cells[best.index] = chunk
            }
        }
        return (cells, stray)
    }

    /// Spans from header words: right-aligned columns end where their header word ends and start
    /// after the previous one; the last column runs to the end of the line.
    static func headerSpans(_ words: [Chunk], lastIsOpenEnded: Bool) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var previousEnd = 0
        for (index, word) in words.enumerated() {
            if index == words.count - 1, lastIsOpenEnded {
                spans.append(min(previousEnd, word.start)..<Int.max / 2)
            } else {
                spans.append(previousEnd..<word.end)
            }
            previousEnd = word.end
        }
        return spans
    }

    // MARK: - Numbers

    /// A count as dusage prints it: digits grouped in threes with spaces (`38 819`, `1 000 000`),
    /// or up to three digits.
    static func groupedCount(_ text: String) -> Int? {
        let groups = text.split(separator: " ", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count), groups.allSatisfy({ $0.allSatisfy(isDigit) }),
              groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        return Int(groups.joined())
    }

    /// A non-negative decimal number with digits only (`40000.00`, `0`); optional leading `-`
    /// when `allowsNegative`.
    static func decimal(_ text: String, allowsNegative: Bool = false) -> Double? {
        var body = Substring(text)
        if allowsNegative, body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isDigit) }) else {
            return nil
        }
        return Double(text)
    }

    static func isDigit(_ character: Character) -> Bool {
        ("0"..."9").contains(character)
    }

    /// Whether the text is digits only (at least one).
    static func isDigits<S: StringProtocol>(_ text: S) -> Bool {
        !text.isEmpty && text.allSatisfy(isDigit)
    }

    /// A number with two decimals, for messages.
    static func hours(_ value: Double) -> String {
        // A value from the page can be any length (or infinite); only what fits an Int is printed digit by digit.
        guard value.isFinite, abs(value) < 1e15 else { return "\(value)" }
        let hundredths = Int((abs(value) * 100).rounded())
        let fraction = hundredths % 100
        return (value < 0 && hundredths > 0 ? "-" : "") + "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    // MARK: - Slurm times

    /// An elapsed time as squeue and sacct print it — `M:SS`, `MM:SS`, `H:MM:SS`, `D-HH:MM:SS`,
    /// optionally with fractional seconds (`TotalCPU`) — in seconds; nil when malformed.
    static func slurmDuration(_ text: String, allowsFraction: Bool = false) -> Double? {
        var days: Int?
        var rest = Substring(text)
        if let dash = rest.firstIndex(of: "-") {
            let dayText = rest[..<dash]
            guard isDigits(dayText), let value = Int(dayText) else { return nil }
            days = value
            rest = rest[rest.index(after: dash)...]
        }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let secondsText = parts.last else { return nil }
        var wholeSeconds = secondsText
        var fraction: Substring = ""
        if allowsFraction, let dot = secondsText.firstIndex(of: ".") {
            wholeSeconds = secondsText[..<dot]
            fraction = secondsText[secondsText.index(after: dot)...]
            guard isDigits(fraction) else { return nil }
        }
        guard wholeSeconds.count == 2, isDigits(wholeSeconds), let seconds = Int(wholeSeconds), seconds < 60 else { return nil }
        var total = Double(seconds) + (fraction.isEmpty ? 0 : Double("0." + fraction) ?? 0)
        if parts.count == 3 {
            let hoursText = parts[0]
            let minutesText = parts[1]
            // Slurm prints a day part from 24 hours on, so hours stay below 24.
            guard (1...2).contains(hoursText.count), isDigits(hoursText), let hours = Int(hoursText), hours < 24,
                  minutesText.count == 2, isDigits(minutesText), let minutes = Int(minutesText), minutes < 60 else { return nil }
            if days != nil, hoursText.count != 2 { return nil }
            total += Double(hours * 3600 + minutes * 60)
        } else {
            let minutesText = parts[0]
            guard days == nil, (1...2).contains(minutesText.count), isDigits(minutesText), let minutes = Int(minutesText), minutes < 60 else {
                return nil
            }
            total += Double(minutes * 60)
        }
        // In Double: a day count of 15 digits or more would overflow Int.
        return total + Double(days ?? 0) * 86_400
    }

    /// A Slurm memory value as sacct prints it (`38112456K`, `4G`, `1024`, `3600Mc`), in bytes.
    static func slurmMemory(_ text: String) -> Double? {
        var body = Substring(text)
        if let last = body.last, last == "n" || last == "c" { body = body.dropLast() }
        var multiplier = 1.0
        if let last = body.last, let power = "KMGTP".firstIndex(of: last) {
            multiplier = Double(1 << (10 * ("KMGTP".distance(from: "KMGTP".startIndex, to: power) + 1)))
            body = body.dropLast()
        }
        guard let value = decimal(String(body)) else { return nil }
        return value * multiplier
    }
}
