package screens

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"jiangsupass/screens/widgets"
	"jiangsupass/transit"
)

// feedErrorsBanner names every feed of the feeds folder that could not be
// imported, each with what is wrong with it, in the user's language; nil
// when every feed was imported.
func feedErrorsBanner(env *Env, failed []transit.FolderFeed) fyne.CanvasObject {
	if len(failed) == 0 {
		return nil
	}
	box := container.NewVBox(widgets.NewWrappedLabel(env.L.N("TransportFeedErrors", len(failed), nil)))
	for _, f := range failed {
		box.Add(widgets.NewWrappedLabel("• " + feedProblem(env, f)))
	}
	return widgets.NewBanner(theme.WarningIcon(), box)
}

// feedProblem says in the user's language what kept a feed out. The
// detail of a malformed line (a GTFS field and its value) is left as the
// importer words it: it names the feed's own columns.
func feedProblem(env *Env, f transit.FolderFeed) string {
	data := map[string]any{"Feed": f.Name}
	var size *transit.SizeError
	var bad *transit.FeedError
	switch {
	case errors.As(f.Err, &size):
		data["File"], data["MB"] = size.File, size.Limit>>20
		if size.Total {
			return env.L.Tf("TransportFeedTooLargeTotal", data)
		}
		return env.L.Tf("TransportFeedTooLarge", data)
	case errors.Is(f.Err, transit.ErrTooManyFeeds):
		data["Max"] = transit.MaxFolderFeeds
		return env.L.Tf("TransportFeedTooMany", data)
	case errors.Is(f.Err, transit.ErrBadZip):
		return env.L.Tf("TransportFeedNotZip", data)
	case errors.As(f.Err, &bad):
		data["File"], data["Line"], data["Detail"] = bad.File, bad.Line, bad.Msg
		switch {
		case errors.Is(bad, transit.ErrFileMissing):
			return env.L.Tf("TransportFeedFileMissing", data)
		case bad.Line > 0:
			return env.L.Tf("TransportFeedBadLine", data)
		}
		return env.L.Tf("TransportFeedBadFile", data)
	}
	data["Detail"] = f.Err.Error()
	return env.L.Tf("TransportFeedUnreadable", data)
}

// feedWarning is a row or trip skipped in one feed.
type feedWarning struct {
	Feed string
	transit.FeedWarning
}

// maxShownWarnings bounds the skipped rows the Transport tab lists.
const maxShownWarnings = 8

// feedWarningsBanner names the rows and trips of the imported feeds that
// were skipped (where GTFS's reference validator only warns), each by
// feed, file and line; nil when none was.
func feedWarningsBanner(env *Env, skipped []feedWarning) fyne.CanvasObject {
	if len(skipped) == 0 {
		return nil
	}
	box := container.NewVBox(widgets.NewWrappedLabel(env.L.N("TransportFeedSkipped", len(skipped), nil)))
	for i, w := range skipped {
		if i == maxShownWarnings {
			box.Add(widgets.NewWrappedLabel("…"))
			break
		}
		box.Add(widgets.NewWrappedLabel("• " + env.L.Tf("TransportFeedBadLine",
			map[string]any{"Feed": w.Feed, "File": w.File, "Line": w.Line, "Detail": w.Msg})))
	}
	return widgets.NewBanner(theme.InfoIcon(), box)
}
