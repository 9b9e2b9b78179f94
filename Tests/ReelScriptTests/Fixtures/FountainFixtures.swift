/// Screenplays written for these tests (our own prose; nothing copied from published scripts).
///
/// They live in Swift string literals so the test target needs no resources. A line of
/// exactly two spaces is spelled `\#(two)` so that editors cannot strip it.
enum FountainFixtures {
    static let two = "  "

    /// Every Fountain element at least once.
    static let everything = #"""
    Title: The *Night* Ferry
    Credit: Written by
    Author: Reel Test Team
    Draft date: 2025-11-02
    Contact:
        Reel Studio
        12 Harbour Road
    Notes: Our own words, written for Reel's tests.

    # ACT ONE

    = A ferry crosses the bay at night; two strangers share a bench.

    ## The Crossing

    INT. FERRY CABIN - NIGHT #1#

    Rows of empty benches. The engine *thrums* below deck.
    	A paper cup rolls with the swell.
        Rain streaks the windows.

    [[Check whether the cup gag reads on screen.]]

    NORA sits by the window, a violin case across her knees. A sign reads \*WET PAINT\*.

    NORA
    (to herself)
    Forty minutes. Then home.

    THEO (O.S.)
    Is this seat taken?

    NORA (CONT'D)
    It is now, _apparently_.

    THEO enters, dripping, and sits.

    THEO
    I'm Theo.
    \#(two)
    I fix radios.

    NORA
    Nora. I **break** them.

    THEO
    Why?

    NORA ^
    Don't ask.

    !THE ENGINE STOPS.

    Silence. The lights flicker once.

    @McKAY (on P.A.) (V.O.)
    ~Row, row, row your boat
    ~gently down the bay
    This is your captain. A short delay.

    CUT TO:

    .ENGINE ROOM #1A#

    McKAY bangs a pipe with a wrench. It does not help.

    /* An older version had McKay fall in the water.
    It was too much.

    We keep it here for now. */

    He wipes his hands on his coveralls /* grease everywhere */ and sighs.

    > SMASH CUT TO:

    EXT. FERRY DECK - CONTINUOUS

    Fog. Nora and Theo at the rail. She opens the case: no violin, only a small radio.

    THEO
    You carry a broken radio
    in a violin case.

    NORA
    It's a long story [[she never tells it]].

    ~The water is cold
    ~and the night is long

    > THE END <

    ===

    >FADE OUT.
    """#

    /// A plain scene in standard Fountain, for comparing with other parsers.
    static let nightShift = #"""
    Title: Night Shift
    Author: Reel Test Team

    FADE IN:

    INT. CORNER BAKERY - NIGHT

    Flour in the air. Ovens tick as they heat. DEV (30s, sleepy) slides a tray onto the rack.

    DEV
    Four hundred rolls by five.
    Easy.

    AMARA (50s) ties her apron without looking up.

    AMARA
    You said that yesterday.

    DEV
    (grinning)
    And yesterday I was right.

    AMARA
    Yesterday you burned forty.

    A knock at the back door. Both freeze.

    VOICE (O.S.)
    Delivery!

    DEV
    At three in the morning?

    EXT. BAKERY BACK DOOR - CONTINUOUS

    A DRIVER in a wet raincoat holds a crate of eggs.

    DRIVER
    You Amara?

    AMARA (O.S.)
    Who's asking?

    DISSOLVE TO:

    INT. CORNER BAKERY - LATER #2#

    The first rolls come out golden. Dev holds one up like a trophy.

    DEV
    Not one burned.

    AMARA
    Ask me again at five.

    I/E DELIVERY VAN - DAWN

    The driver eats a roll behind the wheel and smiles.

    EST. HARBOUR TOWN - DAY

    Gulls. The bakery's chimney breathes a thin line of smoke.
    """#
}
