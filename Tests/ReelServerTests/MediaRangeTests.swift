import Foundation
import Hummingbird
import HummingbirdTesting
import ReelEngine
import ReelModel
import ReelStudio
import ReelTesting
import Testing

@testable import ReelServer

/// Media files are served the way players need them: in parts (to seek in a take and to
/// start a long one at once), with a tag that never changes for a content-addressed name.
@Suite struct MediaRangeTests {
    @Test(arguments: [
        ("bytes=0-99", ByteRange.part(0...99)),
        ("bytes=900-", .part(900...999)),
        ("bytes=-100", .part(900...999)),
        ("bytes=-5000", .part(0...999)),
        ("bytes=990-5000", .part(990...999)),
        ("BYTES=0-0", .part(0...0)),
        ("bytes=1000-", .unsatisfiable),
        ("bytes=-0", .unsatisfiable),
        ("bytes=5-1", .whole),
        ("bytes=0-9,20-29", .whole),
        ("items=0-9", .whole),
        ("bytes=a-b", .whole),
        ("bytes=-", .whole),
        ("bytes=٣-٤", .whole),
    ])
    func theRangeHeaderIsReadAsTheRFCSays(header: String, expected: ByteRange) {
        #expect(ByteRange(header, size: 1000) == expected, "\(header)")
    }

    @Test func noHeaderOrAnEmptyFileIsTheWholeFile() {
        #expect(ByteRange(nil, size: 1000) == .whole)
        #expect(ByteRange("bytes=0-9", size: 0) == .unsatisfiable)
    }

    @Test func aTakeIsServedInPartsWithItsDigestAsTag() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let bytes = Data((0..<1000).map { UInt8($0 % 251) })
        let production = try f.production()
        let asset = try production.blobs.put(bytes, mediaType: "video/mp4")
        production.close()
        let uri = "/api/projects/two-rooms/media/\(asset.digest.rawValue).mp4"
        let tag = "\"\(asset.digest.rawValue)\""
        try await buildApplication(f.configuration).test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.acceptRanges] == "bytes" && response.headers[.eTag] == tag)
                #expect(response.headers[.contentLength] == "1000")
                #expect(Data(response.body.readableBytesView) == bytes)
            }
            try await client.execute(uri: uri, method: .get, headers: [.range: "bytes=100-199"]) { response in
                #expect(response.status == .partialContent)
                #expect(response.headers[.contentRange] == "bytes 100-199/1000")
                #expect(response.headers[.contentLength] == "100")
                #expect(Data(response.body.readableBytesView) == bytes[100..<200])
            }
            try await client.execute(uri: uri, method: .get, headers: [.range: "bytes=-10"]) { response in
                #expect(response.status == .partialContent)
                #expect(Data(response.body.readableBytesView) == bytes.suffix(10))
            }
            try await client.execute(uri: uri, method: .get, headers: [.range: "bytes=1000-"]) { response in
                #expect(response.status == .rangeNotSatisfiable)
                #expect(response.headers[.contentRange] == "bytes */1000")
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(String(buffer: response.body).contains("has 1000 bytes"))
            }
            try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: tag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            // A part of another version of the file is never mixed in: the whole file comes.
            try await client.execute(uri: uri, method: .get, headers: [.range: "bytes=0-9", .ifRange: "\"other\""]) { response in
                #expect(response.status == .ok)
                #expect(Data(response.body.readableBytesView) == bytes)
            }
            try await client.execute(uri: uri, method: .get, headers: [.range: "bytes=0-9", .ifRange: tag]) { response in
                #expect(response.status == .partialContent)
                #expect(Data(response.body.readableBytesView) == bytes.prefix(10))
            }
        }
    }

    /// An empty file in the store (nothing checks every type for length) is an empty answer,
    /// whatever range is asked — never a crash of the server.
    @Test func anEmptyFileIsAnEmptyAnswer() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let production = try f.production()
        let empty = f.dir.file("empty.webp")
        #expect(FileManager.default.createFile(atPath: empty.path, contents: Data()))
        let asset = try production.blobs.importFile(at: empty, mediaType: "image/webp")
        production.close()
        let uri = "/api/projects/two-rooms/media/\(asset.digest.rawValue).webp"
        try await buildApplication(f.configuration).test(.router) { client in
            for headers: HTTPFields in [[:], [.range: "bytes=0-9"], [.range: "bytes=0-9", .ifRange: "\"other\""]] {
                try await client.execute(uri: uri, method: .get, headers: headers) { response in
                    #expect(response.status == .ok && response.headers[.contentLength] == "0" && response.body.readableBytes == 0)
                }
            }
        }
    }
}

