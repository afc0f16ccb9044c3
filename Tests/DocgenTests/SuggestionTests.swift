import DocgenCore
import DocgenVerify
import Testing

@Suite("Did-you-mean suggestions")
struct SuggestionTests {
    @Test("equally near candidates give the same suggestion in any order", arguments: [
        ("mem-per-", ["mem-per-gpu", "mem-per-cpu", "mem"]),
        ("titl", ["title", "tilt", "weight"]),
        ("ab", ["aa", "bb", "ac"]),
    ])
    func tieIsDeterministic(word: String, candidates: [String]) {
        let forward = Suggestion.closest(to: word, in: candidates)
        #expect(forward != nil)
        #expect(Suggestion.closest(to: word, in: candidates.reversed()) == forward)
        #expect(Suggestion.closest(to: word, in: Set(candidates)) == forward)
    }

    @Test("a misspelt sbatch option gets the same suggestion in every process")
    func slurmOptionTie() {
        // `--mem-per-` is one edit from both --mem-per-cpu and --mem-per-gpu; the options are a
        // dictionary's keys, whose order changes with each process's hash seed.
        #expect(SlurmOptions.suggestion(for: "mem-per-") == "mem-per-cpu")
    }
}
