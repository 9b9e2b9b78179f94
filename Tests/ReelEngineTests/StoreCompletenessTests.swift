import Foundation
import ReelModel
import ReelTesting
import Testing

@testable import ReelEngine

/// Nothing incomplete is stored as done: a file cut short by a full disk is refused, and
/// the work files of a failed or killed write do not stay behind.
@Suite struct StoreCompletenessTests {
    /// An MP4 made of boxes: `ftyp`, `mdat` with `payload` bytes, then (unless cut) `moov`.
    static func mp4(payload: Int, moov: Bool) -> Data {
        func box(_ type: String, _ body: Data) -> Data {
            var size = UInt32(8 + body.count).bigEndian
            return Data(bytes: &size, count: 4) + Data(type.utf8) + body
        }
        var data = box("ftyp", Data("isom\0\0\u{2}\0isomiso2avc1mp41".utf8))
        data += box("mdat", Data(repeating: 0x5a, count: payload))
        if moov { data += box("moov", box("mvhd", Data(repeating: 0, count: 100))) }
        return data
    }

    func tmpFiles(_ blobs: DirectoryBlobStore) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: blobs.scratchDirectory.path)
    }

    @Test(arguments: [
        ("no moov", mp4(payload: 4000, moov: false)),
        ("cut inside mdat", mp4(payload: 81_920, moov: true).prefix(4096)),
        ("empty", Data()),
    ])
    func aVideoCutShortIsNotStored(_ label: String, _ bytes: Data) throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let blobs = try DirectoryBlobStore(root: dir.url)
        let scratch = blobs.scratchURL(extension: "mp4")
        try bytes.write(to: scratch)
        #expect(throws: ReelError.self, "\(label)") { try blobs.importFile(at: scratch, mediaType: "video/mp4") }
        #expect(try tmpFiles(blobs).isEmpty, "the work file is removed")
        let stored = try FileManager.default.subpathsOfDirectory(atPath: dir.url.path).filter { $0.hasSuffix(".mp4") }
        #expect(stored.isEmpty)
    }

    @Test func wholeFilesAreStored() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let blobs = try DirectoryBlobStore(root: dir.url)
        let video = try blobs.put(Self.mp4(payload: 5000, moov: true), mediaType: "video/mp4")
        #expect(blobs.verify(video))
        var wav = Data("RIFF".utf8) + Data([36 + 8, 0, 0, 0]) + Data("WAVEfmt ".utf8) + Data(repeating: 0, count: 36)
        #expect(StoredFileCheck.problem(fileAt: try write(wav, dir), mediaType: "audio/wav") == nil)
        wav.removeLast(10)
        #expect(StoredFileCheck.problem(fileAt: try write(wav, dir), mediaType: "audio/wav") != nil)
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 1, count: 20)
            + Data([0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
        #expect(StoredFileCheck.problem(fileAt: try write(png, dir), mediaType: "image/png") == nil)
        #expect(StoredFileCheck.problem(fileAt: try write(png.dropLast(12), dir), mediaType: "image/png") != nil)
    }

    func write(_ data: Data, _ dir: TemporaryDirectory) throws -> URL {
        let url = dir.file(UUID().uuidString)
        try data.write(to: url)
        return url
    }

    /// On a real full disk (a 1 MiB tmpfs): the write fails clearly and leaves nothing.
    @Test(.enabled(if: Tmpfs.canMount, "needs root and `mount -t tmpfs`"))
    func aFullDiskLeavesNothingStoredAndNoWorkFiles() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let mount = try Tmpfs(at: dir.file("small"), size: "1m")
        defer { mount.unmount() }
        let blobs = try DirectoryBlobStore(root: mount.url)
        #expect(throws: ReelError.self) { try blobs.put(Self.mp4(payload: 2 << 20, moov: true), mediaType: "video/mp4") }
        #expect(try tmpFiles(blobs).isEmpty)
        // A program that stopped at the full disk: its file has no moov atom.
        let scratch = blobs.scratchURL(extension: "mp4")
        #expect(FileManager.default.createFile(atPath: scratch.path, contents: nil))
        let handle = try FileHandle(forWritingTo: scratch)
        var wrote = 0
        let chunk = Self.mp4(payload: 65_536, moov: false)
        while (try? handle.write(contentsOf: chunk)) != nil, wrote < 4 << 20 { wrote += chunk.count }
        try? handle.close()
        #expect(throws: ReelError.self) { try blobs.importFile(at: scratch, mediaType: "video/mp4") }
        #expect(try tmpFiles(blobs).isEmpty)
    }
}
