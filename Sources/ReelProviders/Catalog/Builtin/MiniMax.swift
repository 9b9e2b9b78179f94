extension BuiltinCatalog {
    /// MiniMax's Hailuo models (v1 API). Ids and resolutions are from platform.minimax.io
    /// (provider-apis.md §6); the 6/10 s durations and prices are from secondary sources.
    /// Text-to-video is 16:9 only (v1 has no aspect field); with a first frame, the frame's.
    /// Speech (`/v1/t2a_v2`): prices are MiniMax's published per-million-character rates, as
    /// secondary sources quote them. Music (`/v1/music_generation`): per song, as resellers
    /// quote it.
    static let minimax = #"""
    schema: reel.models/1
    models:
      - provider: minimax
        id: MiniMax-Hailuo-02
        name: MiniMax Hailuo 02
        modes: [text, image, first-last]
        durations: [6, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p, 1080p]
        quality: 8
        price: { amount: "0.28", currency: USD, per: clip, source: estimate }
        notes: "768P for 720p; 1080P at 6 s only. Text-only shots must be 16:9."
      - provider: minimax
        id: MiniMax-Hailuo-2.3
        name: MiniMax Hailuo 2.3
        modes: [text, image]
        durations: [6, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p, 1080p]
        quality: 8
        price: { amount: "0.28", currency: USD, per: clip, source: estimate }
      - provider: minimax
        id: MiniMax-Hailuo-2.3-Fast
        name: MiniMax Hailuo 2.3 Fast
        modes: [image]
        durations: [6, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p, 1080p]
        quality: 7
        price: { amount: "0.19", currency: USD, per: clip, source: estimate }
      - provider: minimax
        id: speech-02-hd
        name: MiniMax Speech 02 HD
        medium: speech
        quality: 8
        price: { amount: "0.10", currency: USD, per: 1k-characters, source: estimate }
        notes: Mandarin first, 24 languages; at most 10,000 characters a line.
      - provider: minimax
        id: speech-02-turbo
        name: MiniMax Speech 02 Turbo
        medium: speech
        quality: 7
        price: { amount: "0.06", currency: USD, per: 1k-characters, source: estimate }
      - provider: minimax
        id: music-2.6
        name: MiniMax Music 2.6
        medium: music
        quality: 8
        price: { amount: "0.15", currency: USD, per: clip, source: estimate }
        notes: "Songs from lyrics (1–3,500 characters, [Verse]/[Chorus] tags) in a style asked in words, or instrumentals; the model sets the length. Priced per song, as resellers quote it."
    """#
}
