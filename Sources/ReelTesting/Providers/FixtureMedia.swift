import Foundation
import ReelMedia
import Synchronization

/// Small real media files for fake servers to serve: a one-second H.264 MP4, PNGs, an MP3.
/// Made once per process with ffmpeg and kept in memory.
public enum FixtureMedia {
    private static let cache = Mutex<[String: Data]>([:])

    /// A 1 s, 24 fps, 64x112 H.264 MP4 (a moving test pattern).
    public static func mp4() throws -> Data {
        try make("clip.mp4", ["-f", "lavfi", "-i", "testsrc2=size=64x112:rate=24:duration=1", "-c:v", "libx264",
                              "-pix_fmt", "yuv420p", "-movflags", "+faststart"])
    }

    /// A 64x112 PNG; different `index`, different picture.
    public static func png(_ index: Int = 0) throws -> Data {
        try make("still-\(index).png", ["-f", "lavfi", "-i", "color=c=0x\(String(format: "%06x", (index * 0x3f5a27 + 0x204080) & 0xffffff)):size=64x112",
                                        "-frames:v", "1"])
    }

    /// A grey PNG of `width`×`height` (a huge one compresses to little).
    public static func png(width: Int, height: Int) throws -> Data {
        try make("grey-\(width)x\(height).png", ["-f", "lavfi", "-i", "color=c=gray:size=\(width)x\(height)", "-pix_fmt", "gray",
                                                  "-frames:v", "1"])
    }

    /// A 320x480 JPEG photo-like still (a test pattern); different `index`, different picture.
    public static func jpeg(_ index: Int = 0) throws -> Data {
        try make("photo-\(index).jpg", ["-f", "lavfi", "-i", "testsrc2=size=320x480:rate=1", "-vf", "hue=h=\(index * 47)",
                                        "-frames:v", "1", "-q:v", "4"])
    }

    /// A four-second MP3 of two tones, a stand-in for a song.
    public static func song() throws -> Data {
        try make("song.mp3", ["-f", "lavfi", "-i", "sine=frequency=330:duration=4", "-f", "lavfi", "-i", "sine=frequency=495:duration=4",
                              "-filter_complex", "amix=inputs=2", "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k"])
    }

    /// A half-second 440 Hz MP3.
    public static func mp3() throws -> Data {
        try make("tone.mp3", ["-f", "lavfi", "-i", "sine=frequency=440:duration=0.5", "-c:a", "libmp3lame", "-b:a", "64k"])
    }

    private static func make(_ name: String, _ arguments: [String]) throws -> Data {
        if let data = cache.withLock({ $0[name] }) { return data }
        let ffmpeg = try Toolchain.discover().requireFFmpeg()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reel-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent(name)
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = ["-hide_banner", "-loglevel", "error", "-y"] + arguments + [out.path]
        process.standardOutput = .null
        process.standardError = .null
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw FixtureError("ffmpeg could not make the fixture \(name)") }
        let data = try Data(contentsOf: out)
        cache.withLock { $0[name] = data }
        return data
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
