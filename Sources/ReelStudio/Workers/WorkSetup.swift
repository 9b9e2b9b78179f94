import Foundation

/// What a worker needs to make the runners of a project's jobs: the project's settings as
/// its files say them (`reel.yaml`, `models.yaml`). Keys are never in it: each worker has
/// its own, from its environment or credentials file.
struct WorkSetup: Codable, Sendable {
    var config: String
    var models: String?

    init(config: String, models: String?) {
        self.config = config
        self.models = models
    }

    /// The project's files without their comments; nil when they carry what looks like a
    /// secret (a password in a base URL, a key in a query): those never go into the database,
    /// so that project's jobs run where its settings are.
    init?(_ production: Production) {
        let directory = production.workspace.projectDirectory
        func read(_ name: String) -> String? {
            directory.flatMap { try? String(contentsOf: $0.appendingPathComponent(name), encoding: .utf8) }
                .map { text in text.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }.joined(separator: "\n") }
        }
        let (config, models) = (read("reel.yaml") ?? "", read("models.yaml"))
        for text in [config, models ?? ""] where Self.looksSecret(text) { return nil }
        self.init(config: config, models: models)
    }

    static func looksSecret(_ text: String) -> Bool {
        text.range(of: #"://[^\s/@"']+@"#, options: .regularExpression) != nil
            || text.range(of: #"[?&](key|api_key|apikey|token|access_token|secret|signature)="#, options: [.regularExpression, .caseInsensitive]) != nil
    }

    var text: String { String(decoding: (try? JSONEncoder().encode(self)) ?? Data(), as: UTF8.self) }
}
