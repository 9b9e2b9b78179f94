import Foundation
import ReelMedia
import ReelModel
import ReelTesting
import Testing

@testable import ReelEngine

/// Work files and folders of a killed run are removed by later runs; a live run's are kept.
@Suite struct ScratchSweepTests {
    /// The id of a process that has exited.
    static func deadPID() throws -> pid_t {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func openingTheStoreRemovesTheWorkFilesOfDeadRuns() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let tmp = dir.file("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let dead = try Self.deadPID()
        #expect(!ScratchSweep.isAlive(dead))
        let stale = tmp.appendingPathComponent("p\(dead)-\(UUID().uuidString).part")
        let live = tmp.appendingPathComponent("p\(getpid())-\(UUID().uuidString).mp4")
        for file in [stale, live] { try Data("x".utf8).write(to: file) }
        _ = try DirectoryBlobStore(root: dir.url)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
    }

    @Test func laterRunsRemoveTheProcessFoldersOfDeadRuns() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let dead = try Self.deadPID()
        let stale = dir.file("reel-proc-\(dead)-\(UUID().uuidString)")
        let live = dir.file("reel-proc-\(getpid())-\(UUID().uuidString)")
        let unrelated = dir.file("reel-bin-\(UUID().uuidString)")
        for folder in [stale, live, unrelated] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        ScratchSweep.sweepProcessFolders(in: dir.url)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
        #expect(FileManager.default.fileExists(atPath: unrelated.path))
    }

    /// A store several machines share: each keeps its work files in `tmp/<host>/` and sweeps
    /// only those; another machine's folder (its pids mean nothing here) is never touched,
    /// whether this machine opens the store as shared or not.
    @Test func aSharedStoreSweepsOnlyThisMachinesWorkFiles() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let dead = try Self.deadPID()
        let other = dir.file("tmp/render-2")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        // A pid that is dead here may be a download in progress there.
        let theirs = other.appendingPathComponent("p\(dead)-\(UUID().uuidString).part")
        try Data("x".utf8).write(to: theirs)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 0)], ofItemAtPath: other.path)
        // A work folder of a dead process (a killed `reel review`) still goes.
        let deadFolder = dir.file("tmp/p\(dead)-review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: deadFolder, withIntermediateDirectories: true)
        let store = try DirectoryBlobStore(root: dir.url, sharedBetweenMachines: true)
        #expect(store.scratchDirectory.path == dir.file("tmp/\(ProcessInfo.processInfo.hostName)").path)
        let mine = store.scratchDirectory.appendingPathComponent("p\(dead)-\(UUID().uuidString).part")
        try Data("x".utf8).write(to: mine)
        _ = try DirectoryBlobStore(root: dir.url, sharedBetweenMachines: true)
        _ = try DirectoryBlobStore(root: dir.url)
        #expect(!FileManager.default.fileExists(atPath: mine.path), "this machine's dead work file is swept")
        #expect(FileManager.default.fileExists(atPath: theirs.path), "another machine's is not")
        #expect(!FileManager.default.fileExists(atPath: deadFolder.path), "a dead process's work folder is")
    }
}
