package transit

import (
	"bytes"
	"errors"
	"os"
	"testing"
	"testing/fstest"
)

// FuzzTable feeds arbitrary bytes to the GTFS CSV reader: it must never
// panic, and every error must be a *FeedError naming the file and a line.
func FuzzTable(f *testing.F) {
	for _, name := range []string{"stops.txt", "stop_times.txt", "frequencies.txt", "routes.txt"} {
		data, err := os.ReadFile("../assets/data/gtfs-sample-feed/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("a,b\n\"x\"\"y\",2\r\n3"))
	f.Add([]byte("\xEF\xBB\xBFa,a\n"))
	f.Add([]byte("a,\"b\n1,2"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := newTable("x.txt", bytes.NewReader(data), "a")
		for err == nil {
			var ok bool
			ok, err = tb.next()
			if !ok {
				break
			}
			_ = tb.get("a")
		}
		var fe *FeedError
		if err != nil && (!errors.As(err, &fe) || fe.File != "x.txt" || fe.Line < 0) {
			t.Fatalf("error %v is not a FeedError about x.txt", err)
		}
	})
}

// FuzzLoadStopTimes replaces the example feed's stop_times.txt with
// arbitrary bytes: the importer must either load a consistent feed or say
// which file and line are wrong.
func FuzzLoadStopTimes(f *testing.F) {
	dir := "../assets/data/gtfs-sample-feed/"
	files := fstest.MapFS{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(dir + e.Name())
		if err != nil {
			f.Fatal(err)
		}
		files[e.Name()] = &fstest.MapFile{Data: data}
	}
	f.Add(files["stop_times.txt"].Data)
	f.Add([]byte("trip_id,arrival_time,departure_time,stop_id,stop_sequence\nSTBA,6:00:00,,STAGECOACH,1\nSTBA,,6:20:00,BEATTY_AIRPORT,2"))
	f.Add([]byte("trip_id,arrival_time,departure_time,stop_id,stop_sequence\nSTBA,47:59:59,47:59:59,STAGECOACH,1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m := fstest.MapFS{}
		for k, v := range files {
			m[k] = v
		}
		m["stop_times.txt"] = &fstest.MapFile{Data: data}
		feed, err := Load(m)
		if err != nil {
			var fe *FeedError
			if !errors.As(err, &fe) || fe.File == "" {
				t.Fatalf("error %v names no file", err)
			}
			return
		}
		for _, tr := range feed.Trips {
			for i := 1; i < len(tr.StopTimes); i++ {
				if tr.StopTimes[i].Arrival < tr.StopTimes[i-1].Departure {
					t.Fatalf("trip %s runs backwards after loading", tr.ID)
				}
			}
		}
	})
}
