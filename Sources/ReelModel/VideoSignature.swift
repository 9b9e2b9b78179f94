import Foundation

/// What a clip looks like over time, small enough to keep with its check: a tiny picture
/// (8×8 grey, 4×4 of each colour difference) at up to ``samples`` evenly spaced moments.
/// Two takes of a shot whose signatures nearly match are one picture paid for twice,
/// however they were encoded or scaled; two draws of one prompt differ in layout or colour.
///
/// ```swift
/// let a = VideoSignature(frames: bytes)      // raw 8×8 yuv444p frames
/// a.difference(to: b)                        // 1.2: levels of 255, on average
/// a.repeats(b)                               // true
/// ```
///
/// A plain moment (black, one flat colour: grey levels spanning less than ``plainSpan``)
/// says nothing about what was drawn and is left out; two clips are only compared at
/// moments where both show something.
public struct VideoSignature: Hashable, Sendable, Codable, CustomStringConvertible {
    /// At most this many moments are kept, evenly spread over the clip.
    public static let samples = 16
    /// The side of each frame read (8×8, yuv444p: 192 bytes a frame).
    public static let side = 8
    /// A moment whose grey levels span less than this (0–255) is plain.
    public static let plainSpan = 12
    /// Two clips repeat each other when their moments differ by at most this much on average
    /// (levels of 255, over every grey and colour value) and by at most ``repeatWorst`` at
    /// any moment: a take that goes its own way for a second is another take.
    public static let repeatMean = 4.0
    public static let repeatWorst = 10.0
    /// Fewer moments than this where both clips show something: too little to say.
    public static let leastCompared = 4

    /// Per moment kept, in time order: 64 grey values then 16 of U and 16 of V; nil where
    /// the moment was plain.
    public var moments: [[UInt8]?]

    public init(moments: [[UInt8]?]) {
        self.moments = moments
    }

    /// The signature of raw 8×8 yuv444p frames, one after another.
    public init(frames data: Data) {
        let side = Self.side, plane = side * side, size = 3 * plane
        let count = data.count / size
        let bytes = [UInt8](data)
        let kept = count <= Self.samples ? Array(0..<count) : (0..<Self.samples).map { (2 * $0 + 1) * count / (2 * Self.samples) }
        moments = kept.map { k in
            let frame = Array(bytes[(k * size)..<((k + 1) * size)])
            let grey = Array(frame[0..<plane])
            guard let low = grey.min(), let high = grey.max(), Int(high) - Int(low) >= Self.plainSpan else { return nil }
            // Colour at 4×4: each value the mean of a 2×2 block.
            let colour = (1...2).flatMap { p in
                (0..<(side / 2)).flatMap { row in
                    (0..<(side / 2)).map { column in
                        let at = p * plane + 2 * row * side + 2 * column
                        let sum = Int(frame[at]) + Int(frame[at + 1]) + Int(frame[at + side]) + Int(frame[at + side + 1])
                        return UInt8((sum + 2) / 4)
                    }
                }
            }
            return grey + colour
        }
    }

    /// How much two clips differ, in levels of 255 on average over the moments both show
    /// something at (at the same share of their length); nil when fewer than
    /// ``leastCompared`` moments can be compared.
    public func difference(to other: VideoSignature) -> Double? {
        differences(to: other).map { $0.reduce(0, +) / Double($0.count) }
    }

    /// True when `other` is nearly the same clip: see ``repeatMean`` and ``repeatWorst``.
    public func repeats(_ other: VideoSignature) -> Bool {
        guard let d = differences(to: other) else { return false }
        return d.reduce(0, +) / Double(d.count) <= Self.repeatMean && (d.max() ?? 0) <= Self.repeatWorst
    }

    /// The mean difference at each moment both clips show something at.
    public func differences(to other: VideoSignature) -> [Double]? {
        let n = min(moments.count, other.moments.count)
        guard n > 0 else { return nil }
        var differences: [Double] = []
        for k in 0..<n {
            guard let a = moments[k * moments.count / n], let b = other.moments[k * other.moments.count / n],
                  a.count == b.count, !a.isEmpty else { continue }
            differences.append(Double(zip(a, b).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(a.count))
        }
        return differences.count >= Self.leastCompared ? differences : nil
    }

    /// Each moment in base64, `-` for a plain one, separated by dots.
    public var description: String {
        moments.map { $0.map { Data($0).base64EncodedString() } ?? "-" }.joined(separator: ".")
    }

    public init?(_ text: String) {
        var moments: [[UInt8]?] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            if part == "-" { moments.append(nil); continue }
            guard let data = Data(base64Encoded: String(part)), data.count == Self.side * Self.side * 3 / 2 else { return nil }
            moments.append([UInt8](data))
        }
        self.moments = moments
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let signature = VideoSignature(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a video signature"))
        }
        self = signature
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension Take {
    /// `takes` (in their order) with each video take that nearly repeats a finished take made
    /// before it from the same request — the same version of the shot, provider, model and
    /// notes; only the seed differs (``VideoSignature/repeats(_:)``) — failing its check for
    /// that: the attempt brought nothing new, as when a provider answers from its cache. A take
    /// made after an edit, a note or on another model is meant to differ and is not compared.
    /// Compared where takes are read, since each take's check sees one take. The animatic's
    /// takes are left alone: it draws the shot's panel, the same each time by design, for nothing.
    public static func markingDuplicates(_ takes: [Take]) -> [Take] {
        func compared(_ take: Take) -> Bool { take.kind == .video && take.succeeded && take.provider != "animatic" }
        /// The request a take answered, but for its seed.
        struct Asked: Hashable { var shot: ShotID, fingerprint: String, provider: ProviderID, model: String, notes: Set<Int64> }
        func asked(_ take: Take) -> Asked {
            Asked(shot: take.shot, fingerprint: take.fingerprint, provider: take.provider, model: take.model, notes: Set(take.notes))
        }
        var signed: [Asked: [(number: Int, signature: VideoSignature)]] = [:]
        for take in takes where compared(take) {
            if let signature = take.verdict?.signature { signed[asked(take), default: []].append((take.number, signature)) }
        }
        return takes.map { take in
            guard let signature = take.verdict?.signature, compared(take),
                  let original = signed[asked(take)]?.filter({ $0.number < take.number && signature.repeats($0.signature) })
                      .min(by: { $0.number < $1.number }),
                  let difference = signature.difference(to: original.signature) else { return take }
            var take = take
            let length = take.output?.asset.media?.duration?.seconds ?? 0
            take.verdict?.problems.append(ClipProblem(
                kind: .duplicate, range: .between(0, length), measure: difference, unit: .difference,
                summary: String(format: "it nearly repeats take %d (their frames differ by %.1f%%)", original.number, difference / 2.55)))
            return take
        }
    }
}
