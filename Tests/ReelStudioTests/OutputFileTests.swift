import Foundation
import ReelModel
import ReelTesting
import Testing

@testable import ReelStudio

/// Outputs: never a device, fifo or folder replaced; nothing partial under a final name and
/// no temporary file left when writing fails.
@Suite struct OutputFileTests {
    func parts(_ dir: TemporaryDirectory) -> [String] {
        (try? FileManager.default.subpathsOfDirectory(atPath: dir.url.path))?.filter { $0.hasSuffix(".part") } ?? []
    }

    @Test func aFifoNamedLikeTheFilmIsRefusedAndLeftAlone() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let fifo = dir.file("x.mp4")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let error = #expect(throws: ReelError.self) { try OutputFile.checkWritable(fifo) }
        #expect(error?.message.contains("fifo") == true)
        #expect(throws: ReelError.self) { try OutputFile.write(Data("film".utf8), at: fifo) }
        var info = stat()
        #expect(lstat(fifo.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the fifo is still there")
        #expect(parts(dir).isEmpty)
    }

    @Test(arguments: ["/dev/null", "/dev/zero"])
    func aDeviceIsRefused(_ path: String) throws {
        let error = #expect(throws: ReelError.self) { try OutputFile.checkWritable(URL(fileURLWithPath: path)) }
        #expect(error?.message.contains("device") == true)
    }

    @Test func aDirectoryIsRefusedAndASymlinkToAFileIsWrittenThrough() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let folder = dir.file("film.mp4")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(throws: ReelError.self) { try OutputFile.checkWritable(folder) }
        let real = try dir.write("real.mp4", "old")
        let link = dir.file("link.mp4")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        try OutputFile.checkWritable(link)
        try OutputFile.write(Data("new".utf8), at: link)
        #expect(try String(contentsOf: real, encoding: .utf8) == "new")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) != nil, "the link stays a link")
    }

    @Test func aFailedPairOfFilesLeavesNeitherAndNoTemporaryFile() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let srt = try dir.write("store/subs.srt", "1\n")
        let missing = dir.file("store/gone.mp4")
        #expect(throws: ReelError.self) {
            try OutputFile.install([(srt, dir.file("out/film.srt")), (missing, dir.file("out/film.mp4"))])
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/film.srt").path), "no subtitles without their film")
        #expect(parts(dir).isEmpty)
    }

    @Test func aFolderThatFailsHalfWayIsNotLeftBehind() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let target = dir.file("film-jianying")
        #expect(throws: ReelError.self) {
            _ = try OutputFolder.write(target) { staging in
                try OutputFile.write(Data("{}".utf8), at: staging.appendingPathComponent("draft_meta_info.json"))
                throw ReelError(.cannotWrite, "No space left on device")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: target.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty)
        let files = try OutputFolder.write(target) { staging in
            let url = staging.appendingPathComponent("draft_content.json")
            try OutputFile.write(Data("{}".utf8), at: url)
            return [url]
        }
        #expect(files == [target.appendingPathComponent("draft_content.json")])
        #expect(FileManager.default.fileExists(atPath: files[0].path))
    }

    /// On a real full disk (a 1 MiB tmpfs): neither the film nor its subtitles, no `.part`.
    @Test(.enabled(if: Tmpfs.canMount, "needs root and `mount -t tmpfs`"))
    func aFullDiskLeavesNoOutputAndNoTemporaryFile() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let tmpfs = try Tmpfs(at: dir.file("small"), size: "1m")
        defer { tmpfs.unmount() }
        let mount = tmpfs.url
        let srt = try dir.write("subs.srt", "1\n00:00:00,000 --> 00:00:01,000\nHi\n")
        let film = dir.file("film.mp4")
        try Data(repeating: 7, count: 3 << 20).write(to: film)
        #expect(throws: ReelError.self) {
            try OutputFile.install([(srt, mount.appendingPathComponent("film.srt")), (film, mount.appendingPathComponent("film.mp4"))])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: mount.path).isEmpty)
    }
}
