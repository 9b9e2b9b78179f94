import Foundation
import ReelMedia
import ReelModel
import ReelProviders
import ReelScript
import Yams

/// `reel.yaml`: what a project is and how it is made.
///
/// ```yaml
/// title: The Last Train        # optional; else the script's title page
/// script: script.fountain
/// script_format: zh          # optional: auto (default), fountain, or zh (a Chinese short-drama script)
/// format: { aspect: "9:16", size: 720p, fps: 24 }
/// takes: 1                     # takes per shot `reel generate` makes by default
/// provider: animatic           # video provider for shots that do not pin one
/// limits: { sim: 4 }           # jobs at once, per provider
/// budget: { cap: "20.00 USD" } # no job starts that would pass it
/// label: auto                  # AI-content labels: auto | always | never
/// subtitles: { burn: false }
/// loudness: -14                # LUFS the soundtrack is mastered to (true peak at most -1 dBTP)
/// style: "soft film grain, warm light"   # added to prompts for real models
/// routing:                     # how `provider: auto` picks a model per shot
///   policy: cheapest           # or best
///   allow: [kling, vidu]       # providers or provider/model; empty for all configured
///   pin: kling/kling-v2-6      # for the project; `scenes:` and `shots:` pin per scene or shot
///   shots: { S03-07: veo, S01-01: animatic }
/// voices: elevenlabs           # who speaks the lines; espeak-ng (offline) when left out
/// effects: elevenlabs          # who makes the sound effects; Reel's synthesiser (offline) when left out, none for none
/// lipsync: fal                 # a lip-sync pass over remote takes with lines (none when left out)
/// music: elevenlabs            # who scores each scene; Reel's synthesiser (offline) when left out
/// song:                        # a song over the end (or the opening): `reel song` writes it
///   title: 末班车
///   lyrics: song/lyrics.txt     # the words, in the project
///   style: "国风流行, 女声"
///   at: end                     # or opening
///   provider: minimax           # who sings it; `music:`'s provider when left out
/// scene_music:                 # a scene's music as asked for: `reel music` writes it
///   "2": { prompt: "tense strings, slow build", takes: 3, pick: 2 }
/// keyframes: openai            # the image model `reel keyframes` asks; the only configured one when left out
/// critic: openai/gpt-4o-mini    # a vision model that scores each new take (none when left out)
/// audio: native                # keep the sound a model makes of its shots (default: synthetic voices)
/// providers:                   # per provider: base_url (relays, regions), other options
///   kling: { base_url: "https://api-beijing.klingai.com" }
/// ```
public struct ProjectConfig: Hashable, Sendable {
    public static let fileName = "reel.yaml"

    public var title: String?
    public var script: String
    /// How the script is written: `.auto` tells Fountain from a Chinese short-drama script by its lines.
    public var scriptFormat: ScriptFormat = .auto
    public var format: VideoFormat
    public var takes: Int
    public var provider: ProviderID
    public var limits: [ProviderID: Int]
    public var budgetCap: Money?
    public var label: RenderSettings.LabelPolicy
    public var burnSubtitles: Bool
    public var style: String?
    /// How models are chosen per shot when `provider` is `auto`, and pins that hold for any provider.
    public var routing: RoutingPolicy
    /// Per-provider settings: base URL and options.
    public var providers: [ProviderID: ProviderSettings]
    /// Who speaks the lines: nil for espeak-ng (offline), or a speech provider (`elevenlabs`, `openai`).
    public var voices: ProviderID?
    /// Who makes the sound effects the action asks for: Reel's synthesiser (`procedural`, the
    /// default, offline), a sound-effect provider (`elevenlabs`), or nil for none.
    public var effects: ProviderID? = ProjectConfig.proceduralEffects
    /// Who scores each scene: nil for Reel's synthesiser (offline), or a music provider (`elevenlabs`).
    public var music: ProviderID?
    /// The film's song (`song:`), sung over its end or its opening; nil for none.
    public var song: SongSettings?
    /// What scenes ask of their music (`scene_music:`): words, a mood, a provider, takes and
    /// the one picked. Scenes not named play what their mood gives them.
    public var sceneMusic: [SceneID: SceneMusic] = [:]
    /// Who moves the mouths of a remote take whose shot has lines to Reel's voices for them
    /// (`fal`: Kling LipSync); nil for no lip-sync pass.
    public var lipSync: ProviderID?
    /// The image model keyframes come from: nil for the only configured one.
    public var keyframes: ProviderID?
    /// The vision model that critiques each new take, `provider[/model]`: nil for none
    /// (`REEL_CRITIC` names one for every project that names none).
    public var critic: String?
    /// Where a shot's sound comes from: Reel's voices (`synthetic`, the default) or, for a take
    /// whose model made its own soundtrack, that soundtrack (`native`).
    public var audio: AudioSource = .synthetic
    /// Integrated loudness (LUFS) the soundtrack is mastered to.
    public var loudness: Double = LoudnessTarget.phone.integrated
    /// The project's id in a studio database (`studio_id`): the same on every machine that
    /// has the project, whatever its directory is called there.
    public var studioID: String?

