package offline

import (
	"context"

	"jiangsupass/transit"
)

// TransitInput returns the metro lines and stations in the form the
// journey planner builds its estimated network from.
func (s *Store) TransitInput(ctx context.Context) ([]transit.MetroLine, []transit.MetroStation, error) {
	lines, err := s.MetroLines(ctx, "")
	if err != nil {
		return nil, nil, err
	}
	stations, err := s.Stations(ctx, "")
	if err != nil {
		return nil, nil, err
	}
	tl := make([]transit.MetroLine, len(lines))
	for i, l := range lines {
		tl[i] = transit.MetroLine{ID: l.ID, City: l.City, Name: l.Name, Color: l.Color, StationIDs: l.StationIDs}
	}
	ts := make([]transit.MetroStation, len(stations))
	for i, st := range stations {
		ts[i] = transit.MetroStation{ID: st.ID, City: st.City, Name: st.Name, Point: st.Point}
	}
	return tl, ts, nil
}
