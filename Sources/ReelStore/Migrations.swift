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
        return m
    }

    /// Every migration this version knows; a database with others is from a newer Reel.
    static let known: Set<String> = ["v1-jobs"]
}
