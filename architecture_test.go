package main

import (
	"bufio"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// modulePath is the module's import path, as go.mod names it.
const modulePath = "jiangsupass"

// layerRule is one line of ARCHITECTURE.md's allowed-imports block: the
// module packages a package may import, and whether it may import Fyne.
type layerRule struct {
	allowed map[string]bool
	fyne    bool
}

// readLayerRules reads the allowed-imports block of ARCHITECTURE.md.
func readLayerRules(path string) (map[string]layerRule, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rules := map[string]layerRule{}
	in := false
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		switch {
		case text == "```allowed-imports":
			in = true
			continue
		case in && text == "```":
			return rules, nil
		case !in || text == "" || strings.HasPrefix(text, "#"):
			continue
		}
		cols := strings.Split(text, "|")
		if len(cols) != 3 {
			return nil, fmt.Errorf("%s:%d: want three columns separated by |", path, line)
		}
		pkg := strings.TrimSpace(cols[0])
		r := layerRule{allowed: map[string]bool{}}
		for _, dep := range strings.Fields(cols[1]) {
			r.allowed[dep] = true
		}
		switch strings.TrimSpace(cols[2]) {
		case "yes":
			r.fyne = true
		case "no":
		default:
			return nil, fmt.Errorf("%s:%d: the fyne column says yes or no", path, line)
		}
		if _, dup := rules[pkg]; dup {
			return nil, fmt.Errorf("%s:%d: %s is named twice", path, line, pkg)
		}
		rules[pkg] = r
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("%s: no closed allowed-imports block", path)
}

// packageImports lists, per package directory under root (as a path
// relative to the module, "" for the root), the imports of its non-test
// Go files. Directories that hold only tests, testdata and ignored
// folders are left out.
func packageImports(root string) (map[string][]string, error) {
	out := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || isIgnoredDir(root, path)) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == "." {
			rel = ""
		}
		for _, imp := range f.Imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				return err
			}
			out[rel] = append(out[rel], p)
		}
		if _, ok := out[rel]; !ok {
			out[rel] = nil
		}
		return nil
	})
	return out, err
}

// isIgnoredDir reports whether path is a folder the repository ignores
// for its own Go packages: build output and scratch space.
func isIgnoredDir(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return false
	}
	return slices.Contains([]string{"tmp", "dist", "snapshots", "e2e-shots"}, filepath.ToSlash(rel))
}

// layerViolations lists each import of imports that rules do not allow,
// each package rules do not name, and each rule for no package.
func layerViolations(rules map[string]layerRule, imports map[string][]string) []string {
	var out []string
	for dir, imps := range imports {
		name := dir
		if name == "" {
			name = modulePath
		}
		rule, ok := rules[name]
		if !ok {
			out = append(out, fmt.Sprintf("package %s has no line in ARCHITECTURE.md's allowed-imports block", name))
			continue
		}
		for _, imp := range imps {
			switch {
			case strings.HasPrefix(imp, "fyne.io/"):
				if !rule.fyne {
					out = append(out, fmt.Sprintf("%s imports %s: it is below the UI and must not import Fyne", name, imp))
				}
			case imp == modulePath || strings.HasPrefix(imp, modulePath+"/"):
				dep := strings.TrimPrefix(strings.TrimPrefix(imp, modulePath), "/")
				if !rule.allowed[dep] {
					out = append(out, fmt.Sprintf("%s imports %s, which ARCHITECTURE.md does not allow it", name, imp))
				}
			}
		}
	}
	for name := range rules {
		dir := name
		if name == modulePath {
			dir = ""
		}
		if _, ok := imports[dir]; !ok {
			out = append(out, fmt.Sprintf("ARCHITECTURE.md names %s, which is not a package here", name))
		}
	}
	slices.Sort(out)
	return out
}

// TestArchitectureLayers holds every package's imports to the
// allowed-imports block of ARCHITECTURE.md: module packages only where
// the block allows them, Fyne only where it says yes, and no package the
// block does not name.
func TestArchitectureLayers(t *testing.T) {
	rules, err := readLayerRules("ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	imports, err := packageImports(".")
	if err != nil {
		t.Fatal(err)
	}
	if len(imports) < 10 {
		t.Fatalf("found only %d packages: the walk is wrong", len(imports))
	}
	for _, v := range layerViolations(rules, imports) {
		t.Error(v)
	}
}

// TestLayerViolationsAreFound shows the check can fail: an upward import,
// Fyne below the UI, an unnamed package and a stale rule are each reported.
func TestLayerViolationsAreFound(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "ARCHITECTURE.md")
	block := "intro\n```allowed-imports\n# package | imports | fyne\noffline | clock | no\nscreens | offline | yes\ngone | | no\n```\n"
	if err := os.WriteFile(doc, []byte(block), 0o600); err != nil {
		t.Fatal(err)
	}
	rules, err := readLayerRules(doc)
	if err != nil {
		t.Fatal(err)
	}
	imports := map[string][]string{
		"offline": {"context", "jiangsupass/clock", "jiangsupass/screens", "fyne.io/fyne/v2"},
		"screens": {"fyne.io/fyne/v2/widget", "jiangsupass/offline"},
		"maps":    {"math"},
	}
	got := layerViolations(rules, imports)
	want := []string{
		"ARCHITECTURE.md names gone, which is not a package here",
		"offline imports fyne.io/fyne/v2: it is below the UI and must not import Fyne",
		"offline imports jiangsupass/screens, which ARCHITECTURE.md does not allow it",
		"package maps has no line in ARCHITECTURE.md's allowed-imports block",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("violations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
