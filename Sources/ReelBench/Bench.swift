import Foundation
import ReelMedia
import ReelModel

/// One measured figure: Reel's time, the reference's, and the goal for their ratio.
struct Figure {
    var name: String
    var reel: String
    var reference: String
    var ratio: Double?
    var goal: String
    var met: Bool?
    var note: String = ""

    var row: String {
        let r = ratio.map { String(format: "%.2f", $0) } ?? "—"
        let verdict = met.map { $0 ? "yes" : "**no**" } ?? "—"
        return "| \(name) | \(reel) | \(reference) | \(r) | \(goal) | \(verdict) | \(note) |"
    }
}

/// Times a block on the wall clock.
func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let d = (ContinuousClock.now - start).components
    return Double(d.seconds) + Double(d.attoseconds) / 1e18
}

func fmt(_ s: Double) -> String { String(format: s < 10 ? "%.2f s" : "%.1f s", s) }

func log(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Runs a program and waits; returns its exit status.
@discardableResult
func shell(_ path: String, _ args: [String], env: [String: String] = [:], directory: URL? = nil) throws -> Int32 {
    let p = ChildProcess()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    if let directory { p.currentDirectoryURL = directory }
    p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
    p.standardOutput = .null
    p.standardError = .null
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus
}

/// A scratch directory for one benchmark run.
struct Scratch {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("reel-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// A benchmark that could not measure what it measures.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