    /// The offline effects generator's id (`effects: procedural`).
    public static let proceduralEffects: ProviderID = "procedural"

    /// Where a shot's sound comes from (`audio:` in reel.yaml).
    public enum AudioSource: String, Hashable, Sendable, CaseIterable {
        /// Reel's voices for every line, its music under them.
        case synthetic
        /// A take whose model made sound (Veo 3, Sora 2, Kling 2.6, Vidu Q3) keeps it: the
        /// model's dialogue instead of the synthetic voice for that shot, music ducked under it.
        case native
    }

    /// One provider's settings in `reel.yaml`.
    public struct ProviderSettings: Hashable, Sendable {
        public var baseURL: String?
        /// Everything else, as text (`workflow: flows/wan.json` for ComfyUI, `mode: pro` for Kling).
        public var options: [String: String]

        public init(baseURL: String? = nil, options: [String: String] = [:]) {
            self.baseURL = baseURL
            self.options = options
        }
    }

    public init(title: String? = nil, script: String = "script.fountain", format: VideoFormat = .default, takes: Int = 1,
                provider: ProviderID = "animatic", limits: [ProviderID: Int] = [:], budgetCap: Money? = nil,
                label: RenderSettings.LabelPolicy = .auto, burnSubtitles: Bool = false, style: String? = nil) {
        self.title = title
        self.script = script
        self.format = format
        self.takes = takes
        self.provider = provider
        self.limits = limits
        self.budgetCap = budgetCap
        self.label = label
        self.burnSubtitles = burnSubtitles
        self.style = style
        self.routing = RoutingPolicy()
        self.providers = [:]
        self.voices = nil
        self.keyframes = nil
    }

    /// Reads `reel.yaml`; every problem is one error naming the file and the field.
    public static func load(_ url: URL) throws -> ProjectConfig {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ReelError(.configuration, "cannot read the project file", at: url.path,
                            hint: "check that it exists, is readable and is UTF-8")
        }
        return try parse(text, file: url.path)
    }

    /// Reads the text of a `reel.yaml`; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws -> ProjectConfig {
        let node: Yams.Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ReelError(.configuration, "reel.yaml is not valid YAML: \(ProjectConfig.describe(error))", at: file,
                            hint: "fix the line it names; `reel init` writes a commented example")
        } catch {
            throw ReelError(.configuration, "reel.yaml is not valid YAML", at: file)
        }
        guard let mapping = node?.mapping else {
            if node == nil { return ProjectConfig() }
            throw ReelError(.configuration, "reel.yaml must be a mapping of settings (key: value)", at: file)
        }
        return try ProjectConfig(mapping: mapping, file: file)
    }

    static func describe(_ error: YamlError) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "syntax error"
    }
}
