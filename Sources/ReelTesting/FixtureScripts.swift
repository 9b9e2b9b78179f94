/// Screenplays tests share.
public enum FixtureScripts {
    /// One scene, two characters, three shots or so: the smallest project worth a board.
    public static let twoRooms = """
        Title: Two Rooms

        INT. KITCHEN - NIGHT

        A kettle hisses on the stove.

        MAYA
        You came back.

        BEN
        I never left.

        """
}
