import Foundation
import PostgresNIO
import ReelModel

/// The studio database's schema: an append-only list of migrations, each a list of
/// statements written with table and column names (never app types). Every project-owned
/// table has a `project` column first; times are seconds since 1970 (as in a project's
/// SQLite file, so a project moves between the two unchanged).
enum PostgresMigrations {
    static let all: [(id: String, statements: [String])] = [
        ("v1-studio", [
            "CREATE TABLE project (id text PRIMARY KEY, created_at double precision NOT NULL)",
            """
            CREATE TABLE asset (digest text PRIMARY KEY, media_type text NOT NULL,
                byte_count bigint NOT NULL CHECK (byte_count >= 0), media text, created_at double precision NOT NULL)
            """,
            """
            CREATE TABLE job (
                project text NOT NULL REFERENCES project(id), key text NOT NULL, node text NOT NULL, kind text NOT NULL,
                provider text NOT NULL, model text NOT NULL, shot text,
                state text NOT NULL CHECK (state IN ('pending','submitted','running','succeeded','failed','cancelled')),
                detail text NOT NULL, provider_job_id text, output_digest text REFERENCES asset(digest),
                attempts integer NOT NULL DEFAULT 0, resubmits integer NOT NULL DEFAULT 0, failure_reason text,
                cost_micros bigint, cost_currency text, estimate_micros bigint, estimate_currency text,
                created_at double precision NOT NULL, updated_at double precision NOT NULL,
                PRIMARY KEY (project, key))
            """,
            "CREATE INDEX job_node ON job (project, node, updated_at DESC)",
            "CREATE INDEX job_state ON job (project, state)",
            """
            CREATE TABLE job_event (id bigserial PRIMARY KEY, project text NOT NULL, key text NOT NULL, state text NOT NULL,
                detail text NOT NULL, at double precision NOT NULL,
                FOREIGN KEY (project, key) REFERENCES job (project, key) ON DELETE CASCADE)
            """,
            "CREATE INDEX job_event_key ON job_event (project, key)",
            """
            CREATE TABLE storyboard (project text PRIMARY KEY REFERENCES project(id), document text NOT NULL,
                script_digest text, updated_at double precision NOT NULL)
            """,
            """
            CREATE TABLE shot (project text NOT NULL REFERENCES project(id), id text NOT NULL, scene text NOT NULL,
                position integer, fingerprint text NOT NULL, document text NOT NULL, retired boolean NOT NULL DEFAULT false,
                updated_at double precision NOT NULL, PRIMARY KEY (project, id))
            """,
        ] + ["take", "keyframe"].flatMap { table in [
            """
            CREATE TABLE \(table) (project text NOT NULL, id text NOT NULL, shot text NOT NULL, number integer NOT NULL CHECK (number > 0),
                provider text NOT NULL, model text NOT NULL, seed text NOT NULL, fingerprint text NOT NULL, node text NOT NULL,
                created_at double precision NOT NULL, generated_ms bigint, fit text, shows text, notes text,
                PRIMARY KEY (project, id), UNIQUE (project, shot, number),
                FOREIGN KEY (project, shot) REFERENCES shot (project, id))
            """,
            """
            CREATE TABLE \(table == "take" ? "pick" : "keyframe_pick") (project text NOT NULL, shot text NOT NULL, take text NOT NULL,
                picked_at double precision NOT NULL, auto boolean NOT NULL DEFAULT false, PRIMARY KEY (project, shot),
                FOREIGN KEY (project, shot) REFERENCES shot (project, id), FOREIGN KEY (project, take) REFERENCES \(table) (project, id))
            """,
        ] } + [
            """
            CREATE TABLE ledger (id bigserial PRIMARY KEY, project text NOT NULL, job text NOT NULL, provider text NOT NULL,
                micros bigint NOT NULL, currency text NOT NULL, at double precision NOT NULL,
                FOREIGN KEY (project, job) REFERENCES job (project, key))
            """,
            "CREATE INDEX ledger_project ON ledger (project)",
            """
            CREATE TABLE run (id bigserial PRIMARY KEY, project text NOT NULL REFERENCES project(id), command text NOT NULL,
                started_at double precision NOT NULL, finished_at double precision, total integer NOT NULL DEFAULT 0,
                ran integer NOT NULL DEFAULT 0, cached integer NOT NULL DEFAULT 0, failed integer NOT NULL DEFAULT 0)
            """,
            """
            CREATE TABLE shot_edit (project text NOT NULL REFERENCES project(id), shot text NOT NULL, edit text NOT NULL,
                updated_at double precision NOT NULL, PRIMARY KEY (project, shot))
            """,
            """
            CREATE TABLE cast_entry (project text NOT NULL REFERENCES project(id), subject text NOT NULL, entry text NOT NULL,
                updated_at double precision NOT NULL, PRIMARY KEY (project, subject))
            """,
            """
            CREATE TABLE consent_event (id bigserial PRIMARY KEY, project text NOT NULL REFERENCES project(id),
                subject text NOT NULL, event text NOT NULL, at double precision NOT NULL)
            """,
            """
            CREATE FUNCTION consent_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the consent ledger is append-only'; END $$
            """,
            """
            CREATE TRIGGER consent_event_append_only BEFORE UPDATE OR DELETE ON consent_event
                FOR EACH STATEMENT EXECUTE FUNCTION consent_event_append_only()
            """,
            """
            CREATE TABLE note (id bigserial PRIMARY KEY, project text NOT NULL, shot text NOT NULL, take text,
                at_ms bigint CHECK (at_ms >= 0), box text, text text NOT NULL CHECK (length(text) > 0), author text,
                created_at double precision NOT NULL, withdrawn_at double precision, withdrawn_by text,
                FOREIGN KEY (project, shot) REFERENCES shot (project, id), FOREIGN KEY (project, take) REFERENCES take (project, id))
            """,
            "CREATE INDEX note_shot ON note (project, shot)",
        ]),
        // Workers (`reel worker`): the processes that take jobs, and the jobs runs hand them.
        ("v2-work", [
            """
            CREATE TABLE worker (id text PRIMARY KEY, name text NOT NULL, host text NOT NULL, pid integer NOT NULL,
                version text NOT NULL, kinds text[] NOT NULL, slots integer NOT NULL CHECK (slots > 0),
                lease double precision NOT NULL CHECK (lease > 0), started_at double precision NOT NULL,
                seen_at double precision NOT NULL, stopped_at double precision,
                done integer NOT NULL DEFAULT 0, failed integer NOT NULL DEFAULT 0, took_over integer NOT NULL DEFAULT 0)
            """,
            """
            CREATE TABLE work (project text NOT NULL REFERENCES project(id), key text NOT NULL, ticket text NOT NULL,
                kind text NOT NULL, provider text NOT NULL, version text NOT NULL, label text NOT NULL,
                job text NOT NULL, setup text NOT NULL,
                state text NOT NULL CHECK (state IN ('queued','claimed','done','failed','cancelled')),
                worker text, claims integer NOT NULL DEFAULT 0, lease_until double precision, progress double precision,
                refused_by text[] NOT NULL DEFAULT '{}', result text, queued_at double precision NOT NULL, updated_at double precision NOT NULL,
                PRIMARY KEY (project, key))
            """,
            "CREATE INDEX work_waiting ON work (state, kind, queued_at)",
        ]),
        // One limit and one budget for the team; what a worker cannot run; whose media path it is.
        ("v3-team", [
            "ALTER TABLE work ADD COLUMN provider_limit integer CHECK (provider_limit > 0)",
            "CREATE INDEX work_ticket ON work (ticket)",
            "ALTER TABLE worker ADD COLUMN cannot_run text[] NOT NULL DEFAULT '{}'",
            // A provider that answered "too many requests": no worker sends it another job until then.
            "CREATE TABLE provider_pause (provider text PRIMARY KEY, until double precision NOT NULL)",
            // What the whole studio may spend, per currency (`reel budget`).
            "CREATE TABLE studio_budget (currency text PRIMARY KEY, cap_micros bigint NOT NULL CHECK (cap_micros >= 0), set_at double precision NOT NULL)",
            // The studio's identity, written into its media path: a machine whose shared volume is
            // not mounted there is told so instead of writing into an empty local folder.
            "CREATE TABLE studio (id text PRIMARY KEY, created_at double precision NOT NULL)",
            "INSERT INTO studio (id, created_at) VALUES (gen_random_uuid()::text, extract(epoch FROM clock_timestamp()))",
        ]),
        // A job queued or ended says so at once (NOTIFY reel_work, its new state): idle workers
        // and waiting runs listen, instead of finding out at their next look.
        ("v4-notify", [
            """
            CREATE FUNCTION work_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.state <> 'claimed' AND (TG_OP = 'INSERT' OR OLD.state IS DISTINCT FROM NEW.state OR NEW.state = 'queued') THEN
                    PERFORM pg_notify('reel_work', NEW.state);
                END IF;
                RETURN NULL;
            END $$
            """,
            "CREATE TRIGGER work_notify AFTER INSERT OR UPDATE OF state ON work FOR EACH ROW EXECUTE FUNCTION work_notify()",
        ]),
        // The ticket too (`done 5F2C…`): a run reads its rows when one of its own jobs ends,
        // not at every end in the studio.
        ("v5-notify-ticket", [
            """
            CREATE OR REPLACE FUNCTION work_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.state <> 'claimed' AND (TG_OP = 'INSERT' OR OLD.state IS DISTINCT FROM NEW.state OR NEW.state = 'queued') THEN
                    PERFORM pg_notify('reel_work', NEW.state || ' ' || NEW.ticket);
                END IF;
                RETURN NULL;
            END $$
            """,
        ]),
        // The pictures each take's and keyframe's request carried (a JSON array of TakeInput).
        ("v6-take-inputs", ["ALTER TABLE take ADD COLUMN inputs text", "ALTER TABLE keyframe ADD COLUMN inputs text"]),
        // A claim in one round trip that reads only what it may take: each provider's oldest
        // queued jobs up to its free slots (an index of the queued rows by provider and age),
        // not every queued row ranked. The lock is taken inside, and each statement of a
        // plpgsql function sees what was committed before it: claims are counted one at a time.
        ("v7-claim", [
            "CREATE INDEX work_queued ON work (provider, queued_at) WHERE state = 'queued'",
            "CREATE INDEX work_queued_limit ON work (provider, provider_limit DESC NULLS LAST) WHERE state = 'queued'",
            // A claimed job whose provider is done and whose result is downloading: it no longer
            // takes one of the provider's slots (as in a run on one machine).
            "ALTER TABLE work ADD COLUMN fetching boolean NOT NULL DEFAULT false",
            """
            CREATE FUNCTION claim_work(claimer text, wanted integer, for_version text, for_kinds text[], skipping text[], lease double precision)
            RETURNS TABLE (project text, ticket text, claims integer, job text, setup text, was text)
            LANGUAGE plpgsql AS $$
            #variable_conflict use_column
            DECLARE
                moment double precision;
            BEGIN
                -- `CLAIM` in ASCII: claimers take turns, so two never both see a provider's last free slot.
                PERFORM pg_advisory_xact_lock(289042155853);
                moment := extract(epoch FROM clock_timestamp());
                RETURN QUERY
                WITH busy AS (
                    -- Every claim counts, a dead worker's too (its provider job may still be running),
                    -- except those only downloading what their provider made.
                    SELECT w.provider, count(*) AS n FROM work w WHERE w.state = 'claimed' AND NOT w.fetching GROUP BY w.provider),
                providers AS (
                    SELECT DISTINCT w.provider FROM work w WHERE w.state = 'queued'),
                free AS (
                    -- One limit per provider for the whole studio: the largest any queued job asks for.
                    SELECT p.provider, CASE WHEN l.provider_limit IS NULL THEN wanted
                                            ELSE least(wanted, greatest(l.provider_limit - coalesce(b.n, 0), 0)) END AS slots
                    FROM providers p
                    CROSS JOIN LATERAL (SELECT w.provider_limit FROM work w WHERE w.state = 'queued' AND w.provider = p.provider
                                        ORDER BY w.provider_limit DESC NULLS LAST LIMIT 1) l
                    LEFT JOIN busy b ON b.provider = p.provider
                    WHERE NOT EXISTS (SELECT 1 FROM provider_pause x WHERE x.provider = p.provider AND x.until > moment)),
                candidates AS (
                    -- Each provider's oldest queued jobs up to its free slots...
                    SELECT q.project, q.key, 'queued'::text AS was, q.queued_at
                    FROM free f CROSS JOIN LATERAL (
                        SELECT w.project, w.key, w.queued_at FROM work w
                        WHERE w.state = 'queued' AND w.provider = f.provider AND w.version = for_version
                          AND (cardinality(for_kinds) = 0 OR w.kind = ANY(for_kinds))
                          AND NOT ((w.project || '|' || w.provider) = ANY(skipping))
                        ORDER BY w.queued_at LIMIT f.slots) q
                    UNION ALL
                    -- ...and jobs whose worker's lease ran out: counted already (their provider job
                    -- may be running), so always admitted.
                    SELECT w.project, w.key, 'claimed'::text, w.queued_at FROM work w
                    WHERE w.state = 'claimed' AND w.lease_until < moment AND w.worker IS DISTINCT FROM claimer
                      AND w.version = for_version AND (cardinality(for_kinds) = 0 OR w.kind = ANY(for_kinds))
                      AND NOT ((w.project || '|' || w.provider) = ANY(skipping))
                      AND NOT EXISTS (SELECT 1 FROM provider_pause x WHERE x.provider = w.provider AND x.until > moment)),
                picked AS (
                    SELECT c.project, c.key, c.was FROM candidates c ORDER BY c.queued_at LIMIT wanted)
                UPDATE work SET state = 'claimed', worker = claimer, claims = work.claims + 1, progress = NULL, fetching = false,
                    lease_until = moment + lease, updated_at = moment
                FROM picked WHERE work.project = picked.project AND work.key = picked.key
                  AND (work.state = 'queued' OR (work.state = 'claimed' AND work.lease_until < moment))
                RETURNING work.project, work.ticket, work.claims, work.job, work.setup, picked.was;
            END $$
            """,
        ]),
    ]

