package screens

import (
	"regexp"
	"strings"
)

// dataSource is a source of the data that the rows it provided name in
// their source field (a repository reference, for whoever maintains the
// data): how the app names it to users, as assets/data/SOURCES.md does.
type dataSource struct {
	match   string // what the rows' source field contains
	what    string // message id of what it provided
	name    string // the project's name, as users see it
	asOf    string // the date of its data
	licence string
}

// dataSources are the sources whose rows reach users with a source field.
var dataSources = []dataSource{
	{match: "HelloWorldFFC/pursuitPro", what: "AttrScenic", name: "pursuitPro", asOf: "2021-01", licence: "MIT"},
}

// repositoryRef matches a repository reference such as
// "owner/name@0c86cc0": for maintainers, not for users.
var repositoryRef = regexp.MustCompile(`[\w.-]+/[\w.-]+@[0-9a-f]{6,40}`)

// sourceAttribution is the line that says where a row's data came from,
// in words: the source's name, the date of its data and its licence, never
// the repository reference the data carries (About lists the sources with
// their repositories). A source the app does not know is quoted, unless it
// is such a reference.
func sourceAttribution(env *Env, source string) string {
	for _, s := range dataSources {
		if strings.Contains(source, s.match) {
			return env.L.Tf("AttractionSourceNamed", map[string]any{"What": env.T(s.what), "Name": s.name,
				"AsOf": s.asOf, "Licence": s.licence})
		}
	}
	if source == "" || repositoryRef.MatchString(source) {
		return env.T("AttractionSourceAbout")
	}
	return env.L.Tf("AttractionSource", map[string]any{"Source": source})
}
