import Foundation
import ReelModel

extension OpenAIEndpoint {
    /// The ``ProviderEntry`` of a flavor: its id, base URL and keys, the adapters it offers,
    /// and a check that lists its models.
    public static func entry(_ flavor: Flavor, video: ProviderEntry.Make<any VideoGenerator>? = nil,
                             image: ProviderEntry.Make<any ImageGenerator>? = nil,
                             speech: ProviderEntry.Make<any SpeechGenerator>? = nil,
                             text: ProviderEntry.Make<any LanguageModel>? = nil, voices: [VoiceOption] = []) -> ProviderEntry {
        ProviderEntry(id: flavor.id, name: flavor.name, defaultBaseURL: flavor.defaultBaseURL,
                      credentials: flavor.requiredCredentials, optionalCredentials: flavor.optionalCredentials,
                      video: video, image: image, speech: speech, text: text, voices: voices,
                      check: { config, support in try await OpenAIEndpoint(config: config, support: support, flavor: flavor).check() })
    }

    /// OpenAI: Sora video, gpt-image stills, speech and chat, on one key.
    public static let openaiEntry = entry(
        .openai,
        video: { config, support in try OpenAIVideoProvider(config: config, support: support, flavor: .openai) },
        image: { config, support in try OpenAIImageProvider(config: config, support: support, flavor: .openai) },
        speech: { config, support in try OpenAISpeechProvider(config: config, support: support, flavor: .openai) },
        text: { config, support in try OpenAIChatModel(config: config, support: support, flavor: .openai) },
        voices: OpenAISpeechProvider.voices)

    /// Azure OpenAI's v1 API: Sora 2 on the user's resource.
    public static let azureEntry = entry(
        .azure, video: { config, support in try OpenAIVideoProvider(config: config, support: support, flavor: .azure) })

    /// Chat-only services for planning text.
    public static let chatEntries: [ProviderEntry] = [Flavor.deepseek, .qwen, .moonshot, .ollama, .compatible].map { flavor in
        entry(flavor, text: { config, support in try OpenAIChatModel(config: config, support: support, flavor: flavor) })
    }
}

extension OpenAIVideoProvider {
    public init(config: ProviderConfig, support: AdapterSupport, flavor: OpenAIEndpoint.Flavor) throws {
        self.init(endpoint: try OpenAIEndpoint(config: config, support: support, flavor: flavor),
                  pollInterval: support.pollInterval ?? 10, probe: support.probe, prices: config.models)
    }
}

extension OpenAIImageProvider {
    public init(config: ProviderConfig, support: AdapterSupport, flavor: OpenAIEndpoint.Flavor) throws {
        self.init(endpoint: try OpenAIEndpoint(config: config, support: support, flavor: flavor), prices: config.models)
    }
}

extension OpenAISpeechProvider {
    public init(config: ProviderConfig, support: AdapterSupport, flavor: OpenAIEndpoint.Flavor) throws {
        self.init(endpoint: try OpenAIEndpoint(config: config, support: support, flavor: flavor), probe: support.probe,
                  prices: config.models)
    }
}

extension OpenAIChatModel {
    public init(config: ProviderConfig, support: AdapterSupport, flavor: OpenAIEndpoint.Flavor) throws {
        self.init(endpoint: try OpenAIEndpoint(config: config, support: support, flavor: flavor),
                  defaultModel: config.options["model"])
    }
}
