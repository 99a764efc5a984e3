package transit

import "fmt"

// readPathways reads pathways.txt, the walkways inside stations. A row
// that names a stop not in stops.txt, or a station (pathways join
// platforms, entrances, nodes and boarding areas), is skipped with a
// warning.
func (l *loader) readPathways() error {
	t, err := l.open("pathways.txt", true, "pathway_id", "from_stop_id", "to_stop_id", "pathway_mode", "is_bidirectional")
	if err != nil || t == nil {
		return err
	}
	for {
		ok, err := t.next()
		if err != nil || !ok {
			return err
		}
		p := Pathway{ID: t.get("pathway_id"), From: t.get("from_stop_id"), To: t.get("to_stop_id")}
		if _, err := t.int("pathway_mode", 1, 7); err != nil {
			return err
		}
		bi, err := t.int("is_bidirectional", 0, 1)
		if err != nil {
			return err
		}
		p.Bidirectional = bi == 1
		if t.get("traversal_time") != "" {
			v, err := t.int("traversal_time", 0, 24*3600)
			if err != nil {
				return err
			}
			p.TraversalTime = Clock(v)
		}
		if t.get("length") != "" {
			if p.Length, err = t.float("length", 0, 100_000); err != nil {
				return err
			}
		}
		if msg := l.pathwayRefs(p); msg != "" {
			l.warn(t.file, t.line, msg+"; the row is skipped")
			continue
		}
		l.feed.Pathways = append(l.feed.Pathways, p)
	}
}

// pathwayRefs says what is wrong with the ends of a pathway, "" when
// nothing is.
func (l *loader) pathwayRefs(p Pathway) string {
	for _, id := range []string{p.From, p.To} {
		i, ok := l.stops[id]
		if !ok {
			return fmt.Sprintf("stop %q is not in stops.txt", id)
		}
		if l.feed.Stops[i].Kind == LocStation {
			return fmt.Sprintf("stop %q is a station, which a pathway cannot join", id)
		}
	}
	return ""
}
