package offline

import (
	"context"

	"jiangsupass/offline/search"
)

// Search finds attractions, stations, hubs, places, service halls and
// service items by hanzi, pinyin, pinyin initials and their names in
// other languages, as search.Index.Search ranks them. The index is
// brought up to date with the store first; that is not cancelled with
// ctx, since the next query would only start it again. Every statement of
// the query itself stops when ctx is cancelled (a newer keystroke), and
// Search then returns ctx's error.
func (s *Store) Search(ctx context.Context, query string, opt search.Options) (search.Result, error) {
	if err := s.refreshSearch(context.WithoutCancel(ctx)); err != nil {
		q, cut := search.BoundQuery(query)
		return search.Result{Query: q, Truncated: cut}, err
	}
	return search.NewIndex(s.db).Search(ctx, query, opt)
}
