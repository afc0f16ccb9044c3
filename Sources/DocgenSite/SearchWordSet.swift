import DocgenCore

/// Distinct lowercase words, numbered from 0 in the order they first came: a page's words while it
/// is rendered, and the site's vocabulary while the index is built. A `Set<String>` hashed every
/// word of every paragraph with `Hasher` and made a `String` per word, a few percent of a build;
/// here plain ASCII words (nearly all of them) are bytes in one buffer, found by a 64-bit key of
/// those bytes (`asciiKey`), and a `String` is made only for a word that is asked for as one.
///
/// Words with characters beyond ASCII go through a `[String: Int32]`, so canonically equivalent
/// spellings (a precomposed "é" and "e" with a combining accent) are one word, as in a `Set<String>`;
/// no such word equals an ASCII word once lowercased, so the two kinds never need comparing.
struct SearchWordSet: Sendable {
    /// The UTF-8 of every word, back to back, in word order.
    private var storage: [UInt8] = []
    /// Where each word's bytes end in `storage`; a word starts where the one before it ends.
    private var ends: [Int32] = []
    /// Per word, its `asciiKey`, or `nonASCIIKey` for a word in `others`.
    private var keys: [UInt64] = []
    /// The ASCII words by key, open addressing with linear probing: word number + 1, 0 when free.
    private var slots: [Int32]
    /// How many words are in `slots`.
    private var asciiCount = 0
    /// The words with a character beyond ASCII.
    private var others: [String: Int32] = [:]

    /// The key of the words in `others`; `asciiKey` never gives it (its long keys have bit 62 clear).
    private static let nonASCIIKey = UInt64.max
    /// Set in the key of an ASCII word longer than 8 bytes; short keys never have it, as bytes are below 0x80.
    private static let longKeyBit: UInt64 = 1 << 63

    /// An empty set with room for about `capacity` ASCII words before it grows.
    init(capacity: Int = 64) {
        var slotCount = 16
        while slotCount < capacity * 2 { slotCount *= 2 }
        slots = Array(repeating: 0, count: slotCount)
        storage.reserveCapacity(capacity * 8)
        ends.reserveCapacity(capacity)
        keys.reserveCapacity(capacity)
    }

    /// The same set without the spare room its lists were given to grow into: a page's set is kept
    /// until the index is built, and the room reserved for 256 words was kilobytes per page.
    func compacted() -> SearchWordSet {
        var copy = self
        // Through the buffers: `Array(array)` would share the buffer, spare room included.
        copy.storage = storage.withUnsafeBufferPointer { Array($0) }
        copy.ends = ends.withUnsafeBufferPointer { Array($0) }
        copy.keys = keys.withUnsafeBufferPointer { Array($0) }
        return copy
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
        keys[Int(id)] != Self.nonASCIIKey
    }

    /// Whether word `first` sorts before word `second` as `String`s do (by Unicode scalars of the
    /// canonical form; for ASCII that is byte order, so most pairs need no strings).
    func precedes(_ first: Int32, _ second: Int32) -> Bool {
        let firstKey = keys[Int(first)], secondKey = keys[Int(second)]
        // Short keys hold the bytes themselves; shifted to the top, integer order is byte order,
        // and the zeros after a shorter word sort it first.
        if firstKey & Self.longKeyBit == 0, secondKey & Self.longKeyBit == 0 {
            return Self.leftAligned(firstKey) < Self.leftAligned(secondKey)
        }
        return storage.withUnsafeBufferPointer { buffer in
            let one = UnsafeBufferPointer(rebasing: buffer[range(of: first)])
            let other = UnsafeBufferPointer(rebasing: buffer[range(of: second)])
            if firstKey == Self.nonASCIIKey || secondKey == Self.nonASCIIKey {
                return String(decoding: one, as: UTF8.self) < String(decoding: other, as: UTF8.self)
            }
            let shared = min(one.count, other.count)
            for offset in 0..<shared where one[offset] != other[offset] { return one[offset] < other[offset] }
            return one.count < other.count
        }
    }

    /// The short key `key` with its first byte in the top byte.
    private static func leftAligned(_ key: UInt64) -> UInt64 {
        key == 0 ? 0 : key << UInt64(key.leadingZeroBitCount & ~7)
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
        keys.append(Self.nonASCIIKey)
        others[word] = new
        return new
    }

    /// Inserts word `id` of `other` and returns its number here.
    mutating func insert(_ id: Int32, of other: SearchWordSet) -> Int32 {
        let key = other.keys[Int(id)]
        if key != Self.nonASCIIKey {
            // The key is already worked out: the other set's bytes are only read for a new or long word.
            return other.withBytes(of: id) { insertASCII(lowercasing: $0[...], key: key) }
        }
        return insert(other.word(id))
    }

    /// Inserts the ASCII `word` with its capitals made lowercase, returning its number.
    mutating func insertASCII(lowercasing word: Slice<UnsafeBufferPointer<UInt8>>) -> Int32 {
        insertASCII(lowercasing: word, key: Self.asciiKey(lowercasing: word))
    }

