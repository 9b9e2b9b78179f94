import Foundation
import ReelModel
import ReelProviders

#if canImport(Glibc)
import Glibc
#endif

/// API keys, from environment variables or a credentials file that only its owner can
/// read (`~/.config/reel/credentials`, or `$REEL_CONFIG_DIR/credentials`): `NAME=value`
/// lines, `#` comments. The environment wins. Keys never enter the project, the database,
/// logs or exports.
public struct Credentials: Sendable {
    private var values: [String: Secret]
    /// Where each came from: `environment` or the file's path.
    public private(set) var sources: [String: String]

    public init(values: [String: Secret] = [:], sources: [String: String] = [:]) {
        self.values = values
        self.sources = sources
    }

    public subscript(name: String) -> Secret? { values[name] }

    /// The config directory: `$REEL_CONFIG_DIR`, `$XDG_CONFIG_HOME/reel` or `~/.config/reel`.
    public static func configDirectory(_ environment: [String: String]) -> URL {
        if let dir = environment["REEL_CONFIG_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return URL(fileURLWithPath: xdg).appendingPathComponent("reel") }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".config").appendingPathComponent("reel")
    }

    /// Reads the credentials file (when there is one) under the environment.
    public static func load(environment: [String: String], names: Set<String>) throws -> Credentials {
        var out = Credentials()
        let file = configDirectory(environment).appendingPathComponent("credentials")
        if FileManager.default.fileExists(atPath: file.path) {
            var info = stat()
            if stat(file.path, &info) == 0, info.st_mode & 0o077 != 0 {
                throw ReelError(.refused, "the credentials file can be read by other users", at: file.path,
                                hint: "make it private: chmod 600 \(file.path)")
            }
            let text: String
            do {
                text = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw ReelError(.configuration, "cannot read the credentials file", at: file.path, hint: "check its permissions")
            }
            for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") { continue }
                let stripped = line.hasPrefix("export ") ? String(line.dropFirst(7)) : line
                guard let eq = stripped.firstIndex(of: "=") else {
                    throw ReelError(.configuration, "line \(n + 1) is not NAME=value", at: "\(file.path):\(n + 1)",
                                    hint: "write one key per line, like KLING_ACCESS_KEY=…")
                }
                let name = stripped[..<eq].trimmingCharacters(in: .whitespaces)
                var value = stripped[stripped.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f { value = String(value.dropFirst().dropLast()) }
                out.values[name] = Secret(value)
                out.sources[name] = file.path
            }
        }
        for name in names {
            if let value = environment[name], !value.isEmpty {
                out.values[name] = Secret(value)
                out.sources[name] = "environment"
            }
        }
        return out
    }
}
