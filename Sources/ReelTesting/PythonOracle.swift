import Foundation
import ReelMedia

/// Runs python3 for tests that use Python libraries as independent checks (screenplain,
/// opentimelineio, pyJianYingDraft; `scripts/bootstrap --test` installs them).
public enum PythonOracle {
    public static let hasPython = run(["-c", "pass"]).status == 0

    /// True when `import module` works.
    public static func has(_ module: String) -> Bool { run(["-c", "import \(module)"]).status == 0 }

    /// Runs `python3 arguments…`; stdout and stderr together.
    public static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = .pipe(pipe)
        process.standardError = .pipe(pipe)
        do {
            try process.run()
        } catch {
            return (-1, "\(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Runs a script with arguments and decodes what it prints as JSON.
    public static func json<T: Decodable>(_ type: T.Type, script: String, arguments: [String]) throws -> T {
        let result = run(["-c", script] + arguments)
        guard result.status == 0 else { throw OracleFailure(output: result.output) }
        return try JSONDecoder().decode(T.self, from: Data(result.output.utf8))
    }

    /// Thrown when a script run by ``json(_:script:arguments:)`` exits non-zero; `output` is
    /// what Python printed, stdout and stderr together.
    public struct OracleFailure: Error, CustomStringConvertible {
        public var output: String
        public var description: String { "python failed:\n\(output)" }
    }
}
