extension BuiltinCatalog {
    /// ElevenLabs speech (docs/reference provider-apis §12d), sound effects and music. Prices
    /// depend on the plan; these are rough per-character and per-second figures.
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
      - provider: elevenlabs
        id: eleven_text_to_sound_v2
        name: Eleven Sound Effects v2
        medium: effects
        quality: 7
        price: { amount: "0.002", currency: USD, per: second, source: estimate }
        notes: >-
          Ambiences and spot effects, 0.5 to 30 seconds (longer ambiences are looped by the mix);
          loops without a seam. The API bills 20 credits per second when the length is given,
          which Reel always does; at the $0.10 per 1,000 credits the speech entries assume
          (1 credit a character), that is $0.002 a second. Resellers charge about $0.0023.
      - provider: elevenlabs
        id: music_v1
        name: Eleven Music v1
        medium: music
        quality: 7
        price: { amount: "0.0115", currency: USD, per: second, source: estimate }
        notes: >-
          Instrumental underscore, 3 seconds to 10 minutes (a shorter cue is asked for 3 seconds
          and cut by the mix); the API's default music model (music_v2 is taken by name). Billed
          per minute of music made, depending on the plan: ElevenLabs publishes no per-second
          API figure Reel could check; a secondary summary of its API pricing gives $0.30 a
          minute, resellers charge $0.69 to $0.75 a minute. Reel assumes $0.69 a minute
          ($0.0115 a second), so a budget is not overrun.
    """#
}
