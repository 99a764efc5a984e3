package offline

import (
	"fmt"
	"strings"
)

// upsertSQL makes an INSERT that updates every non-key column of an
// existing row with the same key: how both the seed import (seed.go) and
// a sync page (sync_apply.go) write a replica table's rows, so that a row
// from either is replaced whole by the next that has its key.
func upsertSQL(table string, key string, cols ...string) string {
	var set []string
	for _, c := range cols {
		if c != key {
			set = append(set, c+" = excluded."+c)
		}
	}
	return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT (%s) DO UPDATE SET %s",
		table, strings.Join(cols, ", "), strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", "),
		key, strings.Join(set, ", "))
}
