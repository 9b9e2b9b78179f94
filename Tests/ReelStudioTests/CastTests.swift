import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

@testable import ReelStudio

/// `reel cast`: reference images are decoded, checked and stored by hash; a subject's
/// references make its shots references-to-video; bad images change nothing.
@Suite struct CastTests {
    typealias Fixture = TakeDecisionTests.Fixture

    @Test func referencesAreStoredByHashAndChangeHowTheShotIsMade() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let shot = try #require(f.board.shots.first { $0.subjects.contains("char:maya") })
        let before = try await Studio().shot(f.production, id: shot.id)
        #expect(before.remoteInput.hasPrefix("text-to-video"))

        let front = try f.dir.write("maya-front.png", FixtureMedia.png(3))
        let side = try f.dir.write("maya-side.jpg", FixtureMedia.jpeg(1))
        let maya = try await Studio().addToCast(f.production, CastAddition(
            name: "maya", description: "30s, soaked trench coat, red scarf", images: [front, side, front]))
        #expect(maya.id == "char:maya" && maya.kind == .character && maya.planned)
        #expect(maya.description == "30s, soaked trench coat, red scarf")
        #expect(maya.references.map(\.mediaType) == ["image/png", "image/jpeg"], "the same image twice is kept once")
        #expect(maya.references.map(\.digest) == [try Hashing.sha256(fileAt: front).digest.rawValue,
                                                  try Hashing.sha256(fileAt: side).digest.rawValue])
        #expect(maya.references.first.map { ($0.width, $0.height) } ?? (nil, nil) == (64, 112))
        for ref in maya.references {
            #expect(FileManager.default.contents(atPath: ref.path) != nil, "the image is in the media store")
        }
        #expect(maya.shots.contains(shot.id))

        let after = try await Studio().shot(f.production, id: shot.id)
        #expect(after.remoteInput.hasPrefix("references-to-video: 2 reference images of MAYA"), "\(after.remoteInput)")
        #expect(after.version != before.version, "new references are a new version of the shot")
        #expect(after.prompt.contains("MAYA (30s, soaked trench coat, red scarf)"))
        let board = try await Studio().plan(f.production, save: true)
        #expect(FilmGraphBuilder.remoteMode(for: try #require(board.shot(shot.id)), in: board) == .references)
        #expect(Studio.needs(try #require(board.shot(shot.id)), board: board).references == 1,
                "her two images can go as one sheet: a model that takes one reference can make the shot")

        // An empty shot sends no one's references.
        let empty = try await Studio().editShot(f.production, id: shot.id, change: ShotChange(empty: true))
        #expect(empty.remoteInput.hasPrefix("text-to-video"))
    }

    /// A place's references go with every shot of its scenes, an empty shot's included.
    @Test func aPlacesReferencesGoWithItsScenesShots() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let place = try #require(f.board.subjects.first { $0.kind == .location })
        let kitchen = try f.dir.write("kitchen.png", FixtureMedia.png(9))
        let member = try await Studio().addToCast(f.production, CastAddition(name: place.name, images: [kitchen]))
        #expect(member.kind == .location && member.shots == f.board.shots.map(\.id))
        let shot = try #require(f.board.shots.first)
        let empty = try await Studio().editShot(f.production, id: shot.id, change: ShotChange(empty: true))
        #expect(empty.remoteInput == "references-to-video: 1 reference image of \(place.name) (the shot asks for image; "
            + "with no keyframe picked its subjects' references go instead)")
    }

    @Test func aNewPropIsAddedAndListed() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let box = try f.dir.write("box.png", FixtureMedia.png(5))
        let added = try await Studio().addToCast(f.production, CastAddition(name: "外卖箱", kind: .prop, images: [box]))
        #expect(added.kind == .prop && !added.planned && added.shots.isEmpty && added.references.count == 1)
        let cast = try await Studio().cast(f.production)
        #expect(cast.map(\.name).contains("外卖箱") && cast.contains { $0.name == "MAYA" && $0.planned })
        let again = try await Studio().addToCast(f.production, CastAddition(name: "外卖箱", description: "a yellow insulated box"))
        #expect(again.references.count == 1 && again.description == "a yellow insulated box")
    }

    static let refusals: [(String, @Sendable (TemporaryDirectory) throws -> URL, String)] = [
        ("missing", { $0.file("nope.png") }, "no such image"),
        ("empty", { try $0.write("empty.png", Data()) }, "the reference image is empty"),
        ("text", { try $0.write("notes.png", "MAYA: red scarf, trench coat\n") }, "this is not a JPEG, PNG or WebP image"),
        ("video", { try $0.write("clip.png", FixtureMedia.mp4()) }, "this is not a JPEG, PNG or WebP image"),
        ("cut off", { try $0.write("cut.jpg", FixtureMedia.jpeg(2).prefix(2000)) }, "the reference image is damaged"),
        // Cut off before ffprobe can read its header: still a damaged JPEG, not "not a JPEG".
        ("cut short", { try $0.write("short.jpg", FixtureMedia.jpeg(2).prefix(40)) },
         "the reference image is damaged: it begins as a JPEG but cannot be read to the end"),
        ("folder", { dir in
            let folder = dir.file("refs")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return folder
        }, "this is a folder, not an image"),
        ("huge", { try $0.write("huge.png", FixtureMedia.png(width: 7200, height: 7200)) },
         "the reference image is 7200×7200, over 50 megapixels"),
    ]

    @Test(arguments: 0..<refusals.count)
    func aBadImageIsRefusedAndNothingChanges(_ index: Int) async throws {
        let (name, make, message) = Self.refusals[index]
        let f = try await Fixture()
        defer { f.dir.remove() }
        let good = try f.dir.write("good.png", FixtureMedia.png(1))
        let bad = try make(f.dir)
        let error = await #expect(throws: ReelError.self, "\(name)") {
            try await Studio().addToCast(f.production, CastAddition(name: "MAYA", images: [good, bad]))
        }
        #expect(error?.message.hasPrefix(message) == true, "\(name): \(String(describing: error?.message))")
        #expect(error?.location == bad.path, "\(name): the message names the file")
        #expect(try await f.project.castEntries().isEmpty, "\(name): nothing was added")
    }

    @Test func aKindThatContradictsTheScriptIsRefused() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        let error = await #expect(throws: ReelError.self) {
            try await Studio().addToCast(f.production, CastAddition(name: "MAYA", kind: .prop))
        }
        #expect(error?.message == "MAYA is a character, not a prop")
    }
}
