#include "controller/schema.h"

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
  };
  return list;
}

}  // namespace controller
