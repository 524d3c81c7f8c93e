#include "controller/core/schema.h"

namespace controller {

const std::vector<hall::Migration>& migrations() {
  static const std::vector<hall::Migration> list = {
      {1, R"sql(
        -- Small facts the controller keeps between runs (e.g. CHP sequence).
        CREATE TABLE meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
        -- The hall itself: exactly one row.
        CREATE TABLE hall (
          id         INTEGER PRIMARY KEY CHECK (id = 1),
          name       TEXT NOT NULL,
          name_en    TEXT NOT NULL DEFAULT '',
          updated_at TEXT NOT NULL
        );
        -- Every screen, kiosk and console that has said hello.
        CREATE TABLE devices (
          id         TEXT PRIMARY KEY,
          kind       TEXT NOT NULL CHECK (kind IN ('signage', 'kiosk', 'console')),
          version    TEXT NOT NULL DEFAULT '',
          first_seen TEXT NOT NULL,
          last_seen  TEXT NOT NULL
        );
      )sql"},
      {2, R"sql(
        -- Content (issue 3): what the screens show. Replaced as a whole by
        -- content.import in one transaction; see docs/content.md. List
        -- fields (items, steps, materials, boards, days) hold JSON arrays.
        ALTER TABLE hall ADD COLUMN logo TEXT NOT NULL DEFAULT '';  -- media sha256 or ''
        -- Photos and the logo, stored once by the SHA-256 of their bytes.
        CREATE TABLE media (
          sha256 TEXT PRIMARY KEY,
          name   TEXT NOT NULL UNIQUE,  -- file name under photos/ on export
          bytes  BLOB NOT NULL
        );
        CREATE TABLE content_departments (
          id      TEXT PRIMARY KEY,
          name    TEXT NOT NULL,
          name_en TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE content_windows (
          number     INTEGER PRIMARY KEY,
          name       TEXT NOT NULL,
          name_en    TEXT NOT NULL DEFAULT '',
          department TEXT NOT NULL DEFAULT '',
          items      TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE content_staff (
          id         TEXT PRIMARY KEY,
          name       TEXT NOT NULL,
          photo      TEXT NOT NULL DEFAULT '',
          post       TEXT NOT NULL DEFAULT '',
          member     INTEGER NOT NULL DEFAULT 0,
          badge      TEXT NOT NULL DEFAULT '',
          zone       TEXT NOT NULL DEFAULT '',
          "window"   INTEGER NOT NULL DEFAULT 0,
          department TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE content_standards (
          id          TEXT PRIMARY KEY,
          name        TEXT NOT NULL,
          department  TEXT NOT NULL DEFAULT '',
          steps       TEXT NOT NULL DEFAULT '[]',
          materials   TEXT NOT NULL DEFAULT '[]',
          time_limit  TEXT NOT NULL DEFAULT '',
          fee         TEXT NOT NULL DEFAULT '',
          legal_basis TEXT NOT NULL DEFAULT '',
          phone       TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE content_pledges (
          id    TEXT PRIMARY KEY,
          scope TEXT NOT NULL CHECK (scope IN ('unit', 'personal')),
          staff TEXT NOT NULL DEFAULT '',
          title TEXT NOT NULL,
          text  TEXT NOT NULL
        );
        -- Ticker notices (from notices.toml or hallctl notice post).
        CREATE TABLE content_notices (
          id    TEXT PRIMARY KEY,
          text  TEXT NOT NULL,
          until TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE content_screens (
          id          TEXT PRIMARY KEY,
          name        TEXT NOT NULL,
          "group"     TEXT NOT NULL,
          orientation TEXT NOT NULL CHECK (orientation IN ('landscape', 'portrait'))
        );
        CREATE TABLE content_playlists (
          "group" TEXT PRIMARY KEY,
          boards  TEXT NOT NULL,
          open    TEXT NOT NULL,
          close   TEXT NOT NULL,
          days    TEXT NOT NULL,
          outside TEXT NOT NULL
        );
        -- The one urgent notice that takes over every screen until cleared.
        -- Operational state: content.import leaves it alone.
        CREATE TABLE urgent_notice (
          id    INTEGER PRIMARY KEY CHECK (id = 1),
          text  TEXT NOT NULL,
          since TEXT NOT NULL,
          until TEXT NOT NULL DEFAULT ''
        );
        -- The last screen.status report of each screen.
        CREATE TABLE screen_status (
          device_id     TEXT PRIMARY KEY,
          "group"       TEXT NOT NULL,
          board         TEXT NOT NULL,
          sequence      INTEGER NOT NULL,
          uptime_s      INTEGER NOT NULL,
          frame_ms      REAL NOT NULL,
          rss_kb        INTEGER NOT NULL,
          offline_since TEXT NOT NULL,
          last_seen     TEXT NOT NULL,   -- ISO time
          last_seen_ms  INTEGER NOT NULL -- epoch ms, for the online test
        );
      )sql"},
      // Queue tickets, evaluations and the upstream outbox (issue 4).
      {3, R"sql(
        -- Queue tickets as the queue link sees them (docs/queue-api.md). A
        -- ticket number is unique per issuing day. Times are ISO text for
        -- people plus epoch milliseconds for arithmetic.
        CREATE TABLE tickets (
          id                INTEGER PRIMARY KEY,
          number            TEXT NOT NULL,
          day               TEXT NOT NULL,
          service_item_id   TEXT NOT NULL DEFAULT '',
          service_item_name TEXT NOT NULL DEFAULT '',
          window_number     INTEGER NOT NULL DEFAULT 0,
          window_name       TEXT NOT NULL DEFAULT '',
          staff_id          TEXT NOT NULL DEFAULT '',
          staff_name        TEXT NOT NULL DEFAULT '',
          state             TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'finished', 'no_show')),
          created_at        TEXT NOT NULL,
          created_ms        INTEGER NOT NULL,
          called_at         TEXT,
          called_ms         INTEGER,
          last_called_ms    INTEGER,
          finished_at       TEXT,
          finished_ms       INTEGER,
          wait_s            INTEGER,
          service_s         INTEGER,
          recalls           INTEGER NOT NULL DEFAULT 0,
          transfers         INTEGER NOT NULL DEFAULT 0,
          updated_at        TEXT NOT NULL,
          UNIQUE (number, day)
        );
        CREATE INDEX tickets_by_number ON tickets(number, created_ms);
        CREATE INDEX tickets_by_call ON tickets(last_called_ms);
        -- Citizens' ratings (群众评议), one per ticket, idempotent by uuid.
        CREATE TABLE evaluations (
          id                INTEGER PRIMARY KEY,
          uuid              TEXT NOT NULL UNIQUE,
          ticket_id         INTEGER NOT NULL UNIQUE REFERENCES tickets(id),
          ticket            TEXT NOT NULL,
          service_item_id   TEXT NOT NULL,
          service_item_name TEXT NOT NULL,
          window_number     INTEGER NOT NULL,
          window_name       TEXT NOT NULL,
          staff_id          TEXT NOT NULL,
          staff_name        TEXT NOT NULL,
          score             INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
          reasons           TEXT NOT NULL DEFAULT '[]',
          phone             TEXT NOT NULL DEFAULT '',
          kiosk_id          TEXT NOT NULL,
          channel           TEXT NOT NULL DEFAULT 'kiosk',
          created_at        TEXT NOT NULL,
          created_ms        INTEGER NOT NULL,
          received_at       TEXT NOT NULL,
          received_ms       INTEGER NOT NULL,
          reported_at       TEXT
        );
        CREATE INDEX evaluations_by_kiosk ON evaluations(kiosk_id, created_ms);
        CREATE INDEX evaluations_by_received ON evaluations(received_ms);
        -- Evaluations still to be forwarded upstream (deleted once accepted).
        CREATE TABLE upstream_outbox (
          evaluation_id INTEGER PRIMARY KEY REFERENCES evaluations(id),
          attempts      INTEGER NOT NULL DEFAULT 0,
          last_error    TEXT NOT NULL DEFAULT ''
        );
      )sql"},
      {4, R"sql(
        -- Bad-review cases (差评整改, issue 5): one per evaluation scored 1 or
        -- 2, opened by the cases service right after the evaluation commits
        -- (and at start for any such evaluation still without a case).
        CREATE TABLE cases (
          id              INTEGER PRIMARY KEY,
          evaluation_uuid TEXT NOT NULL UNIQUE,
          ticket          TEXT NOT NULL,
          window_number   INTEGER NOT NULL,
          window_name     TEXT NOT NULL DEFAULT '',
          staff_id        TEXT NOT NULL DEFAULT '',
          staff_name      TEXT NOT NULL DEFAULT '',
          score           INTEGER NOT NULL CHECK (score BETWEEN 1 AND 2),
          phone           TEXT NOT NULL DEFAULT '',  -- sealed since migration 9; masked in every reply and export
          opened_at       TEXT NOT NULL,             -- the rating's created_at
          deadline        TEXT NOT NULL,             -- YYYY-MM-DD, due by the end of that day
          state           TEXT NOT NULL CHECK (state IN ('open', 'verified', 'rejected', 'rectified',
                                                         'followed_up', 'closed')),
          reject_reason   TEXT NOT NULL DEFAULT '',
          action_taken    TEXT NOT NULL DEFAULT '',
          callback_result TEXT NOT NULL DEFAULT '',
          closed_at       TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX cases_by_state ON cases(state, deadline);
        -- Who changed what, when: one row per change (cases now; the console
        -- reuses it). subject names the thing ("case:12").
        CREATE TABLE audit (
          id         INTEGER PRIMARY KEY,
          at         TEXT NOT NULL,
          who        TEXT NOT NULL,
          subject    TEXT NOT NULL,
          what       TEXT NOT NULL,
          from_value TEXT NOT NULL DEFAULT '',
          to_value   TEXT NOT NULL DEFAULT '',
          note       TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX audit_by_subject ON audit(subject, id);
      )sql"},
      // Reviews besides citizen ratings (issue 5): peer reviews (党员互评),
      // leader reviews (领导点评) and skill-contest bonuses (比技能), entered
      // with hallctl review / bonus; the rankings service adds them to its
      // tally. Staff roles for who may enter which.
      {5, R"sql(
        -- JSON array of "staff", "leader", "manager" (content staff.toml roles).
        ALTER TABLE content_staff ADD COLUMN roles TEXT NOT NULL DEFAULT '[]';
        CREATE TABLE peer_reviews (
          id         INTEGER PRIMARY KEY,
          period     TEXT NOT NULL,  -- "2026-11"
          reviewer   TEXT NOT NULL,  -- staff id
          reviewee   TEXT NOT NULL,  -- staff id, same department
          skill      INTEGER NOT NULL CHECK (skill BETWEEN 1 AND 5),    -- 技能
          conduct    INTEGER NOT NULL CHECK (conduct BETWEEN 1 AND 5),  -- 作风
          results    INTEGER NOT NULL CHECK (results BETWEEN 1 AND 5),  -- 业绩
          comment    TEXT NOT NULL DEFAULT '',
          entered_at TEXT NOT NULL,
          UNIQUE (period, reviewer, reviewee)
        );
        CREATE TABLE leader_reviews (
          id           INTEGER PRIMARY KEY,
          period       TEXT NOT NULL,
          reviewer     TEXT NOT NULL,  -- staff id with the leader role
          kind         TEXT NOT NULL CHECK (kind IN ('集中', '个别', '随机', '现场')),
          subject_kind TEXT NOT NULL CHECK (subject_kind IN ('staff', 'window')),
          subject      TEXT NOT NULL,  -- staff id or window number as text
          score        INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
          comment      TEXT NOT NULL DEFAULT '',
          entered_at   TEXT NOT NULL
        );
        CREATE INDEX leader_reviews_by_period ON leader_reviews(period);
        CREATE TABLE contest_bonuses (
          id           INTEGER PRIMARY KEY,
          period       TEXT NOT NULL,
          subject_kind TEXT NOT NULL CHECK (subject_kind IN ('staff', 'window')),
          subject      TEXT NOT NULL,
          points_milli INTEGER NOT NULL CHECK (points_milli > 0),  -- thousandths of a point
          reason       TEXT NOT NULL,
          entered_by   TEXT NOT NULL,  -- staff id, leader or manager
          entered_at   TEXT NOT NULL
        );
        CREATE INDEX contest_bonuses_by_period ON contest_bonuses(period);
      )sql"},
      {6, R"sql(
        -- The press filter looks for a kiosk's ratings within a few seconds
        -- of created_ms. An index on (kiosk_id, created_ms) took an insert
        -- at one place per kiosk, i.e. a dirty page per kiosk in every group
        -- commit; ratings arrive roughly in created_ms order, so this one
        -- grows at its end and a range of a few seconds holds few rows.
        DROP INDEX evaluations_by_kiosk;
        CREATE INDEX evaluations_by_created ON evaluations(created_ms);
      )sql"},
      {7, R"sql(
        -- Hall time (issue 17): the hall's IANA time zone. '' in a store
        -- made before: the controller fills it from hall.timezone at start.
        ALTER TABLE hall ADD COLUMN timezone TEXT NOT NULL DEFAULT '';
      )sql"},
      // Trust (issue 11): the allow-list of CURVE keys, and an audit log
      // that is append-only and hash-chained (docs/security.md).
      {8, R"sql(
        CREATE TABLE keys (
          id          INTEGER PRIMARY KEY,
          name        TEXT NOT NULL,         -- device id, staff id or operator
          public_key  TEXT NOT NULL UNIQUE,  -- Z85; a revoked key is never taken back
          role        TEXT NOT NULL CHECK (role IN ('screen', 'kiosk', 'admin', 'manager', 'leader',
                                                    'staff', 'viewer')),
          staff_id    TEXT NOT NULL DEFAULT '',
          enrolled_by TEXT NOT NULL,
          enrolled_at TEXT NOT NULL,
          revoked_at  TEXT NOT NULL DEFAULT ''
        );
        CREATE UNIQUE INDEX keys_valid_name ON keys(name) WHERE revoked_at = '';
        -- Each row's hash covers the previous row's hash and its own fields
        -- (controller/core/audit.cpp); rows written before this migration are
        -- chained at the next start.
        ALTER TABLE audit ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
        ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit WHEN OLD.hash <> ''
          BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
          BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      )sql"},
      // Privacy (issue 11): callback numbers are sealed at rest
      // (controller/evaluations/phone_vault.h). `phone` holds "sb1:..." or
      // '' (none given, or purged); phone_masked (138****5678) serves lists
      // and reports without opening it. The controller seals the numbers
      // already stored right after this migration (it needs the key file).
      {9, R"sql(
        ALTER TABLE evaluations ADD COLUMN phone_masked TEXT NOT NULL DEFAULT '';
        ALTER TABLE cases ADD COLUMN phone_masked TEXT NOT NULL DEFAULT '';
      )sql"},
      // Drills (issue 12): damaged local data a device set aside at its start
      // (a kiosk's outbox, a screen's cache), as its hello said, and when the
      // controller first heard of it; hallctl status lists it for a week.
      {10, R"sql(
        ALTER TABLE devices ADD COLUMN set_aside TEXT NOT NULL DEFAULT '';
        ALTER TABLE devices ADD COLUMN set_aside_at TEXT NOT NULL DEFAULT '';
      )sql"},
      // Rankings (issue 14): a contest bonus entered by mistake is withdrawn,
      // never deleted: it stays listed, marked, and stops counting.
      {11, R"sql(
        ALTER TABLE contest_bonuses ADD COLUMN withdrawn_at TEXT NOT NULL DEFAULT '';
        ALTER TABLE contest_bonuses ADD COLUMN withdrawn_by TEXT NOT NULL DEFAULT '';
        ALTER TABLE contest_bonuses ADD COLUMN withdraw_reason TEXT NOT NULL DEFAULT '';
      )sql"},
      // Casework (issue 14): a case's owner (承办人), the callback's own
      // deadline once rectified, and the reason of a manager's override when
      // a case is closed after a 不满意 callback.
      {12, R"sql(
        ALTER TABLE cases ADD COLUMN owner TEXT NOT NULL DEFAULT '';
        ALTER TABLE cases ADD COLUMN owner_name TEXT NOT NULL DEFAULT '';
        ALTER TABLE cases ADD COLUMN callback_deadline TEXT NOT NULL DEFAULT '';
        ALTER TABLE cases ADD COLUMN close_note TEXT NOT NULL DEFAULT '';
      )sql"},
      // Upstream (issue 14): standards carry the province's 事项编码 and
      // 版本 for upstream records; a closed bad-review case waits in
      // upstream_case_outbox for its 整改 record, and cases.reported_at says
      // it was accepted (evaluations.reported_at does so for ratings), so
      // hallctl upstream backfill sends nothing twice.
      {13, R"sql(
        ALTER TABLE content_standards ADD COLUMN code TEXT NOT NULL DEFAULT '';
        ALTER TABLE content_standards ADD COLUMN version TEXT NOT NULL DEFAULT '';
        ALTER TABLE cases ADD COLUMN reported_at TEXT NOT NULL DEFAULT '';
        CREATE TABLE upstream_case_outbox (
          case_id    INTEGER PRIMARY KEY REFERENCES cases(id),
          attempts   INTEGER NOT NULL DEFAULT 0,
          last_error TEXT NOT NULL DEFAULT ''
        );
      )sql"},
  };
  return list;
}

}  // namespace controller
