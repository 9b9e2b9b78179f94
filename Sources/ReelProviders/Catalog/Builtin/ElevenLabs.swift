extension BuiltinCatalog {
    /// ElevenLabs speech (docs/reference provider-apis §12d). Prices depend on the plan;
    /// these are rough per-character figures.
    static let elevenlabs = #"""
    schema: reel.models/1
    models:
      - provider: elevenlabs
        id: eleven_multilingual_v2
        name: Eleven Multilingual v2
        medium: speech
        quality: 8
        price: { amount: "0.10", currency: USD, per: 1k-characters, source: estimate }
        notes: English and Chinese; at most 10,000 characters a line.
      - provider: elevenlabs
        id: eleven_flash_v2_5
        name: Eleven Flash v2.5
        medium: speech
        quality: 6
        price: { amount: "0.05", currency: USD, per: 1k-characters, source: estimate }
    """#
}
