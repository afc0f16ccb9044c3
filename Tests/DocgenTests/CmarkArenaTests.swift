@testable import DocgenMarkdown
import Foundation
import Testing

/// cmark-gfm allocates from a per-thread arena: the memory it hands out must behave as `calloc` and
/// `realloc` do, and a page parsed into it must give the tree cmark-gfm's own allocator gives.
@Suite("cmark-gfm's arena")
struct CmarkArenaTests {
    /// Pages that reach every path of the arena: many small nodes, buffers that grow past the large
    /// size and past a whole block, footnotes, tables, task lists and nesting deeper than the limit.
    static let documents: [(name: String, text: String)] = [
        ("empty", ""),
        ("text", "Plain *text* with `code`, a [link](a.md \"title\") and ![an image](b.png).\n"),
        ("table", "| a | b |\n|:--|--:|\n| ~~x~~ | www.example.com |\n| [y](c.md) | z |\n"),
        ("footnotes", "A note[^one] and another[^Two Words].\n\n[^one]: First.\n[^two words]: Second, *emphasised*.\n"),
        ("tasks", "- [x] done\n- [ ] to do\n  1. nested\n  2. list\n\n> [!NOTE]\n> a quote\n"),
        ("code", "```bash title=x\n#!/bin/bash\n#SBATCH --time=01:00:00\necho hi\n```\n\n    indented\n\n<div>html</div>\n"),
        ("long paragraph", String(repeating: "word and more words ", count: 5_000) + "\n"),
        ("many blocks", (0..<4_000).map { "## Heading \($0)\n\nText \($0) with **strong** and a https://nris.no/\($0) link.\n" }.joined(separator: "\n")),
        ("long code block", "```\n" + String(repeating: "echo line of a long script\n", count: 30_000) + "```\n"),
        ("too deep", String(repeating: "> ", count: 150) + "deep\n"),
    ]

    @Test("a page parsed into the arena gives the tree cmark-gfm's own allocator gives", arguments: documents)
    func sameTree(name: String, text: String) {
        let own = CmarkParser.parseLimitingDepth(text, lineOffset: 3, usingArena: false)
        let arena = CmarkParser.parseLimitingDepth(text, lineOffset: 3, usingArena: true)
        #expect(arena.tree == own.tree, "\(name)")
        #expect(arena.flattenedLine == own.flattenedLine, "\(name)")
        // Parsed again into the reset arena, the same again.
        #expect(CmarkParser.parseLimitingDepth(text, lineOffset: 3, usingArena: true).tree == own.tree, "\(name)")
    }

    @Test("threads parsing different pages at once each get their own page's tree")
    func parallelThreads() async {
        let expected = Self.documents.map { CmarkParser.parseLimitingDepth($0.text, lineOffset: 0, usingArena: false).tree }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var wrong = 0
                    for round in 0..<20 {
                        let index = (task + round) % Self.documents.count
                        if CmarkParser.parse(Self.documents[index].text) != expected[index] { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }

    @Test("calloc gives zeroes, also from memory an earlier page wrote")
    func zeroedAfterReuse() throws {
        let blocks = try #require(CmarkArena.Blocks.make())
        defer { CmarkArena.Blocks.destroy(blocks) }
        for _ in 0..<3 {
            for size in [1, 7, 16, 100, 4_000, 40_000] {
                let made = blocks.pointee.allocate(size, zeroed: true)
                let memory = try #require(made)
                let bytes = UnsafeMutableRawBufferPointer(start: memory, count: size)
                #expect(bytes.allSatisfy { $0 == 0 }, "size \(size)")
                #expect(Int(bitPattern: memory) % 16 == 0)
                bytes.initializeMemory(as: UInt8.self, repeating: 0xAB)
            }
            blocks.pointee.reset()
        }
    }

    @Test("realloc keeps the contents: grown in place, moved, and grown past the large size", arguments: [10, 1_000, 20_000, 40_000])
    func reallocKeepsContents(start: Int) throws {
        let blocks = try #require(CmarkArena.Blocks.make())
        defer { CmarkArena.Blocks.destroy(blocks) }
        let made = blocks.pointee.reallocate(nil, to: start)
        var memory = try #require(made)
        var size = start
        func fill(_ pointer: UnsafeMutableRawPointer, _ count: Int) {
            for offset in 0..<count { pointer.storeBytes(of: UInt8(truncatingIfNeeded: offset &* 31), toByteOffset: offset, as: UInt8.self) }
        }
        func intact(_ pointer: UnsafeMutableRawPointer, _ count: Int) -> Bool {
            (0..<count).allSatisfy { pointer.load(fromByteOffset: $0, as: UInt8.self) == UInt8(truncatingIfNeeded: $0 &* 31) }
        }
        fill(memory, size)
        for round in 0..<8 {
            // Every other round something else is allocated first, so the buffer is not the last allocation.
            if round % 2 == 1 {
                let other = blocks.pointee.allocate(48, zeroed: true)
                #expect(other != nil)
            }
            let grown = size * 2 + 5
            let made = blocks.pointee.reallocate(memory, to: grown)
            memory = try #require(made)
            #expect(intact(memory, size), "round \(round), \(size) to \(grown) bytes")
            fill(memory, grown)
            size = grown
        }
        // Shrinking keeps the allocation.
        #expect(blocks.pointee.reallocate(memory, to: 8) == memory)
    }

    @Test("more blocks than are kept: after a reset the arena still hands out fresh, zeroed memory")
    func manyBlocks() throws {
        let blocks = try #require(CmarkArena.Blocks.make())
        defer { CmarkArena.Blocks.destroy(blocks) }
        let count = (CmarkArena.Blocks.keptBlocks + 3) * CmarkArena.Blocks.blockSize / 1_000
        var seen = Set<UnsafeMutableRawPointer>()
        for _ in 0..<count {
            let made = blocks.pointee.allocate(1_000, zeroed: true)
            let memory = try #require(made)
            #expect(seen.insert(memory).inserted)
            memory.storeBytes(of: 0xFF, as: UInt8.self)
        }
        blocks.pointee.reset()
        for _ in 0..<count {
            let made = blocks.pointee.allocate(1_000, zeroed: true)
            let memory = try #require(made)
            #expect(memory.load(as: UInt8.self) == 0)
        }
    }
}
