import Foundation
import ReelMedia
import ReelModel

/// A small tmpfs mounted for a test (needs root).
public struct Tmpfs: Sendable {
    public let url: URL

    /// Mounts a tmpfs of `size` (such as `1m`) at `url`, creating the folder.
    public init(at url: URL, size: String) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", url.path]) else {
            throw ReelError(.unavailable, "cannot mount a tmpfs", at: url.path)
        }
        self.url = url
    }

    /// Unmounts it; the folder stays.
    public func unmount() { _ = Self.run("/bin/umount", [url.path]) }

    /// Whether this machine lets the tests mount one (root, and `mount -t tmpfs`).
    public static let canMount: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("reel-tmpfs-probe-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: probe) }
        guard let mount = try? Tmpfs(at: probe, size: "64k") else { return false }
        mount.unmount()
        return true
    }()

    static func run(_ tool: String, _ arguments: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return false }
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = .null
        process.standardError = .null
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
