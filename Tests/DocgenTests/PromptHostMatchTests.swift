@testable import DocgenSite
import Foundation
import Testing

/// A shell session's prompt host is matched to a cluster profile ignoring case; the byte path for
/// ASCII names must answer as Foundation's `caseInsensitiveCompare` does.
@Suite("Prompt host matching")
struct PromptHostMatchTests {
    @Test("ASCII and other names match as caseInsensitiveCompare says", arguments: [
        ("login", "login"), ("LOGIN", "login"), ("Saga-Login-1", "saga-login-1"), ("login", "login-1"), ("login-1", "login"),
        ("", ""), ("", "a"), ("a-b_c.d", "A-B_C.D"), ("[", "{"), ("@", "`"), ("z", "Z"), ("uan01", "UAN01"),
        ("straße", "STRASSE"), ("Ärger", "ärger"), ("login", "lógin"), ("ﬁle", "FILE"),
    ])
    func matches(first: String, second: String) {
        #expect(LazyCatalog.sameIgnoringCase(first, second) == (first.caseInsensitiveCompare(second) == .orderedSame))
        #expect(LazyCatalog.sameIgnoringCase(second, first) == (second.caseInsensitiveCompare(first) == .orderedSame))
    }
}
