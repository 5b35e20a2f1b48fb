package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the SQLite driver FerretDB itself is built with
)

// idLookupIndexes keeps, on every collection table of the SQLite data directory, an index on
// the expression FerretDB v1.24's SQLite backend looks documents up by.
//
// FerretDB creates each collection's `_id` index on `_ferretdb_sjson->"_id"`, but a find,
// update or upsert by `_id` asks for `_ferretdb_sjson->'$._id' = ?`. SQLite matches index
// expressions as written, so that lookup never uses the index (EXPLAIN QUERY PLAN: SCAN):
// every write by `_id` reads the whole table, and a table of 20,000 read-model documents
// costs about 100 ms per update. The index added here has exactly the looked-up expression,
// which turns the scan into an index search (SEARCH … USING INDEX). It is an ordinary SQLite
// index beside FerretDB's own: FerretDB neither lists nor needs it, and it goes with its
// table when a collection is dropped.
//
// Collections appear while FerretDB runs, so the data directory is looked at again every few
// seconds; only missing indexes are created (reads only otherwise, which WAL never blocks).
// FerretDB's pooled connections take a new index into account from their next write on.
func idLookupIndexes(ctx context.Context, sqliteURL string, every time.Duration, logger *slog.Logger) {
	dir, err := dataDir(sqliteURL)
	if err != nil {
		logger.Warn("no _id lookup indexes", "error", err)
		return
	}
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		for _, file := range files {
			if err := indexFile(ctx, file, logger); err != nil && ctx.Err() == nil {
				logger.Warn("_id lookup index", "file", file, "error", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}

// dataDir is the directory of a FerretDB SQLite URL such as "file:.data/ferretdb/".
func dataDir(sqliteURL string) (string, error) {
	u, err := url.Parse(sqliteURL)
	if err != nil {
		return "", err
	}
	dir := u.Opaque
	if dir == "" {
		dir = u.Path
	}
	if dir == "" {
		return "", fmt.Errorf("no directory in %q", sqliteURL)
	}
	return dir, nil
}

// indexFile opens one database file for this pass only (a dropped database's file is
// removed and may come back as a new file under the same name).
func indexFile(ctx context.Context, file string, logger *slog.Logger) error {
	if _, err := os.Stat(file); err != nil {
		return nil
	}
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()

	tables, err := strings1(ctx, db, `SELECT table_name FROM _ferretdb_collections`)
	if err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return nil // a database file FerretDB is still creating
		}
		return err
	}
	existing, err := strings1(ctx, db, `SELECT name FROM sqlite_master WHERE type = 'index'`)
	if err != nil {
		return err
	}
	have := make(map[string]bool, len(existing))
	for _, name := range existing {
		have[name] = true
	}
	for _, table := range tables {
		name := table + "__id_lookup"
		if have[name] {
			continue
		}
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, name, table)
		if _, err := db.ExecContext(ctx, q); err != nil {
			if strings.Contains(err.Error(), "no such table") {
				continue // dropped meanwhile
			}
			return err
		}
		logger.Debug("_id lookup index created", "file", filepath.Base(file), "table", table)
	}
	return nil
}

func strings1(ctx context.Context, db *sql.DB, query string) ([]string, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
