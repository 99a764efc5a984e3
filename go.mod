module jiangsupass

go 1.26.8

require (
	fyne.io/fyne/v2 v2.8.1 // indirect
	github.com/BurntSushi/toml v1.6.0 // indirect
	github.com/go-resty/resty/v2 v2.17.2 // indirect
	github.com/go-text/typesetting v0.3.4 // indirect
	github.com/mattn/go-sqlite3 v1.14.53 // indirect
	github.com/nicksnyder/go-i18n/v2 v2.7.0 // indirect
	github.com/paulmach/orb v0.14.0 // indirect
	golang.org/x/image v0.24.0 // indirect
	golang.org/x/net v0.43.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)
