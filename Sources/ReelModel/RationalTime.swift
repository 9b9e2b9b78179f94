import Foundation

/// A frame rate as an exact fraction: 24/1, 25/1, 30000/1001 (29.97), 24000/1001 (23.976).
public struct FrameRate: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Frames per `denominator` seconds.
    public let numerator: Int
    public let denominator: Int

    public init(_ numerator: Int, _ denominator: Int = 1) {
        precondition(numerator > 0 && denominator > 0, "frame rate must be positive")
        let g = gcd(numerator, denominator)
        self.numerator = numerator / g
        self.denominator = denominator / g
    }

    public static let fps24 = FrameRate(24)
    public static let fps25 = FrameRate(25)
    public static let fps30 = FrameRate(30)
    public static let fps23_976 = FrameRate(24000, 1001)
    public static let fps29_97 = FrameRate(30000, 1001)

    /// Parses `24`, `23.976`, `29.97`, `30000/1001`.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let slash = t.firstIndex(of: "/") {
            guard let n = Int(t[..<slash]), let d = Int(t[t.index(after: slash)...]), n > 0, d > 0 else { return nil }
            self.init(n, d)
            return
        }
        switch t {
        case "23.976", "23.98": self = .fps23_976
        case "29.97": self = .fps29_97
        case "59.94": self = FrameRate(60000, 1001)
        default:
            guard let n = Int(t), n > 0, n <= 240 else { return nil }
            self.init(n)
        }
    }

    /// Frames per second as a Double, for display and for tools that want one.
    public var framesPerSecond: Double { Double(numerator) / Double(denominator) }
    /// True for the NTSC rates (x000/1001), whose timecode may be drop-frame.
    public var isNTSC: Bool { denominator == 1001 }
    /// The nominal integer rate used for timecode (24 for 23.976, 30 for 29.97).
    public var timecodeBase: Int { Int((framesPerSecond).rounded()) }

    /// `24`, `25`, `23.976`, `29.97` or `n/d`.
    public var description: String {
        if denominator == 1 { return "\(numerator)" }
        if denominator == 1001 {
            let v = Double(numerator) / 1001
            return String(format: "%.3f", v).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
        }
        return "\(numerator)/\(denominator)"
    }

    /// The duration of `frames` frames, exactly.
    public func time(frames: Int64) -> RationalTime {
        RationalTime(value: frames * Int64(denominator), timescale: Int64(numerator))
    }

    /// The number of whole frames in `time`, rounded to the nearest frame.
    public func frames(in time: RationalTime) -> Int64 {
        // frames = seconds * num / den = value * num / (timescale * den)
        let n = time.value * Int64(numerator)
        let d = time.timescale * Int64(denominator)
        return (2 * n + d) / (2 * d)
    }

    /// Whole frames nearest to `seconds`, never fewer than `minimum`.
    public func frames(seconds: Double, minimum: Int64 = 1) -> Int64 {
        max(minimum, Int64((seconds * framesPerSecond).rounded()))
    }
}

/// An exact time: `value / timescale` seconds. Never a Double.
///
/// Times at a frame rate are built with ``FrameRate/time(frames:)`` so that
/// 23.976 fps material keeps exact frame boundaries.
public struct RationalTime: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let value: Int64
    public let timescale: Int64

    public init(value: Int64, timescale: Int64) {
        precondition(timescale > 0, "timescale must be positive")
        let g = max(1, gcd64(abs(value), timescale))
        self.value = value / g
        self.timescale = timescale / g
    }

    public static let zero = RationalTime(value: 0, timescale: 1)

    /// Whole or fractional milliseconds, exactly.
    public static func milliseconds(_ ms: Int64) -> RationalTime { RationalTime(value: ms, timescale: 1000) }
    public static func seconds(_ s: Int64) -> RationalTime { RationalTime(value: s, timescale: 1) }

    public var seconds: Double { Double(value) / Double(timescale) }
    /// Milliseconds, rounded to the nearest.
    public var milliseconds: Int64 { (value * 1000 * 2 + timescale) / (2 * timescale) }

    public static func + (a: RationalTime, b: RationalTime) -> RationalTime {
        let l = lcm64(a.timescale, b.timescale)
        return RationalTime(value: a.value * (l / a.timescale) + b.value * (l / b.timescale), timescale: l)
    }

    public static func - (a: RationalTime, b: RationalTime) -> RationalTime {
        let l = lcm64(a.timescale, b.timescale)
        return RationalTime(value: a.value * (l / a.timescale) - b.value * (l / b.timescale), timescale: l)
    }

    public static func < (a: RationalTime, b: RationalTime) -> Bool {
        a.value * b.timescale < b.value * a.timescale
    }

    public static func == (a: RationalTime, b: RationalTime) -> Bool {
        a.value * b.timescale == b.value * a.timescale
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(timescale)
    }

    /// `value/timescale s`, the FCPXML form.
    public var description: String { timescale == 1 ? "\(value)s" : "\(value)/\(timescale)s" }
}

/// A span of time: a start and a duration.
public struct TimeRange: Hashable, Sendable, Codable {
    public var start: RationalTime
    public var duration: RationalTime

    public init(start: RationalTime, duration: RationalTime) {
        self.start = start
        self.duration = duration
    }

    public var end: RationalTime { start + duration }

    public func contains(_ t: RationalTime) -> Bool { !(t < start) && t < end }
}

func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
func gcd64(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? a : gcd64(b, a % b) }
func lcm64(_ a: Int64, _ b: Int64) -> Int64 { a / gcd64(a, b) * b }
