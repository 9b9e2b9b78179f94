import Foundation
import ReelStudio

/// What `reel serve` runs with: where it listens, where the projects are, and the studio
/// whose use cases it serves. Tests build the same application with a loopback port 0 and a
/// temporary projects directory.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// A directory of projects (each a folder with a `reel.yaml`), or one project.
    public var projects: URL
    public var studio: Studio
    /// How often the live view looks at a project for changes made elsewhere.
    public var watchInterval: Duration
    /// bcrypt's cost for passwords (12; tests use less).
    public var passwordCost: UInt8
    /// What time it is, for waits between wrong passwords (tests move it by hand).
    public var clock: @Sendable () -> Date = { Date() }

    public init(host: String = "127.0.0.1", port: Int = 8080, projects: URL, studio: Studio = Studio(),
                watchInterval: Duration = .seconds(1), passwordCost: UInt8 = 12) {
        self.passwordCost = passwordCost
        self.watchInterval = watchInterval
        self.host = host
        self.port = port
        self.projects = projects
        self.studio = studio
    }

    /// True when the server can be reached only from this machine.
    public var isLoopback: Bool { ["127.0.0.1", "::1", "localhost"].contains(host) }
}
