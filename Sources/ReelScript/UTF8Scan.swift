/// Byte searches for the planner's cheap pre-checks (`:` in a paragraph, `!!`, the letters
/// `her`): a scan of the text's UTF-8, with no `Character` segmentation and no Foundation.
enum UTF8Scan {
    /// True when `needle`'s UTF-8 occurs in `text`'s; with `ignoringASCIICase`, ASCII letters
    /// match either case (UTF-8 is self-synchronising, so a match is a whole character).
    static func contains(_ text: some StringProtocol, _ needle: String, ignoringASCIICase: Bool = false) -> Bool {
        let pattern = Array(needle.utf8).map { ignoringASCIICase ? lowered($0) : $0 }
        guard let first = pattern.first else { return true }
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard bytes.count >= pattern.count else { return false }
            for i in 0...(bytes.count - pattern.count) {
                let b = ignoringASCIICase ? lowered(bytes[i]) : bytes[i]
                guard b == first else { continue }
                var k = 1
                while k < pattern.count, (ignoringASCIICase ? lowered(bytes[i + k]) : bytes[i + k]) == pattern[k] { k += 1 }
                if k == pattern.count { return true }
            }
            return false
        }
        return text.utf8.withContiguousStorageIfAvailable(scan) ?? Array(text.utf8).withUnsafeBufferPointer(scan)
    }

    @inline(__always)
    private static func lowered(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
}
