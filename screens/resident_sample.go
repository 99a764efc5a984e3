package screens

import (
	"context"
	"errors"
	"time"

	"jiangsupass/clock"
	"jiangsupass/codes"
	"jiangsupass/offline"
	"jiangsupass/platform"
)

// sampleResident is a made-up resident with a card, an insurance account
// and credentials from the reference platform's demo issuer, bound to a
// device key made here. Screens label it as a sample.
func sampleResident(now time.Time) resident {
	card := platform.Card{Name: "张三", SocialNo: "320102198001010036", CardNo: "A12345678", City: "南京市",
		CityCode: "320100", Status: platform.CardActive, IssuedOn: "2019-06-18", Generated: true}
	ins := platform.Insurance{BalanceCents: 128650, Currency: "CNY", AsOf: now.Add(-2 * time.Hour).UTC().Format(time.RFC3339), Generated: true,
		Records: []platform.InsuranceRecord{
			{Date: clock.In(now).AddDate(0, 0, -3).Format(time.DateOnly), Kind: "pharmacy", Place: "医保定点药店（示例）", AmountCents: -4820},
			{Date: clock.In(now).AddDate(0, 0, -9).Format(time.DateOnly), Kind: "outpatient", Place: "社区卫生服务中心（示例）", AmountCents: -12600},
			{Date: clock.In(now).AddDate(0, 0, -15).Format(time.DateOnly), Kind: "contribution", Place: "医保个人账户划入", AmountCents: 21500},
		}}
	r := resident{signedIn: true, sample: true,
		session:   offline.Session{Profile: platform.Profile{Name: "张*", Phone: "138****0001"}},
		card:      &offline.CardRecord{Card: card, FetchedAt: now.Add(-2 * time.Hour)},
		insurance: &offline.InsuranceRecord{Insurance: ins, FetchedAt: now.Add(-2 * time.Hour)},
	}
	dev, err := codes.NewDevice()
	if err != nil {
		r.err = err
		return r
	}
	iss, err := codes.NewIssuer("CN-JS", codes.DemoIssuerKey("CN-JS", 1))
	if err != nil {
		r.err = err
		return r
	}
	creds := map[string][]byte{}
	for kind, k := range map[string]codes.Kind{platform.CredentialService: codes.KindService, platform.CredentialCard: codes.KindCard} {
		c, err := iss.Issue(codes.Credential{Kind: k, NotBefore: now.Add(-time.Hour).Unix(), Expires: now.Add(72 * time.Hour).Unix(),
			DeviceKey: dev.PublicKey(), Holder: "张*", Ref: "3201**********0036", Extra: map[string]string{"city": card.City}}, now.Add(-time.Hour))
		if err != nil {
			r.err = err
			return r
		}
		creds[kind] = c
	}
	r.present = func(_ context.Context, kind string, at time.Time) (offline.ShownCode, error) {
		cred, ok := creds[kind]
		if !ok {
			return offline.ShownCode{}, errors.New("no sample credential")
		}
		return presentSample(dev, cred, at)
	}
	return r
}

// presentSample shows a sample credential as the device would at a time.
func presentSample(dev *codes.Device, cred []byte, at time.Time) (offline.ShownCode, error) {
	text, err := dev.Present(cred, at)
	if err != nil {
		return offline.ShownCode{}, err
	}
	c, err := codes.ReadCredential(cred)
	if err != nil {
		return offline.ShownCode{}, err
	}
	return offline.ShownCode{Text: text, Credential: c, Step: codes.Step(at)}, nil
}

// sampleTrustList is the demo trust list of the four Delta issuers, signed
// by the demo anchor, for the Verify screen's samples.
func sampleTrustList(now time.Time) (*codes.TrustList, error) {
	tl, err := codes.DemoTrustList(1, now.AddDate(-1, 0, 0), now)
	if err != nil {
		return nil, err
	}
	signed, err := codes.SignTrustList(tl, codes.DemoKey(codes.DemoAnchorLabel))
	if err != nil {
		return nil, err
	}
	return codes.OpenTrustList(signed, codes.DemoAnchors())
}
