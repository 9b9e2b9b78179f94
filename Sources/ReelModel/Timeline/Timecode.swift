import Foundation

/// SMPTE timecode for a frame count at a frame rate: `01:00:00:00`, or drop-frame
/// `01:00:00;00` at 29.97.
///
/// 29.97 (30000/1001) counts drop-frame, as editors expect: frame numbers 00 and 01 are
/// skipped at the start of every minute except every tenth, so the timecode keeps up with
/// the clock. 23.976 counts 24-frame timecode, non-drop (there is no drop-frame form);
/// 24, 25 and 30 are non-drop.
public struct Timecode: Hashable, Sendable, CustomStringConvertible {
    public var frames: Int64
    public var rate: FrameRate

    public init(frames: Int64, rate: FrameRate) {
        self.frames = frames
        self.rate = rate
    }

    /// The timecode of `time` on a reel starting at `startHour` (editors start at 01:00:00:00).
    public init(time: RationalTime, rate: FrameRate, startHour: Int = 0) {
        self.init(frames: rate.frames(in: time) + Int64(startHour) * Timecode.framesPerHour(rate), rate: rate)
    }

    /// Frames counted in one hour of timecode: 107 892 at 29.97 drop-frame.
    public static func framesPerHour(_ rate: FrameRate) -> Int64 {
        let base = Int64(rate.timecodeBase)
        return isDropFrame(rate) ? 6 * (base * 600 - base / 15 * 9) : base * 3600
    }

    /// Drop-frame counting applies at 29.97 (and 59.94).
    public static func isDropFrame(_ rate: FrameRate) -> Bool { rate.isNTSC && rate.timecodeBase % 30 == 0 }

    public var isDropFrame: Bool { Timecode.isDropFrame(rate) }

    /// Hours, minutes, seconds and frames as shown.
    public var components: (hours: Int64, minutes: Int64, seconds: Int64, frames: Int64) {
        let base = Int64(rate.timecodeBase)
        var n = max(0, frames)
        if isDropFrame {
            let drop = base / 15                     // 2 at 29.97, 4 at 59.94
            let perTenMinutes = base * 600 - drop * 9
            let perMinute = base * 60 - drop
            let tens = n / perTenMinutes
            let rest = n % perTenMinutes
            n += drop * 9 * tens + (rest > drop ? drop * ((rest - drop) / perMinute) : 0)
        }
        return (n / (base * 3600), n / (base * 60) % 60, n / base % 60, n % base)
    }

    /// `HH:MM:SS:FF`, or `HH:MM:SS;FF` when drop-frame.
    public var description: String {
        let c = components
        return String(format: "%02lld:%02lld:%02lld", c.hours, c.minutes, c.seconds)
            + (isDropFrame ? ";" : ":") + String(format: "%02lld", c.frames)
    }
}
