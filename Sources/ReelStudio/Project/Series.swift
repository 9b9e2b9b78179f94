import Foundation
import ReelModel
import Yams

/// What `series.yaml` says: a series' title and language, its planned length, its look (style
/// words, palette, lenses — every episode's prompts carry them) and the rules its writer keeps.
public struct SeriesConfig: Sendable, Codable, Hashable {
    public var title: String
    public var language: Language
    /// The frame every episode is made in (`9:16`, `16:9`, `1:1`).
    public var aspect: VideoFormat.Aspect
    /// Episodes planned (`reel series status` counts against it); nil for open-ended.
    public var episodes: Int?
    /// Style words every episode's prompts carry, unless an episode's reel.yaml sets its own.
    public var style: String?
    public var palette: String?
    public var lenses: String?
    /// What the writer must keep in every episode (`Lin never lies to her mother`).
    public var rules: [String]

    public init(title: String, language: Language, aspect: VideoFormat.Aspect, episodes: Int? = nil, style: String? = nil,
                palette: String? = nil, lenses: String? = nil, rules: [String] = []) {
        self.title = title
        self.language = language
        self.aspect = aspect
        self.episodes = episodes
        self.style = style
        self.palette = palette
        self.lenses = lenses
        self.rules = rules
    }

    enum CodingKeys: String, CodingKey { case title, language, aspect, episodes, style, palette, lenses, rules }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decode(String.self, forKey: .title)
        language = try c.decodeIfPresent(Language.self, forKey: .language) ?? .english
        aspect = try c.decodeIfPresent(VideoFormat.Aspect.self, forKey: .aspect) ?? .vertical
        episodes = try c.decodeIfPresent(Int.self, forKey: .episodes)
        style = try c.decodeIfPresent(String.self, forKey: .style)
        palette = try c.decodeIfPresent(String.self, forKey: .palette)
        lenses = try c.decodeIfPresent(String.self, forKey: .lenses)
        rules = try c.decodeIfPresent([String].self, forKey: .rules) ?? []
    }

    /// The look as prompt words: style, palette and lenses together; nil when none is set.
    public var look: String? {
        let parts = [style, palette.map { "palette: \($0)" }, lenses.map { "lenses: \($0)" }].compactMap { $0 }
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}

/// A series: a folder with `series.yaml`, its bible in `.reel/` (the cast — reference images,
/// descriptions, voices — and the consent ledger, shared by every episode, and one media store
/// for them all), and its episodes as projects in folders beside it (`ep01/`, `ep02/`…). An
/// episode is a project whose parent folder holds `series.yaml`: `reel cast`, `reel consent`
/// and every prompt of any episode read and write the series' cast, so a character looks and
/// sounds the same in episode 1 and 50.
public struct Series: Sendable {
    public static let fileName = "series.yaml"

    public var directory: URL
    public var config: SeriesConfig

    /// The bible's state in the series folder `directory`: `.reel/`, with its `reel.sqlite`,
    /// `media/` (every episode's store), `episodes/` (markers) and `bible.lock`.
    static func state(of directory: URL) -> URL { directory.appendingPathComponent(".reel") }
    static func media(of directory: URL) -> URL { state(of: directory).appendingPathComponent("media") }

