import Foundation

/// The error every Reel layer throws for conditions a user can act on.
///
/// It says what went wrong, where (a file and line, a shot, a provider), and what to do
/// next. It never carries secrets, signed URLs or full prompts.
///
/// ```swift
/// throw ReelError(.invalidInput, "the script has no scenes", at: "film.fountain",
///                 hint: "start a scene with a heading such as INT. KITCHEN - NIGHT")
/// ```
public struct ReelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; decides the exit status of the CLI.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        /// The BSD sysexits(3) status for the CLI.
        public let exitStatus: Int32

        private init(_ rawValue: String, _ exitStatus: Int32) {
            self.rawValue = rawValue
            self.exitStatus = exitStatus
        }

        /// A command was used wrongly (bad flag combination, unknown shot id).
        public static let usage = Code("usage", 64)
        /// The input is malformed: not a screenplay, invalid UTF-8, no scenes.
        public static let invalidInput = Code("invalid-input", 65)
        /// A file the user named does not exist or cannot be read.
        public static let notFound = Code("not-found", 66)
        /// A required tool or service is missing (ffmpeg, espeak-ng, a provider).
        public static let unavailable = Code("unavailable", 69)
        /// Something inside Reel broke; a bug to report.
        public static let internalError = Code("internal", 70)
        /// An output could not be written.
        public static let cannotWrite = Code("cannot-write", 73)
        /// A render or download failed or produced a bad file.
        public static let mediaFailed = Code("media-failed", 74)
        /// Temporary: busy, rate-limited, locked; try again.
        public static let temporary = Code("temporary", 75)
        /// Refused: auth, permission, budget, consent.
        public static let refused = Code("refused", 77)
        /// Configuration is wrong (reel.yaml, credentials, database schema).
        public static let configuration = Code("configuration", 78)

        public var description: String { rawValue }
    }

    public let code: Code
    /// What went wrong, in one sentence.
    public let message: String
    /// Where: `film.fountain:12`, `shot S03-07`, `provider kling`.
    public let location: String?
    /// What to do next.
    public let hint: String?

    public init(_ code: Code, _ message: String, at location: String? = nil, hint: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// `film.fountain:12: the script has no scenes (start a scene with …)`.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += message
        if let hint { text += "\n  → \(hint)" }
        return text
    }
}
