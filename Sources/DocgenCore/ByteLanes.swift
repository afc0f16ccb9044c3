/// Tests on eight bytes at once, read as one little-endian `UInt64` (lane `i` is the byte at offset
/// `i`): scans of every page's text look at a word per step and only at a flagged word byte by byte.
public enum ByteLanes {
    /// The byte 0x01 in every lane.
    public static let ones: UInt64 = 0x0101_0101_0101_0101
    /// The byte 0x80 in every lane.
    public static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `offset` from `base`, which need no alignment.
    @inlinable
    public static func load(_ base: UnsafeRawPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Non-zero exactly when a lane of `word` equals `byte` (the "has a zero byte" test on `word`
    /// XORed with `byte` in every lane).
    @inlinable
    public static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let lanes = word ^ (ones &* UInt64(byte))
        return (lanes &- ones) & ~lanes & highs
    }

    /// Non-zero exactly when a lane of `word` is below `bound`, for a `bound` of at most 0x80.
    @inlinable
    public static func below(_ word: UInt64, _ bound: UInt8) -> UInt64 {
        (word &- ones &* UInt64(bound)) & ~word & highs
    }
}
