// Internal: a public import of the C library here would reach every module that imports this one,
// and change which module a C declaration (such as `stat`'s fields) is found in there.
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

extension StringProtocol {
    /// Whether every UTF-8 byte is ASCII. Read from the contiguous bytes where the string has them,
    /// OR-ing them all (no early exit, so the loop vectorizes): `utf8.allSatisfy` went through the
    /// view's index one byte at a time, on every link, path and heading of every page.
    @inlinable
    public var isAllASCII: Bool {
        utf8.withContiguousStorageIfAvailable { $0.reduce(0, |) < 0x80 } ?? utf8.allSatisfy { $0 < 0x80 }
    }
}

extension UInt8 {
    /// The byte with an ASCII capital made lowercase; every other byte as it is.
    @inlinable
    public var asciiLowercased: UInt8 {
        self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z") ? self + 0x20 : self
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The offset of the first `byte` at or after offset `start`, found with the C library's
    /// vectorized `memchr`: `firstIndex(of:)` compares one byte per step, and searches of every
    /// page's lines, paragraphs and links showed in profiles.
    public func firstOffset(of byte: UInt8, from start: Int = 0) -> Int? {
        guard let base = baseAddress, start < count, let found = memchr(base + start, Int32(byte), count - start) else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    /// Whether the bytes hold `byte` (see `firstOffset(of:from:)`).
    public func containsByte(_ byte: UInt8) -> Bool {
        firstOffset(of: byte) != nil
    }
}

extension StringProtocol {
    /// Whether the string's UTF-8 holds `byte` (see `UnsafeBufferPointer.containsByte`).
    public func containsUTF8Byte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.containsByte(byte) } ?? utf8.contains(byte)
    }
}
