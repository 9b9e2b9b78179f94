extension BuiltinCatalog {
    /// Sora 2 (OpenAI and Azure OpenAI), gpt-image-1 and OpenAI speech. Lengths and sizes are
    /// the SDK's enums (docs/reference provider-apis §1, §12b, §12c); 16/20-second clips and
    /// 1080p on sora-2-pro are in the guide only and left out until confirmed. gpt-image-1
    /// takes up to 16 reference images through `POST /images/edits` (the SDK's `image[]`).
    static let openai = #"""
    schema: reel.models/1
    models:
      - provider: openai
        id: sora-2
        name: Sora 2
        modes: [text, image]
        durations: [4, 8, 12]
        aspects: ["9:16", "16:9"]
        sizes: [720p]
        native_audio: true
        quality: 7
        price: { amount: "0.10", currency: USD, per: second, source: estimate }
        notes: OpenAI retires the Videos API and Sora 2 on 2026-09-24.
      - provider: openai
        id: sora-2-pro
        name: Sora 2 Pro
        modes: [text, image]
        durations: [4, 8, 12]
        aspects: ["9:16", "16:9"]
        sizes: [720p]
        native_audio: true
        quality: 8
        price: { amount: "0.30", currency: USD, per: second, source: "Replicate's wrapper, 720p (third-party), estimate" }
        notes: OpenAI retires the Videos API and Sora 2 on 2026-09-24.
      - provider: openai
        id: gpt-image-1
        name: GPT Image 1
        medium: image
        max_references: 16
        quality: 8
        price: { amount: "0.042", currency: USD, per: image, source: estimate }
      - provider: openai
        id: gpt-4o-mini-tts
        name: GPT-4o mini TTS
        medium: speech
        quality: 7
        price: { amount: "0.015", currency: USD, per: 1k-characters, source: estimate }
      - provider: openai
        id: tts-1
        name: TTS 1
        medium: speech
        quality: 6
        price: { amount: "0.015", currency: USD, per: 1k-characters, source: estimate }
      - provider: azure-openai
        id: sora-2
        name: Sora 2 on Azure OpenAI
        modes: [text, image]
        durations: [4, 8, 12]
        aspects: ["9:16", "16:9"]
        sizes: [720p]
        native_audio: true
        quality: 7
        price: { amount: "0.10", currency: USD, per: second, source: "LiteLLM's Azure video docs (third-party), estimate" }
    """#
}