    /// `insertASCII(lowercasing:)` for a word whose `asciiKey` the caller has worked out. Inlined,
    /// as most words of a page are already in its set and finding one is a few instructions.
    @inline(__always)
    mutating func insertASCII(lowercasing word: Slice<UnsafeBufferPointer<UInt8>>, key: UInt64) -> Int32 {
        var slot = slotIndex(of: key)
        while true {
            let entry = slots[slot]
            if entry == 0 { return appendASCII(lowercasing: word, key: key, slot: slot) }
            if keys[Int(entry - 1)] == key, key & Self.longKeyBit == 0 || storedEquals(entry - 1, lowercasing: word) {
                return entry - 1
            }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// Adds the ASCII `word`, not in the set, whose key is `key` and whose free slot is `slot`.
    private mutating func appendASCII(lowercasing word: Slice<UnsafeBufferPointer<UInt8>>, key: UInt64, slot: Int) -> Int32 {
        let id = Int32(ends.count)
        for byte in word { storage.append(byte.asciiLowercased) }
        ends.append(Int32(storage.count))
        keys.append(key)
        slots[slot] = id + 1
        asciiCount += 1
        if asciiCount * 2 > slots.count { grow() }
        return id
    }

    /// The number of the ASCII `word` with its capitals made lowercase, or nil when it is not in the set.
    func id(lowercasing word: Slice<UnsafeBufferPointer<UInt8>>) -> Int32? {
        id(lowercasing: word, key: Self.asciiKey(lowercasing: word))
    }

    /// `id(lowercasing:)` for a word whose `asciiKey` the caller has worked out.
    @inline(__always)
    func id(lowercasing word: Slice<UnsafeBufferPointer<UInt8>>, key: UInt64) -> Int32? {
        var slot = slotIndex(of: key)
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if keys[Int(entry - 1)] == key, key & Self.longKeyBit == 0 || storedEquals(entry - 1, lowercasing: word) {
                return entry - 1
            }
            slot = (slot + 1) & (slots.count - 1)
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

    /// The key a plain ASCII word is found by, once its capitals are made lowercase: up to 8 bytes,
    /// the bytes themselves, first byte highest (so equal keys are equal words, with no bytes to
    /// compare; bytes are never 0, so lengths differ too); longer words, a hash with bit 63 set and
    /// bit 62 clear, which equal words share but unequal ones may too.
    @inline(__always)
    static func asciiKey<Bytes: Collection<UInt8>>(lowercasing word: Bytes) -> UInt64 {
        guard word.count > 8 else {
            var key: UInt64 = 0
            for byte in word { key = key << 8 | UInt64(byte.asciiLowercased) }
            return key
        }
        return longASCIIKey(lowercasing: word)
    }

    /// `asciiKey` of a word in a buffer, the tokenizer's case: a short word with 8 bytes of the
    /// buffer from its start is read as one integer and lowercased 8 bytes at once, where packing
    /// it byte by byte took as long as finding the words.
    @inline(__always)
    static func asciiKey(lowercasing word: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64 {
        let count = word.count
        guard count <= 8, word.startIndex + 8 <= word.base.count, let base = word.base.baseAddress else {
            return asciiKey(lowercasing: UnsafeBufferPointer(rebasing: word))
        }
        let loaded = UInt64(littleEndian: UnsafeRawPointer(base + word.startIndex).loadUnaligned(as: UInt64.self))
        // Shifts of 64 give 0, so a word of 8 bytes keeps all of them.
        let bytes = loaded & ((1 << UInt64(8 * count)) &- 1)
        let ones: UInt64 = 0x0101_0101_0101_0101
        // Bit 7 of a byte of `bytes + (0x80 - bound) * ones` is set when the byte is at least
        // `bound`; ASCII bytes cannot carry into the next byte.
        let isCapital = (bytes &+ 0x3F &* ones) & ~(bytes &+ 0x25 &* ones) & (0x80 &* ones)
        // The first byte becomes the highest, as the byte-by-byte packing puts it.
        return (bytes | isCapital >> 2).byteSwapped >> UInt64(8 * (8 - count))
    }

    /// `asciiKey` for a word of more than 8 bytes.
    private static func longASCIIKey<Bytes: Collection<UInt8>>(lowercasing word: Bytes) -> UInt64 {
        var key: UInt64 = 0
        // Eight bytes per multiply: FNV-1a's multiply per byte was most of the cost of a word.
        var chunk: UInt64 = 0
        var chunkBytes = 0
        for byte in word {
            chunk = chunk << 8 | UInt64(byte.asciiLowercased)
            chunkBytes += 1
            if chunkBytes == 8 {
                key = (key ^ chunk) &* 0x9E37_79B9_7F4A_7C15
                key ^= key >> 29
                chunk = 0
                chunkBytes = 0
            }
        }
        key = (key ^ chunk ^ UInt64(word.count)) &* 0x9E37_79B9_7F4A_7C15
        key ^= key >> 32
        return key >> 2 | longKeyBit
    }

    /// Whether word `id` is `word` once its capitals are made lowercase.
    private func storedEquals(_ id: Int32, lowercasing word: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let stored = range(of: id)
        guard stored.count == word.count else { return false }
        return storage.withUnsafeBufferPointer { buffer in
            var position = stored.lowerBound
            for byte in word {
                if buffer[position] != byte.asciiLowercased { return false }
                position += 1
            }
            return true
        }
    }

    /// Where probing for `key` starts.
    @inline(__always)
    private func slotIndex(of key: UInt64) -> Int {
        // Short keys are plain bytes; the multiply spreads all of them into the top bits used here.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slots.count.trailingZeroBitCount))
    }

    /// Doubles `slots`, placing every ASCII word again by its key (no bytes are read).
    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for (index, key) in keys.enumerated() where key != Self.nonASCIIKey {
            var slot = slotIndex(of: key)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(index) + 1
        }
    }
}
