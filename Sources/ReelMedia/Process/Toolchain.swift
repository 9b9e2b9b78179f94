import Foundation
import ReelModel

/// The external programs Reel uses, found on PATH (or named by environment variables
/// `REEL_FFMPEG`, `REEL_FFPROBE`, `REEL_ESPEAK`).
public struct Toolchain: Sendable {
    public var ffmpeg: String?
    public var ffprobe: String?
    public var espeak: String?
    /// Chromium (or Chrome), for printing storyboard sheets to PDF; optional.
    public var chromium: String?

    public init(ffmpeg: String?, ffprobe: String?, espeak: String?, chromium: String? = nil) {
        self.ffmpeg = ffmpeg
        self.ffprobe = ffprobe
        self.espeak = espeak
        self.chromium = chromium
    }

    /// Looks the tools up in the environment.
    public static func discover(environment: [String: String] = ProcessInfo.processInfo.environment) -> Toolchain {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        func find(_ name: String, override: String) -> String? {
            if let explicit = environment[override], !explicit.isEmpty {
                return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil
            }
            for dir in path.split(separator: ":") {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
            return nil
        }
        return Toolchain(ffmpeg: find("ffmpeg", override: "REEL_FFMPEG"),
                         ffprobe: find("ffprobe", override: "REEL_FFPROBE"),
                         espeak: find("espeak-ng", override: "REEL_ESPEAK"),
                         chromium: ["chromium", "chromium-browser", "google-chrome"].lazy
                             .compactMap { find($0, override: "REEL_CHROMIUM") }.first)
    }

    public func requireFFmpeg() throws -> String {
        try ffmpeg ?? { throw Toolchain.missing("ffmpeg", package: "ffmpeg") }()
    }

    public func requireFFprobe() throws -> String {
        try ffprobe ?? { throw Toolchain.missing("ffprobe", package: "ffmpeg") }()
    }

    public func requireEspeak() throws -> String {
        try espeak ?? { throw Toolchain.missing("espeak-ng", package: "espeak-ng") }()
    }

    /// The error for a missing program, with the command that installs it.
    /// Whether `error` says a tool is missing on this machine (another machine may have it).
    public static func isMissing(_ error: ReelError) -> Bool {
        error.code == .unavailable && error.message.hasSuffix(" is not installed (not found on PATH)")
    }

    public static func missing(_ tool: String, package: String) -> ReelError {
        ReelError(.unavailable, "\(tool) is not installed (not found on PATH)",
                  hint: "install it with `sudo apt-get install \(package)` (or run `make demo`, which installs what is missing); `reel doctor` checks everything")
    }
}
