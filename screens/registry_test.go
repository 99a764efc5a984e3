package screens

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// TestRegistryClosedOnceRead: once the screens have been read, as the
// app does first, a registration panics and the screens stay as they
// were.
func TestRegistryClosedOnceRead(t *testing.T) {
	before := len(All())
	defer func() {
		if recover() == nil {
			t.Error("a screen registered after the screens were read was taken")
		}
		if _, ok := Lookup("late"); ok || len(All()) != before {
			t.Errorf("the late screen is listed: %d screens, %d before", len(All()), before)
		}
	}()
	Register(Screen{ID: "late", Tab: TabHome, Title: "AppName",
		Build: func(*Env, Route) fyne.CanvasObject { return widget.NewLabel("") }})
}

// TestRegisterOnlyInInit: every call of Register in the module (but the
// late one above, which must panic) is in an init function of a file of
// this package, so that the registry is complete before the app starts
// and nothing changes it later.
func TestRegisterOnlyInInit(t *testing.T) {
	root := ".." // the module
	fset := token.NewFileSet()
	calls := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || path == filepath.Join(root, "screens", "registry_test.go") {
			return nil // this file's late call is the one that must panic
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !strings.Contains(string(src), "Register") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		here := filepath.Dir(path) == filepath.Join(root, "screens")
		for _, decl := range f.Decls {
			fn, _ := decl.(*ast.FuncDecl)
			inInit := fn != nil && fn.Recv == nil && fn.Name.Name == "init" &&
				here && !strings.HasSuffix(path, "_test.go")
			ast.Inspect(decl, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || !callsRegister(call, here, f) {
					return true
				}
				calls++
				if !inInit {
					t.Errorf("%s: Register is called outside an init function of package screens", fset.Position(call.Pos()))
				}
				return true
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls < len(All()) {
		t.Fatalf("found %d calls of Register for %d screens: the walk missed some", calls, len(All()))
	}
}

// callsRegister reports whether call is a call of this package's
// Register: a bare Register in a file of the package, or
// screens.Register in a file that imports it.
func callsRegister(call *ast.CallExpr, here bool, f *ast.File) bool {
	switch fun := call.Fun.(type) {
	case *ast.Ident:
		return here && fun.Name == "Register"
	case *ast.SelectorExpr:
		x, ok := fun.X.(*ast.Ident)
		if !ok || fun.Sel.Name != "Register" {
			return false
		}
		for _, imp := range f.Imports {
			if strings.Trim(imp.Path.Value, `"`) != "jiangsupass/screens" {
				continue
			}
			name := "screens"
			if imp.Name != nil {
				name = imp.Name.Name
			}
			return x.Name == name
		}
	}
	return false
}
