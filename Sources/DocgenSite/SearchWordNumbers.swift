/// The number each vocabulary word is written as in the index's text codes (`SearchTextCode`):
/// 0 to 63 for the `top` words, 64 and up for the others by their place in the sorted vocabulary.
struct SearchWordNumbers: Sendable {
    /// The vocabulary.
    let words: SearchWordSet
    /// Per word of `words`, its number.
    let numbers: [Int]

    /// The number of the lowercase `word`, or nil when it is not in the vocabulary.
    subscript(word: String) -> Int? {
        words.id(of: word).map { numbers[Int($0)] }
    }

    /// The number of the ASCII `word` once its capitals are made lowercase, or nil when it is not in the vocabulary.
    func number(lowercasing word: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        words.id(lowercasing: word).map { numbers[Int($0)] }
    }
}
