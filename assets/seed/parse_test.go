package seed

import (
	"errors"
	"strings"
	"testing"
)

// csvParsers are the seed CSV parsers, by file, for the table tests and
// the fuzz test.
var csvParsers = map[string]func(file string, data []byte) (int, error){
	FileDivisions: func(f string, b []byte) (int, error) { r, err := ParseDivisions(f, b); return len(r), err },
	FileTownships: func(f string, b []byte) (int, error) { r, err := ParseTownships(f, b); return len(r), err },
	FileAttractions: func(f string, b []byte) (int, error) {
		r, err := ParseAttractions(f, b)
		return len(r), err
	},
	FileStations:   func(f string, b []byte) (int, error) { r, err := ParseStations(f, b); return len(r), err },
	FileHubs:       func(f string, b []byte) (int, error) { r, err := ParseHubs(f, b); return len(r), err },
	FileServices:   func(f string, b []byte) (int, error) { r, err := ParseServices(f, b); return len(r), err },
	FileScenicI18n: func(f string, b []byte) (int, error) { r, err := ParseScenicI18n(f, b); return len(r), err },
	FileCitiesI18n: func(f string, b []byte) (int, error) { r, err := ParseCitiesI18n(f, b); return len(r), err },
}

const (
	divisionsHeader   = "code,name,level,kind,parent_code,city_name,in_gb2260\n"
	divisionsGood     = divisionsHeader + "320000,江苏省,province,省,,,true\n320100,南京市,prefecture,地级市,320000,南京市,true\n"
	attractionsHeader = "name,grade,year_rated,city,county,county_code,address,lon_wgs84,lat_wgs84,source\n"
	stationsHeader    = "id,city,name,pinyin,lines,lat_gcj02,lon_gcj02,lat_wgs84,lon_wgs84\n"
	hubsHeader        = "hub_name,type,city,metro_station,metro_lines,lat_wgs84,lon_wgs84,note\n"
	servicesHeader    = "audience,theme,item_name,provincial_department,usual_handling_level,notes\n"
)

