/// Distinct lowercase words, numbered from 0 in the order they first came: a page's words while it
/// is rendered, and the site's vocabulary while the index is built. A `Set<String>` hashed every
/// word of every paragraph with `Hasher` and made a `String` per word, a few percent of a build;
/// here plain ASCII words (nearly all of them) are bytes in one buffer, found by a cheap hash of
/// those bytes, and a `String` is made only for a word that is asked for as one.
///
/// Words with characters beyond ASCII go through a `[String: Int32]`, so canonically equivalent
/// spellings (a precomposed "é" and "e" with a combining accent) are one word, as in a `Set<String>`;
/// no such word equals an ASCII word once lowercased, so the two kinds never need comparing.
struct SearchWordSet: Sendable {
    /// The UTF-8 of every word, back to back, in word order.
    private var storage: [UInt8] = []
    /// Where each word's bytes end in `storage`; a word starts where the one before it ends.
    private var ends: [Int32] = []
    /// The ASCII words by hash, open addressing with linear probing: word number + 1, 0 when free.
    private var slots: [Int32]
    /// How many words are in `slots`.
    private var asciiCount = 0
    /// The words with a character beyond ASCII.
    private var others: [String: Int32] = [:]

    /// An empty set with room for about `capacity` ASCII words before it grows.
    init(capacity: Int = 64) {
        var slotCount = 16
        while slotCount < capacity * 2 { slotCount *= 2 }
        slots = Array(repeating: 0, count: slotCount)
        storage.reserveCapacity(capacity * 8)
        ends.reserveCapacity(capacity)
    }

    /// How many words the set holds.
    var count: Int { ends.count }

    /// Where word `id` lies in `storage`.
    private func range(of id: Int32) -> Range<Int> {
        let index = Int(id)
        return (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
    }

    /// Word `id` as a string.
    func word(_ id: Int32) -> String {
        storage.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range(of: id)]), as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 of word `id`.
    func withBytes<Result>(of id: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range(of: id)])) }
    }

    /// Whether word `id` is plain ASCII.
    func isASCII(_ id: Int32) -> Bool {
        withBytes(of: id) { !$0.contains { $0 >= 0x80 } }
    }

    /// Whether word `first` sorts before word `second` as `String`s do (by Unicode scalars of the
    /// canonical form; for ASCII that is byte order, so most pairs need no strings).
    func precedes(_ first: Int32, _ second: Int32) -> Bool {
        storage.withUnsafeBufferPointer { buffer in
            let one = UnsafeBufferPointer(rebasing: buffer[range(of: first)])
            let other = UnsafeBufferPointer(rebasing: buffer[range(of: second)])
            if one.contains(where: { $0 >= 0x80 }) || other.contains(where: { $0 >= 0x80 }) {
                return String(decoding: one, as: UTF8.self) < String(decoding: other, as: UTF8.self)
            }
            let shared = min(one.count, other.count)
            for offset in 0..<shared where one[offset] != other[offset] { return one[offset] < other[offset] }
            return one.count < other.count
        }
    }

    /// Inserts `word` (lowercase) and returns its number, the one it already had when it is in the set.
    @discardableResult
    mutating func insert(_ word: String) -> Int32 {
        var word = word
        let id: Int32? = word.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return insertASCII(lowercasing: bytes[...])
        }
        if let id { return id }
        if let known = others[word] { return known }
        let new = Int32(ends.count)
        storage.append(contentsOf: word.utf8)
        ends.append(Int32(storage.count))
        others[word] = new
        return new
    }

    /// Inserts word `id` of `other` and returns its number here.
    mutating func insert(_ id: Int32, of other: SearchWordSet) -> Int32 {
        if other.isASCII(id) {
            return other.withBytes(of: id) { insertASCII(lowercasing: $0[...]) }
        }
        return insert(other.word(id))
    }

    /// Inserts the ASCII `word` with its capitals made lowercase, returning its number.
    mutating func insertASCII(lowercasing word: Slice<UnsafeBufferPointer<UInt8>>) -> Int32 {
        let start = storage.count
        var hash = Self.hashSeed
        for byte in word {
            let lower = Self.lowercased(byte)
            storage.append(lower)
            hash = (hash ^ UInt64(lower)) &* Self.hashPrime
        }
        var slot = slotIndex(of: hash)
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if storedEquals(entry - 1, start..<storage.count) {
                storage.removeLast(storage.count - start)
                return entry - 1
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        let id = Int32(ends.count)
        ends.append(Int32(storage.count))
        slots[slot] = id + 1
        asciiCount += 1
        if asciiCount * 2 > slots.count { grow() }
        return id
    }

    /// The number of the ASCII `word` with its capitals made lowercase, or nil when it is not in the set.
    func id(lowercasing word: Slice<UnsafeBufferPointer<UInt8>>) -> Int32? {
        var hash = Self.hashSeed
        for byte in word { hash = (hash ^ UInt64(Self.lowercased(byte))) &* Self.hashPrime }
        var slot = slotIndex(of: hash)
        return storage.withUnsafeBufferPointer { buffer in
            while true {
                let entry = slots[slot]
                if entry == 0 { return nil }
                let stored = UnsafeBufferPointer(rebasing: buffer[range(of: entry - 1)])
                if stored.count == word.count, zip(stored, word).allSatisfy({ $0 == Self.lowercased($1) }) { return entry - 1 }
                slot = (slot + 1) & (slots.count - 1)
            }
        }
    }

    /// The number of `word` (lowercase), or nil when it is not in the set.
    func id(of word: String) -> Int32? {
        var word = word
        let ascii: Int32?? = word.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return .some(id(lowercasing: bytes[...]))
        }
        if let ascii { return ascii }
        return others[word]
    }

    private func storedEquals(_ id: Int32, _ candidate: Range<Int>) -> Bool {
        let stored = range(of: id)
        guard stored.count == candidate.count else { return false }
        return storage.withUnsafeBufferPointer { buffer in
            for offset in 0..<stored.count where buffer[stored.lowerBound + offset] != buffer[candidate.lowerBound + offset] {
                return false
            }
            return true
        }
    }

    private func slotIndex(of hash: UInt64) -> Int {
        // FNV's low bits are weak; the multiply spreads the whole hash into the top bits used here.
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slots.count.trailingZeroBitCount))
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for id in 0..<Int32(ends.count) where isASCII(id) {
            var hash = Self.hashSeed
            for byte in storage[range(of: id)] { hash = (hash ^ UInt64(byte)) &* Self.hashPrime }
            var slot = slotIndex(of: hash)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = id + 1
        }
    }

    private static let hashSeed: UInt64 = 0xCBF2_9CE4_8422_2325
    private static let hashPrime: UInt64 = 0x0000_0100_0000_01B3

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
    }
}
