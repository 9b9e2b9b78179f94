import Foundation
import ReelModel

extension OpenAIEndpoint {
    /// One service that speaks OpenAI's protocol: its id, name, default base URL, key and
    /// how the key is sent. Adding an OpenAI-compatible service is adding one of these.
    public struct Flavor: Sendable, Hashable {
        /// How the key is sent.
        public enum Auth: Sendable, Hashable {
            /// `Authorization: Bearer <key>`.
            case bearer
            /// `api-key: <key>` (Azure OpenAI).
            case apiKeyHeader
        }

        /// Whether the service takes a key, and the name it is read under (an environment variable
        /// or a credentials-file entry).
        public enum Key: Sendable, Hashable {
            case required(String)
            /// Sent when set (a vLLM server started with `--api-key`).
            case optional(String)
            /// Never sent (a local Ollama).
            case none
        }

        public var id: ProviderID
        public var name: String
        /// A base URL on the reserved `.invalid` domain means there is no default: the user
        /// must give theirs (`providers.<id>.base_url` or `REEL_<ID>_BASE_URL`).
        public var defaultBaseURL: String
        public var key: Key
        public var auth: Auth
        /// Appended to a base URL given without a path (`https://res.openai.azure.com` →
        /// `…/openai/v1`), so users can paste what their portal shows.
        public var defaultPath: String?
        /// The chat model `default` stands for; nil when the user must name one
        /// (`providers.<id>.model`).
        public var chatModel: String?
        /// `max_completion_tokens` on OpenAI (where `max_tokens` is legacy); `max_tokens` on
        /// the compatible servers, most of which know only that.
        public var tokenLimitField: String = "max_tokens"

        /// The names `ProviderEntry.credentials` must list.
        public var requiredCredentials: [String] {
            if case .required(let name) = key { [name] } else { [] }
        }

        public var optionalCredentials: [String] {
            if case .optional(let name) = key { [name] } else { [] }
        }

        /// The configured base URL, checked and completed.
        func resolve(_ url: URL, provider: ProviderID) throws -> URL {
            if url.host?.hasSuffix(".invalid") ?? true {
                let variable = ProviderDirectory.entry(provider)?.baseURLVariable ?? "REEL_…_BASE_URL"
                throw ReelError(.configuration, "\(provider) needs the base URL of your server or resource",
                                hint: "set providers.\(provider).base_url in reel.yaml or \(variable), e.g. \(example)")
            }
            guard let defaultPath, url.path.isEmpty || url.path == "/" else { return url }
            return url.appendingPathComponent(defaultPath)
        }

        private var example: String {
            auth == .apiKeyHeader ? "https://<resource>.openai.azure.com" : "http://127.0.0.1:8000/v1"
        }

        public static let openai = Flavor(id: "openai", name: "OpenAI", defaultBaseURL: "https://api.openai.com/v1",
                                          key: .required("OPENAI_API_KEY"), auth: .bearer, chatModel: "gpt-4.1-mini",
                                          tokenLimitField: "max_completion_tokens")
        /// Azure OpenAI's v1 API: Sora 2 and the rest under `/openai/v1`, no deployment in the
        /// path (learn.microsoft.com, Azure Foundry video generation).
        public static let azure = Flavor(id: "azure-openai", name: "Azure OpenAI",
                                         defaultBaseURL: "https://your-resource.invalid/openai/v1",
                                         key: .required("AZURE_OPENAI_API_KEY"), auth: .apiKeyHeader, defaultPath: "openai/v1",
                                         tokenLimitField: "max_completion_tokens")
        public static let deepseek = Flavor(id: "deepseek", name: "DeepSeek", defaultBaseURL: "https://api.deepseek.com",
                                            key: .required("DEEPSEEK_API_KEY"), auth: .bearer, chatModel: "deepseek-chat")
        /// DashScope's OpenAI-compatible mode (Beijing; `dashscope-intl` for Singapore).
        public static let qwen = Flavor(id: "qwen", name: "Qwen (DashScope)",
                                        defaultBaseURL: "https://dashscope.aliyuncs.com/compatible-mode/v1",
                                        key: .required("DASHSCOPE_API_KEY"), auth: .bearer, chatModel: "qwen-plus")
        /// Moonshot's China endpoint (`api.moonshot.ai` serves the rest of the world).
        public static let moonshot = Flavor(id: "moonshot", name: "Moonshot", defaultBaseURL: "https://api.moonshot.cn/v1",
                                            key: .required("MOONSHOT_API_KEY"), auth: .bearer, chatModel: "moonshot-v1-8k")
        public static let ollama = Flavor(id: "ollama", name: "Ollama", defaultBaseURL: "http://127.0.0.1:11434/v1",
                                          key: .none, auth: .bearer, chatModel: "llama3.1")
        /// The simulated provider's critic (`reel dev simulate`): pictures in, a critique out.
        public static let simulated = Flavor(id: "sim", name: "Simulated provider", defaultBaseURL: "http://127.0.0.1:8787",
                                             key: .required("SIM_API_KEY"), auth: .bearer, defaultPath: "v1", chatModel: "sim-critic")
        /// Any other server that speaks the protocol: vLLM, llama.cpp's server, LM Studio.
        public static let compatible = Flavor(id: "openai-compatible", name: "OpenAI-compatible server",
                                              defaultBaseURL: "http://base-url-required.invalid/v1",
                                              key: .optional("OPENAI_COMPATIBLE_API_KEY"), auth: .bearer)
    }
}
