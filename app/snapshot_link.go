package app

import (
	"jiangsupass/offline"
	"jiangsupass/platform"
	"jiangsupass/screens"
)

// platformLink links the resident's pictures to the platform their store
// was filled from, as the app's syncer links its screens, but syncs
// nothing: the pictures show the store as it was filled.
type platformLink struct{ client *platform.Client }

var _ screens.Syncer = platformLink{}

// APIURL is the platform's origin.
func (l platformLink) APIURL() string { return l.client.Origin() }

// SetAPIURL changes nothing.
func (platformLink) SetAPIURL(string) error { return nil }

// SyncNow does nothing.
func (platformLink) SyncNow() {}

// Progress is that of no sync.
func (platformLink) Progress() offline.Progress { return offline.Progress{} }

// Watch never calls f.
func (platformLink) Watch(func()) (stop func()) { return func() {} }

// Client is the platform's client, which the resident's screens ask.
func (l platformLink) Client() *platform.Client { return l.client }
