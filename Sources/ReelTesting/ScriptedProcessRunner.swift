import Foundation
import ReelMedia
import ReelModel
import Synchronization

/// A ``ProcessRunner`` that runs nothing: it records every call and answers from a script
/// keyed by the program's name (`ffprobe`, `ffmpeg`), so a use case's decisions can be
/// tested without the tools installed. A program without an answer fails as a missing
/// program would (status 127), so a test sees every call it did not expect.
///
/// ```swift
/// let runner = ScriptedProcessRunner(["ffprobe": .json(probe), "ffmpeg": .ok])
/// var studio = Studio(runner: runner)
/// studio.toolchain = ScriptedProcessRunner.toolchain
/// ```
public final class ScriptedProcessRunner: ProcessRunner {
    /// One program run: what was asked.
    public struct Call: Sendable, Hashable {
        /// The program's name (`ffmpeg`), not its path.
        public var program: String
        public var arguments: [String]
        public var stdin: Data?
    }

    /// How a program answers a call.
    public struct Answer: Sendable {
        let make: @Sendable (Call) -> ProcessResult

        public init(_ make: @escaping @Sendable (Call) -> ProcessResult) { self.make = make }

        /// Exit 0, nothing printed.
        public static let ok = Answer { _ in ProcessResult(status: 0) }

        /// Exit 0 with `json` on stdout (an ffprobe report).
        public static func json(_ json: JSONValue) -> Answer {
            Answer { _ in ProcessResult(status: 0, stdout: (try? JSONEncoder().encode(json)) ?? Data()) }
        }

        /// Exit `status` with `stderr` (how ffmpeg says what went wrong).
        public static func fails(_ status: Int32 = 1, stderr: String) -> Answer {
            Answer { _ in ProcessResult(status: status, stderr: Data(stderr.utf8)) }
        }
    }

    /// Programs at paths that exist nowhere: only this runner can "run" them.
    public static let toolchain = Toolchain(ffmpeg: "/scripted/ffmpeg", ffprobe: "/scripted/ffprobe", espeak: "/scripted/espeak-ng")

    private let answers: [String: Answer]
    private let log = Mutex<[Call]>([])

    public init(_ answers: [String: Answer]) { self.answers = answers }

    /// Every call so far, in order.
    public var calls: [Call] { log.withLock { $0 } }

    /// The calls of `program`, in order.
    public func calls(_ program: String) -> [Call] { calls.filter { $0.program == program } }

    public func run(_ executable: String, _ arguments: [String], stdin: Data?) async throws -> ProcessResult {
        let call = Call(program: URL(fileURLWithPath: executable).lastPathComponent, arguments: arguments, stdin: stdin)
        log.withLock { $0.append(call) }
        guard let answer = answers[call.program] else {
            return ProcessResult(status: 127, stderr: Data("\(call.program): not scripted in this test".utf8))
        }
        return answer.make(call)
    }
}
