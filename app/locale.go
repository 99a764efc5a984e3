package app

import (
	"os"
	"runtime"

	"fyne.io/fyne/v2/lang"
)

// systemLocale is the language the system asks for, or "" when it asks
// for none. On Linux and the BSDs that is the POSIX environment (a "C" or
// "POSIX" locale, or none at all, means no preference, so the app keeps
// its default, Chinese); elsewhere it is what Fyne reads from the OS.
func systemLocale() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd":
		return ""
	}
	return lang.SystemLocale().String()
}
