import Foundation
import GRDB

/// The schema, as an append-only list of migrations written with table and column names
/// (never app types), so an old migration means the same thing forever.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-jobs") { db in
            try db.execute(sql: "PRAGMA application_id = \(ProjectDatabase.applicationID)")
            try db.create(table: "asset") { t in
                t.primaryKey("digest", .text).notNull()
                t.column("media_type", .text).notNull()
                t.column("byte_count", .integer).notNull().check { $0 >= 0 }
                t.column("media", .text)
                t.column("created_at", .double).notNull()
            }
            try db.create(table: "job") { t in
                t.primaryKey("key", .text).notNull()
                t.column("node", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("provider", .text).notNull()
                t.column("model", .text).notNull()
                t.column("shot", .text)
                t.column("state", .text).notNull()
                    .check(sql: "state IN ('pending','submitted','running','succeeded','failed','cancelled')")
                t.column("detail", .text).notNull()
                t.column("provider_job_id", .text)
                t.column("output_digest", .text).references("asset", column: "digest")
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("resubmits", .integer).notNull().defaults(to: 0)
                t.column("failure_reason", .text)
                t.column("cost_micros", .integer)
                t.column("cost_currency", .text)
                t.column("created_at", .double).notNull()
                t.column("updated_at", .double).notNull()
            }
            try db.create(index: "job_shot", on: "job", columns: ["shot"])
            try db.create(index: "job_state", on: "job", columns: ["state"])
            try db.create(table: "job_event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("key", .text).notNull().references("job", column: "key", onDelete: .cascade)
                t.column("state", .text).notNull()
                t.column("detail", .text).notNull()
                t.column("at", .double).notNull()
            }
            try db.create(index: "job_event_key", on: "job_event", columns: ["key"])
        }
        m.registerMigration("v2-project") { db in
            // The storyboard: one row per scene, shot and subject, each with its document.
            try db.create(table: "storyboard") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("document", .text).notNull()
                t.column("script_digest", .text)
                t.column("updated_at", .double).notNull()
            }
            try db.create(table: "shot") { t in
                t.primaryKey("id", .text).notNull()
                t.column("scene", .text).notNull()
                t.column("position", .integer)
                t.column("fingerprint", .text).notNull()
                t.column("document", .text).notNull()
                t.column("retired", .boolean).notNull().defaults(to: false)
                t.column("updated_at", .double).notNull()
            }
            try db.create(table: "take") { t in
                t.primaryKey("id", .text).notNull()
                t.column("shot", .text).notNull().references("shot", column: "id")
                t.column("number", .integer).notNull().check { $0 > 0 }
                t.column("provider", .text).notNull()
                t.column("model", .text).notNull()
                t.column("seed", .text).notNull()
                t.column("fingerprint", .text).notNull()
                t.column("node", .text).notNull()
                t.column("created_at", .double).notNull()
                t.uniqueKey(["shot", "number"])
            }
            try db.create(index: "take_shot", on: "take", columns: ["shot"])
            try db.create(table: "pick") { t in
                t.primaryKey("shot", .text).notNull().references("shot", column: "id")
                t.column("take", .text).notNull().references("take", column: "id")
                t.column("picked_at", .double).notNull()
            }
            // Money: what each job cost, as the provider reported it.
            try db.create(table: "ledger") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("job", .text).notNull().references("job", column: "key")
                t.column("provider", .text).notNull()
                t.column("micros", .integer).notNull()
                t.column("currency", .text).notNull()
                t.column("at", .double).notNull()
            }
            try db.alter(table: "job") { t in
                t.add(column: "estimate_micros", .integer)
                t.add(column: "estimate_currency", .text)
            }
            // One row per run of the engine, for stats (cache hits) and status.
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("command", .text).notNull()
                t.column("started_at", .double).notNull()
                t.column("finished_at", .double)
                t.column("total", .integer).notNull().defaults(to: 0)
                t.column("ran", .integer).notNull().defaults(to: 0)
                t.column("cached", .integer).notNull().defaults(to: 0)
                t.column("failed", .integer).notNull().defaults(to: 0)
            }
        }
        m.registerMigration("v3-take-fit") { db in
            // What the model was asked to make when no model makes the shot's exact length,
            // and how the cut fits it: `exact`, `trim` or `hold`.
            try db.alter(table: "take") { t in
                t.add(column: "generated_ms", .integer)
                t.add(column: "fit", .text)
            }
        }
        m.registerMigration("v4-shot-edit") { db in
            // The user's edits of a shot (a ShotEdit as JSON), kept apart from the planned
            // storyboard so that every re-plan applies them again.
            try db.create(table: "shot_edit") { t in
                t.primaryKey("shot", .text).notNull()
                t.column("edit", .text).notNull()
                t.column("updated_at", .double).notNull()
            }
        }
        m.registerMigration("v5-cast") { db in
            // The user's cast: subjects added or changed, with their reference images (a
            // CastEntry as JSON), laid over the planner's subjects on every plan.
            try db.create(table: "cast_entry") { t in
                t.primaryKey("subject", .text).notNull()
                t.column("entry", .text).notNull()
                t.column("updated_at", .double).notNull()
            }
        }
        m.registerMigration("v6-consent") { db in
            // The consent ledger: grants and revocations, appended, never changed.
            try db.create(table: "consent_event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("subject", .text).notNull()
                t.column("event", .text).notNull()
                t.column("at", .double).notNull()
            }
            try db.execute(sql: """
                CREATE TRIGGER consent_event_append_only_update BEFORE UPDATE ON consent_event
                BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;
                CREATE TRIGGER consent_event_append_only_delete BEFORE DELETE ON consent_event
                BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;
                """)
        }
        m.registerMigration("v7-take-shows") { db in
            // The real people a take's request carried the likeness of (a JSON array of ids).
            try db.alter(table: "take") { t in t.add(column: "shows", .text) }
        }
        m.registerMigration("v8-keyframes") { db in
            // Keyframe candidates: stills from image models, numbered apart from video takes,
            // with the same columns; and the keyframe of each shot its video takes start from.
            try db.create(table: "keyframe") { t in
                t.primaryKey("id", .text).notNull()
                t.column("shot", .text).notNull().references("shot", column: "id")
                t.column("number", .integer).notNull().check { $0 > 0 }
                t.column("provider", .text).notNull()
                t.column("model", .text).notNull()
                t.column("seed", .text).notNull()
                t.column("fingerprint", .text).notNull()
                t.column("node", .text).notNull()
                t.column("created_at", .double).notNull()
                t.column("generated_ms", .integer)
                t.column("fit", .text)
                t.column("shows", .text)
                t.uniqueKey(["shot", "number"])
            }
            try db.create(index: "keyframe_shot", on: "keyframe", columns: ["shot"])
            try db.create(table: "keyframe_pick") { t in
                t.primaryKey("shot", .text).notNull().references("shot", column: "id")
                t.column("take", .text).notNull().references("keyframe", column: "id")
                t.column("picked_at", .double).notNull()
            }
        }
        m.registerMigration("v9-review") { db in
            // Review notes on frames of takes (or on shots); the notes each take's request
            // carried (a JSON array of note ids); picks made by `pick --auto` rather than a person.
            try db.create(table: "note") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("shot", .text).notNull().references("shot", column: "id")
                t.column("take", .text).references("take", column: "id")
                t.column("at_ms", .integer).check { $0 >= 0 }
                t.column("box", .text)
                t.column("text", .text).notNull().check { length($0) > 0 }
                t.column("author", .text)
                t.column("created_at", .double).notNull()
            }
            try db.create(index: "note_shot", on: "note", columns: ["shot"])
            for table in ["take", "keyframe"] {
                try db.alter(table: table) { t in t.add(column: "notes", .text) }
            }
            for table in ["pick", "keyframe_pick"] {
                try db.alter(table: table) { t in t.add(column: "auto", .boolean).notNull().defaults(to: false) }
            }
        }
        m.registerMigration("v10-note-withdrawn") { db in
            // A note withdrawn stays, with when and by whom; later takes do not carry it.
            try db.alter(table: "note") { t in
                t.add(column: "withdrawn_at", .double)
                t.add(column: "withdrawn_by", .text)
            }
        }
        m.registerMigration("v11-take-inputs") { db in
            // The pictures each take's and keyframe's request carried (a JSON array of TakeInput).
            for table in ["take", "keyframe"] {
                try db.alter(table: table) { t in t.add(column: "inputs", .text) }
            }
        }
        return m
    }

    /// Every migration this version knows; a database with others is from a newer Reel.
    static let known: Set<String> = ["v1-jobs", "v2-project", "v3-take-fit", "v4-shot-edit", "v5-cast", "v6-consent", "v7-take-shows", "v8-keyframes", "v9-review",
                                     "v10-note-withdrawn", "v11-take-inputs"]
}
