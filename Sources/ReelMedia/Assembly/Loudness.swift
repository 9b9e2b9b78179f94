import Foundation

/// The loudness a soundtrack is mastered to: integrated loudness in LUFS (EBU R 128 /
/// ITU-R BS.1770) and a ceiling for its true peak in dBTP.
///
/// Phone platforms play films at about −14 LUFS, so that is the default; a project sets
/// another target with `loudness: -16` in `reel.yaml`.
public struct LoudnessTarget: Hashable, Sendable, Codable {
    /// Integrated loudness, LUFS.
    public var integrated: Double
    /// The highest true peak allowed, dBTP.
    public var truePeak: Double

    public init(integrated: Double = -14, truePeak: Double = -1) {
        self.integrated = integrated
        self.truePeak = truePeak
    }

    /// −14 LUFS, true peak at most −1 dBTP.
    public static let phone = LoudnessTarget()
    /// How far (LU) a film may land from its target before its check fails.
    public static let tolerance = 1.0
    /// Targets a project may ask for, LUFS.
    public static let range: ClosedRange<Double> = -31...(-5)
}

/// A soundtrack's measured loudness.
public struct LoudnessMeasurement: Hashable, Sendable, Codable {
    /// Integrated loudness, LUFS (−70 for silence).
    public var integrated: Double
    /// True peak, dBTP (−inf for silence).
    public var truePeak: Double

    public init(integrated: Double, truePeak: Double) {
        self.integrated = integrated
        self.truePeak = truePeak
    }

    /// Below this the soundtrack is silence, and there is nothing to master.
    public static let silence = -60.0

    /// Reads the summary ffmpeg's `ebur128=peak=true` filter logs when it ends:
    /// `I: -23.7 LUFS` and, under `True peak:`, `Peak: -4.4 dBFS`.
    public static func parse(ebur128 text: String) -> LoudnessMeasurement? {
        guard let summary = text.range(of: "Summary:", options: .backwards) else { return nil }
        let tail = text[summary.upperBound...]
        func value(after label: String, in s: Substring) -> Double? {
            guard let r = s.range(of: label + #"\s+(-?[0-9.]+|-inf)"#, options: .regularExpression) else { return nil }
            let number = s[r].dropFirst(label.count).trimmingCharacters(in: .whitespaces)
            return number == "-inf" ? -.infinity : Double(number)
        }
        guard let i = value(after: "I:", in: tail) else { return nil }
        let peakSection = tail.range(of: "True peak:").map { tail[$0.upperBound...] } ?? tail
        return LoudnessMeasurement(integrated: i, truePeak: value(after: "Peak:", in: peakSection) ?? -.infinity)
    }

    /// `-14.1 LUFS, true peak -1.6 dBTP`.
    public var description: String {
        String(format: "%.1f LUFS, true peak %.1f dBTP", integrated, truePeak)
    }
}

/// Masters a soundtrack to a ``LoudnessTarget`` in the pass that encodes it: the mix is
/// measured (decoded and filtered, not encoded), raised or lowered by one fixed gain, and
/// held under the true-peak ceiling by a limiter running at four times the sample rate.
///
/// A limiter that works hard takes a little loudness away, so when it will (the raised
/// peaks pass the ceiling) the gain is measured once more through it and corrected. Every
/// pass is deterministic and the gain is rounded to 0.01 dB, so the same mix masters to
/// the same bytes.
public enum LoudnessMaster {
    /// The limiter's ceiling, in dBFS at 192 kHz: under the target's true peak, with room
    /// for the AAC encoder's overshoot.
    public static func ceiling(_ target: LoudnessTarget) -> Double { target.truePeak - 0.5 }

    /// The gain (dB) that brings the mix to `target`, given `measure`, which measures the
    /// mastered mix at a gain; nil when the mix is silent.
    public static func gain(for target: LoudnessTarget,
                            measure: (Double) async throws -> LoudnessMeasurement?) async throws -> Double? {
        guard let plain = try await measure(0), plain.integrated > LoudnessMeasurement.silence else { return nil }
        var gain = rounded(target.integrated - plain.integrated)
        if plain.truePeak + gain > ceiling(target),
           let limited = try await measure(gain), limited.integrated > LoudnessMeasurement.silence {
            gain = rounded(gain + target.integrated - limited.integrated)
        }
        return gain
    }

    static func rounded(_ db: Double) -> Double { (min(40, max(-40, db)) * 100).rounded() / 100 }

    /// The filters that master a stereo 48 kHz chain at `gain` dB.
    public static func filters(gain: Double, target: LoudnessTarget) -> String {
        "volume=\(String(format: "%.2f", gain))dB,aresample=192000,"
            + "alimiter=limit=\(String(format: "%.2f", ceiling(target)))dB:attack=1:release=60:level=false,aresample=48000"
    }
}