    /// Every migration this version knows; a database with others is from a newer Reel.
    static var known: Set<String> { Set(all.map(\.id)) }

    /// `REEL` in ASCII: the advisory lock migrations run under, so two processes starting
    /// together do not both apply one.
    static let lockID: Int64 = 0x5245_454C

    /// Brings the schema up to date in one transaction, or refuses a newer one untouched.
    static func migrate(on connection: PostgresConnection, location: String, logger: Logger) async throws {
        do {
            try await connection.withTransaction(logger: logger) { connection in try await migrate(connection, location: location, logger: logger) }
        } catch let error as PostgresTransactionError {
            if let reel = error.closureError as? ReelError { throw reel }
            throw ReelError(.cannotWrite, "cannot bring the studio database's schema up to date: \(StudioDatabase.said(error.closureError ?? error.commitError ?? error.beginError ?? error))",
                            at: location, hint: "nothing was changed; check that the user may create tables (and the schema reel) in this database")
        }
    }

    static func migrate(_ connection: PostgresConnection, location: String, logger: Logger) async throws {
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockID))", logger: logger)
            try await connection.query("CREATE SCHEMA IF NOT EXISTS reel", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS reel_migration (id text PRIMARY KEY, applied_at double precision NOT NULL)
                """, logger: logger)
            var applied: Set<String> = []
            for try await id in try await connection.query("SELECT id FROM reel_migration", logger: logger).decode(String.self) {
                applied.insert(id)
            }
            let unknown = applied.subtracting(known)
            if !unknown.isEmpty {
                throw ReelError(.configuration, "the studio database was written by a newer version of Reel (schema \(unknown.sorted().joined(separator: ", ")))",
                                at: location, hint: "nothing was changed; update Reel on this machine to the studio's version")
            }
            for migration in all where !applied.contains(migration.id) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO reel_migration (id, applied_at) VALUES (\(migration.id), \(Date().timeIntervalSince1970))",
                                           logger: logger)
            }
    }
}
