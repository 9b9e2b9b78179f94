import Foundation

/// What a request's `Range` header asks of a file of `size` bytes (RFC 9110 §14): the whole
/// file, one part of it, or a part that is not there. Players ask for parts to seek and to
/// start a long take without loading it all.
///
/// A header Reel does not serve as a part — another unit, several ranges, bad syntax — is
/// ignored, as the RFC allows: the whole file is sent.
///
/// ```swift
/// ByteRange("bytes=0-99", size: 1000)   // .part(0...99)
/// ByteRange("bytes=-100", size: 1000)   // .part(900...999), the last 100 bytes
/// ByteRange("bytes=1000-", size: 1000)  // .unsatisfiable
/// ```
enum ByteRange: Hashable, Sendable {
    case whole
    case part(ClosedRange<Int>)
    case unsatisfiable

    init(_ header: String?, size: Int) {
        guard let header, let spec = header.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            .dropFirst().first, header.lowercased().hasPrefix("bytes="), !spec.contains(",") else {
            self = .whole
            return
        }
        let ends = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard ends.count == 2, ends.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            self = .whole
            return
        }
        switch (Int(ends[0]), Int(ends[1])) {
        case (let first?, let last):
            if let last, last < first { self = .whole; return }
            guard first < size else { self = .unsatisfiable; return }
            self = .part(first...min(last ?? size - 1, size - 1))
        case (nil, let suffix?) where ends[0].isEmpty:
            guard suffix > 0, size > 0 else { self = .unsatisfiable; return }
            self = .part(max(0, size - suffix)...(size - 1))
        default:
            self = .whole
        }
    }
}
