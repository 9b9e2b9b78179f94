import Foundation
import ReelExport
import ReelTesting
import Testing

/// The ZIP an export is downloaded as, read back by Python's zipfile (an independent reader):
/// every file there with its bytes and CRC, names in UTF-8, nothing left beside the archive.
@Suite(.enabled(if: PythonOracle.hasPython, "python3 is not installed"))
struct ZipArchiveTests {
    @Test func anExportFolderIsArchivedWholeAndReadsBack() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let folder = dir.file("最后一单-otio")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("media"), withIntermediateDirectories: true)
        let otio = Data("{\"OTIO_SCHEMA\": \"Timeline.1\"}".utf8)
        try otio.write(to: folder.appendingPathComponent("最后一单.otio"))
        var big = Data(count: 3 * 1024 * 1024 + 17)
        for i in stride(from: 0, to: big.count, by: 4096) { big[i] = UInt8(truncatingIfNeeded: i / 4096) }
        try big.write(to: folder.appendingPathComponent("media/S01-01.mp4"))
        try Data().write(to: folder.appendingPathComponent("media/empty.wav"))
        let zip = dir.file("out/最后一单-otio.zip")
        try FileManager.default.createDirectory(at: zip.deletingLastPathComponent(), withIntermediateDirectories: true)
        try ZipArchive.write(folder: folder, as: "最后一单-otio", to: zip)
        #expect(try FileManager.default.contentsOfDirectory(atPath: zip.deletingLastPathComponent().path) == ["最后一单-otio.zip"],
                "no temporary file is left")
        let read = try PythonOracle.json([String: Int].self, script: """
            import json, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                assert z.testzip() is None, "a CRC does not match"
                print(json.dumps({i.filename: i.file_size for i in z.infolist()}))
            """, arguments: [zip.path])
        #expect(read == ["最后一单-otio/最后一单.otio": otio.count, "最后一单-otio/media/S01-01.mp4": big.count, "最后一单-otio/media/empty.wav": 0])
    }
}