func TestSeedParsersRejectBadRows(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             string // the error must contain this, after "seed <file> "
	}{
		{"empty file", FileDivisions, "", "the file is empty"},
		{"missing column", FileDivisions, "code,name\n320000,江苏省\n", `line 1: missing column "level"`},
		{"duplicate column", FileTownships, "code,code,name,county_code,city_code\n", `line 1: column "code" appears twice`},
		{"wrong field count", FileDivisions, divisionsGood + "320200,无锡市,prefecture\n", "line 4: wrong number of fields"},
		{"bare quote", FileDivisions, divisionsGood + "320200,\"无锡\"市,prefecture,地级市,320000,无锡市,true\n", "line 4:"},
		{"bad code", FileDivisions, divisionsGood + "32020,无锡市,prefecture,地级市,320000,无锡市,true\n", `line 4: code "32020" is not a 6-digit code`},
		{"unknown level", FileDivisions, divisionsGood + "320200,无锡市,city,地级市,320000,无锡市,true\n", `line 4: level "city"`},
		{"parent missing", FileDivisions, divisionsGood + "320205,锡山区,county,市辖区,320200,无锡市,true\n", `line 4: parent_code "320200" is not a prefecture`},
		{"bad bool", FileDivisions, divisionsGood + "320200,无锡市,prefecture,地级市,320000,无锡市,yes\n", `line 4: in_gb2260 "yes"`},
		{"duplicate division", FileDivisions, divisionsGood + "320100,南京市,prefecture,地级市,320000,南京市,true\n", "line 4: code 320100 appears twice"},
		{"empty name", FileDivisions, divisionsGood + "320200,,prefecture,地级市,320000,无锡市,true\n", "line 4: name is empty"},
		{"township code", FileTownships, "code,name,county_code,city_code\n32010200,梅园新村街道,320102,320100\n", "line 2: code \"32010200\" is not a 9-digit code"},
		{"year", FileAttractions, attractionsHeader + "周庄,5A,20o7,苏州市,昆山市,320583,地址,120.8,31.1,src\n", `line 2: year_rated: year "20o7"`},
		{"one coordinate", FileAttractions, attractionsHeader + "周庄,5A,2007,苏州市,昆山市,320583,地址,120.8,,src\n", "line 2: longitude and latitude must both be given"},
		{"latitude range", FileAttractions, attractionsHeader + "周庄,5A,2007,苏州市,昆山市,320583,地址,120.8,131.1,src\n", `line 2: latitude "131.1"`},
		{"NaN", FileAttractions, attractionsHeader + "周庄,5A,2007,苏州市,昆山市,320583,地址,NaN,31.1,src\n", `line 2: longitude "NaN"`},
		{"no source", FileAttractions, attractionsHeader + "周庄,5A,2007,苏州市,昆山市,320583,地址,120.8,31.1,\n", "line 2: source is empty"},
		{"duplicate area", FileAttractions, attractionsHeader + "周庄,5A,2007,苏州市,昆山市,320583,地址,120.8,31.1,src\n周庄,5A,2007,苏州市,昆山市,320583,地址,120.8,31.1,src\n", `line 3: name "周庄" appears twice`},
		{"station without lines", FileStations, stationsHeader + "nj-0,南京,八卦洲大桥南,baguazhou,|,32.1,118.8,32.1,118.8\n", "line 2: lines is empty"},
		{"station without position", FileStations, stationsHeader + "nj-0,南京,八卦洲大桥南,baguazhou,1号线,,,,\n", "line 2: station has no coordinates"},
		{"hub type", FileHubs, hubsHeader + "南京,train,南京,南京站,1号线,32.09,118.79,\n", `line 2: type "train" is not rail or air`},
		{"service without name", FileServices, servicesHeader + "个人,户籍,,江苏省公安厅,派出所,\n", "line 2: item_name is empty"},
		{"category", FileScenicI18n, "name,category\n周庄,Water Town\n", `line 2: category "Water Town"`},
		{"city code", FileCitiesI18n, "gb_code,name_en\n3201,Nanjing\n", `line 2: gb_code "3201"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := csvParsers[tt.file](tt.file, []byte(tt.data))
			if err == nil {
				t.Fatal("no error")
			}
			var se *Error
			if !errors.As(err, &se) || se.File != tt.file {
				t.Errorf("error %v does not name the file %s", err, tt.file)
			}
			if want := "seed " + tt.file; !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want %q then %q", err, want, tt.want)
			}
		})
	}
}

func TestSeedParsersAcceptGoodRows(t *testing.T) {
	rows, err := ParseDivisions(FileDivisions, []byte("\ufeff"+divisionsGood))
	if err != nil || len(rows) != 2 || rows[1].Parent != "320000" || !rows[1].InGB2260 {
		t.Fatalf("divisions with a BOM: %+v, %v", rows, err)
	}
	as, err := ParseAttractions(FileAttractions, []byte(attractionsHeader+
		"周庄,5A,2007,苏州市,昆山市,320583,\"苏州市昆山市周庄镇全福路, 1号\",120.847623,31.118163,src\n"+
		"连岛,5A,,连云港市,连云区,320703,连云港市连云区连岛,,,src\n"))
	if err != nil {
		t.Fatal(err)
	}
	if as[0].ID != "5a-001" || as[1].ID != "5a-002" || as[0].CityCode != "320500" || !as[0].HasPoint ||
		as[0].Point.Lon() != 120.847623 || as[0].Address != "苏州市昆山市周庄镇全福路, 1号" {
		t.Errorf("first area = %+v", as[0])
	}
	if as[1].HasPoint || as[1].Year != 0 {
		t.Errorf("area without a position or year = %+v", as[1])
	}
	svc, err := ParseServices(FileServices, []byte(servicesHeader+`个人,户籍,出生登记,江苏省公安厅,派出所,属"新生儿出生一件事"`+"\n"))
	if err != nil || svc[0].Notes != `属"新生儿出生一件事"` || svc[0].ID != 1 {
		t.Errorf("service with a bare quote: %+v, %v", svc, err)
	}
}

func TestParseMetroLines(t *testing.T) {
	good := `{"source": "test", "lines": [{"city": "南京", "city_key": "nj", "line": "1号线", "color": "#29abfb",
		"station_ids": ["nj-0", "nj-1"], "station_names": ["a", "b"]}]}`
	src, lines, err := ParseMetroLines(FileLines, []byte(good))
	if err != nil || src != "test" || len(lines) != 1 || lines[0].ID != "nj-1号线" || lines[0].Color != "#29ABFB" {
		t.Fatalf("good file: %q %+v %v", src, lines, err)
	}
	tests := []struct{ name, data, want string }{
		{"syntax", "{\n\"source\": \"x\",\n\"lines\": [,]}", "line 3:"},
		{"type", "{\n\"source\": \"x\",\n\"lines\": 7}", "line 3:"},
		{"no source", `{"lines": []}`, `"source" is empty`},
		{"no lines", `{"source": "x", "lines": []}`, `"lines" is empty`},
		{"colour", strings.Replace(good, "#29abfb", "blue", 1), `color "blue" is not #RRGGBB`},
		{"no stations", strings.Replace(good, `["nj-0", "nj-1"]`, `[]`, 1), "station_ids is empty"},
		{"names", strings.Replace(good, `["a", "b"]`, `["a"]`, 1), "1 station_names for 2 station_ids"},
		{"twice", strings.Replace(good, "}]}", `}, {"city": "南京", "city_key": "nj", "line": "1号线", "color": "#000000", "station_ids": ["x"]}]}`, 1), "line appears twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ParseMetroLines(FileLines, []byte(tt.data))
			if err == nil || !strings.HasPrefix(err.Error(), "seed "+FileLines) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

// FuzzSeedCSVParsers feeds arbitrary bytes to every seed CSV parser: none
// may panic, an error must name its file, and accepted rows must satisfy
// the checks the importer relies on.
func FuzzSeedCSVParsers(f *testing.F) {
	f.Add([]byte(divisionsGood))
	f.Add([]byte(attractionsHeader + "周庄,5A,2007,苏州市,昆山市,320583,地址,120.8,31.1,src\n"))
	f.Add([]byte(stationsHeader + "nj-0,南京,八卦洲大桥南,baguazhou,1号线|7号线,32.1,118.8,32.1,118.8\n"))
	f.Add([]byte(hubsHeader + "南京,rail,南京,南京站,1号线|3号线,32.09,118.79,\"note, with comma\"\n"))
	f.Add([]byte(servicesHeader + `个人,户籍,出生登记,江苏省公安厅,派出所,属"一件事"` + "\n"))
	f.Add([]byte("gb_code,name_en\n320100,Nanjing\n"))
	f.Add([]byte("name,category,desc_en\n周庄,water_town,\"A, b\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for file, parse := range csvParsers {
			n, err := parse(file, data)
			if err != nil {
				if !strings.HasPrefix(err.Error(), "seed "+file) {
					t.Errorf("%s: error %q does not name the file", file, err)
				}
				continue
			}
			if n < 0 {
				t.Errorf("%s: %d rows", file, n)
			}
		}
		if as, err := ParseAttractions(FileAttractions, data); err == nil {
			for _, a := range as {
				if a.Name == "" || a.Source == "" || len(a.CountyCode) != 6 || a.CityCode != a.CountyCode[:4]+"00" {
					t.Errorf("accepted attraction %+v", a)
				}
			}
		}
		if sts, err := ParseStations(FileStations, data); err == nil {
			for _, s := range sts {
				if s.ID == "" || len(s.Lines) == 0 || s.Point.Lat() < -90 || s.Point.Lat() > 90 {
					t.Errorf("accepted station %+v", s)
				}
			}
		}
	})
}