    /// The series whose folder holds `project`, when its parent has a `series.yaml`.
    public static func containing(_ project: URL) -> URL? {
        let folder = project.standardizedFileURL
        guard folder.path != "/" else { return nil }
        let parent = folder.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: parent.appendingPathComponent(fileName).path, isDirectory: &isFolder)
        return exists && !isFolder.boolValue ? parent : nil
    }

    /// Claims the next episode's folder: created without intermediates, so two `add-episode`
    /// at once never share one, and a folder already there (an episode, or anything else of
    /// the user's) is never taken over.
    func claimEpisode() throws -> URL {
        var n = episodes().count + 1
        for _ in 0..<1000 {
            let candidate = directory.appendingPathComponent(Self.episodeName(n))
            n += 1
            do {
                try FileManager.default.createDirectory(at: candidate, withIntermediateDirectories: false)
                return candidate
            } catch {
                if FileManager.default.fileExists(atPath: candidate.path) { continue }
                throw ReelError(.cannotWrite, "cannot create the episode's folder", at: candidate.path,
                                hint: "check that the series folder can be written to")
            }
        }
        throw ReelError(.cannotWrite, "no free episode folder name in the series", at: directory.path, hint: "move unused folders aside")
    }

    /// The marker the bible keeps of an episode that has state (`.reel/episodes/ep03`): an
    /// episode whose database is later lost is refused, not started over (its media is in
    /// the shared store, so the store cannot say it made anything).
    static func episodeMarker(_ series: URL, episode: URL) -> URL {
        state(of: series).appendingPathComponent("episodes").appendingPathComponent(episode.lastPathComponent)
    }

    /// Reads the series at `directory` (or the one an episode folder `directory` belongs to).
    public static func load(_ directory: URL) throws -> Series {
        var folder = directory.standardizedFileURL
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent(fileName).path),
           let parent = containing(folder) {
            folder = parent
        }
        let file = folder.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw ReelError(.notFound, "no series here (no \(fileName) in this folder or its parent)", at: folder.path,
                            hint: "start one with `reel series init \"TITLE\"`, or run this in a series' folder or one of its episodes")
        }
        do {
            return Series(directory: folder, config: try YAMLDecoder().decode(SeriesConfig.self, from: data))
        } catch let error as DecodingError {
            throw ReelError(.configuration, "\(fileName) cannot be read: \(Self.describe(error))", at: file.path,
                            hint: "it needs at least `title:`; language is en or zh, aspect 9:16, 16:9 or 1:1")
        } catch {
            throw ReelError(.configuration, "\(fileName) is not YAML: \(error)", at: file.path, hint: "fix the line it names")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "`\(key.stringValue)` is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            (context.codingPath.last.map { "`\($0.stringValue)`: " } ?? "") + context.debugDescription
        @unknown default: "\(error)"
        }
    }

    /// The episodes, in order: the folders beside `series.yaml` that hold a project.
    public func episodes() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
            .map { directory.appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent(ProjectConfig.fileName).path) }
    }

    /// `ep01`, `ep02`…: an episode's folder (two digits, three past 99).
    static func episodeName(_ n: Int) -> String { n < 100 ? String(format: "ep%02d", n) : "ep\(n)" }

    /// The text of a new `series.yaml`, with what each setting does.
    static func yaml(_ config: SeriesConfig) -> String {
        // A JSON string is a YAML double-quoted scalar: quotes, backslashes, newlines and control
        // characters all escaped, CJK as it is.
        func quoted(_ s: String) -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .withoutEscapingSlashes
            return (try? encoder.encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        }
        var lines = [
            "# A Reel series: episodes in the folders beside this file share its bible (.reel/):",
            "# the cast, their reference images and voices, the consent ledger, and this look.",
            "title: \(quoted(config.title))",
            "language: \(config.language.rawValue)          # en or zh: the writer's and the planner's language",
            "aspect: \"\(config.aspect.rawValue)\"             # every episode's frame",
        ]
        lines.append(config.episodes.map { "episodes: \($0)             # planned (reel series status counts against it)" }
                     ?? "# episodes: 50             # planned (reel series status counts against it)")
        lines.append(config.style.map { "style: \(quoted($0))" } ?? "# style: \"soft film grain, warm practical light\"   # every prompt carries the look")
        lines.append(config.palette.map { "palette: \(quoted($0))" } ?? "# palette: \"teal and amber\"")
        lines.append(config.lenses.map { "lenses: \(quoted($0))" } ?? "# lenses: \"35mm and 85mm, shallow depth of field\"")
        if config.rules.isEmpty {
            lines += ["# rules:                    # what the writer keeps in every episode", "#   - \"Lin never lies to her mother\""]
        } else {
            lines.append("rules:                      # what the writer keeps in every episode")
            lines += config.rules.map { "  - \(quoted($0))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension Production {
    /// Runs a read-change-write of the cast: in a series, under an exclusive lock beside the
    /// bible (`.reel/bible.lock`), so two episodes changing one character at once never lose
    /// either change (each episode's own lock does not cover the bible).
    func changingCast<T>(_ body: () async throws -> T) async throws -> T {
        guard let series = workspace.series else { return try await body() }
        let path = Series.state(of: series).appendingPathComponent("bible.lock").path
        let fd = Glibc.open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ReelError(.cannotWrite, "cannot lock the series' bible to change the cast", at: path,
                            hint: "check that the series folder can be written to")
        }
        defer { Glibc.close(fd) }
        // Short: one entry read and written. Another episode's change waits for it.
        _ = flock(fd, LOCK_EX)
        defer { _ = flock(fd, LOCK_UN) }
        return try await body()
    }
}
