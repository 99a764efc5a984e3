package screens

import (
	"context"
	"errors"
	"testing"
	"time"

	"jiangsupass/codes"
	"jiangsupass/codes/codestest"
	"jiangsupass/offline"
	"jiangsupass/platform"
)

// testCard is the card of the tests' resident, as the platform generates
// one (so labelled).
var testCard = platform.Card{Name: "张三", SocialNo: "320102198001010036", CardNo: "A12345678", City: "南京市",
	CityCode: "320100", Status: platform.CardActive, IssuedOn: "2019-06-18", Generated: true}

// testResident is a signed-in resident as loadResident reads one from a
// store: testCard, and a 苏服码 and a card credential from Jiangsu's demo
// issuer (codestest), valid from an hour before now for three days, each
// bound to a device of its own.
func testResident(t *testing.T, now time.Time) resident {
	t.Helper()
	holders := map[string]*codestest.Holder{}
	for kind, k := range map[string]codes.Kind{platform.CredentialService: codes.KindService, platform.CredentialCard: codes.KindCard} {
		holders[kind] = codestest.NewHolder(t, codes.Credential{Kind: k, NotBefore: now.Add(-time.Hour).Unix(),
			Expires: now.Add(72 * time.Hour).Unix(), Holder: "张*", Ref: "3201**********0036",
			Extra: map[string]string{"city": testCard.City}}, now.Add(-time.Hour))
	}
	return resident{signedIn: true,
		session: offline.Session{Profile: platform.Profile{Name: "张*", Phone: "138****0001"}},
		card:    &offline.CardRecord{Card: testCard, FetchedAt: now.Add(-2 * time.Hour)},
		present: func(_ context.Context, kind string, at time.Time) (offline.ShownCode, error) {
			h, ok := holders[kind]
			if !ok {
				return offline.ShownCode{}, errors.New("no credential of kind " + kind)
			}
			text, err := h.Device.Present(h.Credential, at)
			if err != nil {
				return offline.ShownCode{}, err
			}
			c, err := codes.ReadCredential(h.Credential)
			return offline.ShownCode{Text: text, Credential: c, Step: codes.Step(at)}, err
		}}
}

// testTrustList is the demo trust list (codestest.TrustList), revoking
// the given credentials, opened against the demo anchors.
func testTrustList(t *testing.T, now time.Time, revoked ...[]byte) *codes.TrustList {
	t.Helper()
	tl, err := codes.OpenTrustList(codestest.TrustList(t, 3, now, revoked...), codestest.Anchors())
	if err != nil {
		t.Fatal(err)
	}
	return tl
}
