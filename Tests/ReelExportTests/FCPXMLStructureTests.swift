import Foundation
import ReelMedia
import ReelExport
import ReelModel
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The FCPXML parses as XML and has the structure Final Cut and Resolve read: one
/// storyline with a clip or gap per shot, sound connected below it, captions above, every
/// asset a media file. (Apple's DTD is not available offline; see docs/EXPORTS.md.)
struct FCPXMLStructureTests {
    @Test(arguments: ExportFixtures.rates)
    func wellFormedWithTheStorylineInPlace(_ rate: FrameRate) throws {
        let xml = FCPXMLWriter.fcpxml(ExportFixtures.timeline(rate: rate))
        let doc = try XMLDocument(xmlString: xml, options: [])
        let root = try #require(doc.rootElement())
        #expect(root.name == "fcpxml" && root.attribute(forName: "version")?.stringValue == "1.10")
        let spine = try #require(try doc.nodes(forXPath: "//sequence/spine").first as? XMLElement)
        let items = (spine.children ?? []).compactMap { $0 as? XMLElement }
        #expect(items.map { $0.name ?? "" } == ["asset-clip", "asset-clip", "gap", "gap"])
        let sounds = try doc.nodes(forXPath: "//spine/*/asset-clip[@lane]")
        #expect(sounds.count == 4)
        let captions = try doc.nodes(forXPath: "//spine/*/caption")
        #expect(captions.count == 2)
        let markers = try doc.nodes(forXPath: "//spine/gap/marker")
        #expect(markers.count == 2)
        let sources = try doc.nodes(forXPath: "//asset/media-rep/@src").compactMap(\.stringValue)
        #expect(sources == ["media/S01-01-t1.mp4", "media/S01-02-t2.mp4", "media/S01-01-line1.wav", "media/S01-02-line1.wav",
                            "media/music-scene1.wav", "media/music-scene2.wav"])
    }

    /// `scripts/bootstrap --test` installs xmllint (libxml2-utils); where it is missing the
    /// test is reported as skipped, not passed.
    @Test(.enabled(if: FCPXMLStructureTests.xmllint != nil, "xmllint is not installed (libxml2-utils)"))
    func xmllintAgreesWhenInstalled() throws {
        let lint = try #require(Self.xmllint)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("reel-\(UUID().uuidString).fcpxml")
        try Data(FCPXMLWriter.fcpxml(ExportFixtures.timeline(rate: .fps29_97)).utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let p = ChildProcess()
        p.executableURL = URL(fileURLWithPath: lint)
        p.arguments = ["--noout", file.path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    static let xmllint = ["/usr/bin/xmllint", "/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) }
}
