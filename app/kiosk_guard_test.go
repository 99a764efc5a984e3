package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// kioskForbidden are the calls a public kiosk must never make, by import
// path: the file dialogs and the storage listings they browse with. Any
// method called OpenURL is forbidden too.
var kioskForbidden = map[string]map[string]bool{
	"fyne.io/fyne/v2/dialog": {"NewFileOpen": true, "ShowFileOpen": true, "NewFileSave": true, "ShowFileSave": true,
		"NewFolderOpen": true, "ShowFolderOpen": true},
	"fyne.io/fyne/v2/storage": {"List": true, "ListerForURI": true, "CreateListable": true},
}

// unguardedCalls returns the position and name of every forbidden call in
// f that is not guarded by the kiosk check: inside an if whose condition
// holds !x.Kiosk (alone or with &&), or after an if whose condition holds
// x.Kiosk (alone or with ||) and whose body ends in return, in a block
// around the call, within the same function.
func unguardedCalls(fset *token.FileSet, f *ast.File) (found int, unguarded []string) {
	local := map[string]string{} // the file's name for each import path
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		name := filepath.Base(path)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		local[name] = path
	}
	var stack []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		name := sel.Sel.Name
		forbidden := name == "OpenURL"
		if pkg, ok := sel.X.(*ast.Ident); ok && kioskForbidden[local[pkg.Name]][name] {
			forbidden = true
		}
		if !forbidden {
			return true
		}
		found++
		if !kioskGuarded(stack) {
			unguarded = append(unguarded, fset.Position(call.Pos()).String()+": "+name)
		}
		return true
	})
	return found, unguarded
}

// kioskGuarded reports whether the innermost node of stack (its path from
// the file down) runs only outside kiosk mode.
func kioskGuarded(stack []ast.Node) bool {
	for i := len(stack) - 2; i >= 0; i-- {
		child := stack[i+1]
		switch n := stack[i].(type) {
		case *ast.FuncDecl:
			return false
		case *ast.IfStmt:
			if child == n.Body && notKiosk(n.Cond) {
				return true
			}
		case *ast.BlockStmt:
			for _, st := range n.List {
				if st == child {
					break
				}
				if ifs, ok := st.(*ast.IfStmt); ok && ifs.Else == nil && isKiosk(ifs.Cond) && endsInReturn(ifs.Body) {
					return true
				}
			}
		}
	}
	return false
}

// isKioskField reports whether e is x.Kiosk.
func isKioskField(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Kiosk"
}

// notKiosk reports whether cond is true only outside kiosk mode: !x.Kiosk,
// alone or as a term of &&.
func notKiosk(cond ast.Expr) bool {
	switch c := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		return c.Op == token.NOT && isKioskField(c.X)
	case *ast.BinaryExpr:
		return c.Op == token.LAND && (notKiosk(c.X) || notKiosk(c.Y))
	}
	return false
}

// isKiosk reports whether cond is true in kiosk mode: x.Kiosk, alone or as
// a term of ||.
func isKiosk(cond ast.Expr) bool {
	if isKioskField(cond) {
		return true
	}
	c, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	return ok && c.Op == token.LOR && (isKiosk(c.X) || isKiosk(c.Y))
}

// endsInReturn reports whether a block's last statement is a return.
func endsInReturn(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	_, ok := b.List[len(b.List)-1].(*ast.ReturnStmt)
	return ok
}

// TestFileDialogsAndLinksAreKioskGuarded lists every call in screens/ and
// app/ that opens a file dialog, lists a folder or opens a URL, and
// requires each to be guarded by the kiosk check where it is made, so
// that a new button cannot bring one to a kiosk unnoticed.
func TestFileDialogsAndLinksAreKioskGuarded(t *testing.T) {
	fset := token.NewFileSet()
	total := 0
	for _, dir := range []string{"../screens", "../screens/widgets", "."} {
		paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range paths {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			found, unguarded := unguardedCalls(fset, f)
			total += found
			for _, u := range unguarded {
				t.Errorf("%s is not guarded by the kiosk check (if !env.Kiosk { … }, or if env.Kiosk { return } before it)", u)
			}
		}
	}
	if total == 0 {
		t.Error("no file dialog found at all: the check looks at nothing (Verify's Open image has one)")
	}
	t.Logf("%d calls checked", total)
}

// TestKioskGuardCheck holds the check itself to cases: it must see an
// unguarded call, and accept the two forms of the guard.
func TestKioskGuardCheck(t *testing.T) {
	cases := []struct {
		name, body string
		unguarded  int
	}{
		{"bare", `dialog.ShowFileOpen(nil, w)`, 1},
		{"inside !Kiosk", `if !env.Kiosk { dialog.ShowFileOpen(nil, w) }`, 0},
		{"inside !Kiosk && more", `if w != nil && !v.env.Kiosk { dialog.NewFileSave(nil, w) }`, 0},
		{"inside Kiosk", `if env.Kiosk { dialog.ShowFileOpen(nil, w) }`, 1},
		{"in the else of !Kiosk", `if !env.Kiosk { } else { dialog.ShowFileOpen(nil, w) }`, 1},
		{"after Kiosk return", `if v.env.Kiosk || w == nil { return }; d := dialog.NewFileOpen(nil, w); d.Show()`, 0},
		{"after Kiosk without return", `if env.Kiosk { w = nil }; dialog.ShowFileOpen(nil, w)`, 1},
		{"after !Kiosk return", `if !env.Kiosk { return }; dialog.ShowFileOpen(nil, w)`, 1},
		{"in a closure under !Kiosk", `if !env.Kiosk { f := func() { a.OpenURL(u) }; f() }`, 0},
		{"a URL", `a.OpenURL(u)`, 1},
		{"a renamed import", `dlg.ShowFolderOpen(nil, w)`, 1},
		{"another package's function of that name", `other.ShowFileOpen(nil, w)`, 0},
	}
	for _, c := range cases {
		src := "package p\nimport (\n\"fyne.io/fyne/v2/dialog\"\ndlg \"fyne.io/fyne/v2/dialog\"\n\"example.org/other\"\n)\nfunc f() {\n" +
			c.body + "\n}\n"
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "p.go", src, 0)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if _, unguarded := unguardedCalls(fset, f); len(unguarded) != c.unguarded {
			t.Errorf("%s: %d unguarded (%v), want %d", c.name, len(unguarded), unguarded, c.unguarded)
		}
	}
}
