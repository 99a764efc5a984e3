package screens

import (
	"fmt"

	"jiangsupass/offline"
)

// formatBytes shows a size in B, KB or MB with one decimal.
func formatBytes(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
}

// countsData is the template data of the messages that say what the
// offline data holds.
func countsData(stats offline.Stats) map[string]any {
	return map[string]any{
		"Attractions": stats.Counts["attractions"],
		"Stations":    stats.Counts["stations"],
		"Services":    stats.Counts["service_items"],
	}
}
