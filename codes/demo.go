package codes

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"fmt"
	"time"
)

// DemoKey derives a P-256 key from a label. The reference platform and the
// tests use such keys so that the app and a reference server started apart
// agree on them. The labels are public, so these keys protect nothing: a
// real deployment signs with keys of its own and builds the app with its
// anchors.
func DemoKey(label string) *ecdsa.PrivateKey {
	for i := 0; ; i++ {
		sum := sha256.Sum256([]byte(fmt.Sprintf("jiangsupass demo key %d %s", i, label)))
		if key, err := ecdsa.ParseRawPrivateKey(p256, sum[:]); err == nil {
			return key
		}
	}
}

// DemoAnchorLabel names the demo trust anchor's key.
const DemoAnchorLabel = "trust anchor 1"

// Anchors are the trust anchors the app accepts trust lists from: the
// reference platform's demo anchor.
func Anchors() []*ecdsa.PublicKey {
	return []*ecdsa.PublicKey{&DemoKey(DemoAnchorLabel).PublicKey}
}

// DeltaIssuer describes one issuer of the Yangtze River Delta's mutual
// recognition of codes (长三角 多码互认).
type DeltaIssuer struct {
	ID     string
	Region string
	Names  map[string]string
}

// DeltaIssuers are Jiangsu, Shanghai, Zhejiang and Anhui.
var DeltaIssuers = []DeltaIssuer{
	{ID: "CN-JS", Region: "320000", Names: map[string]string{"zh-Hans": "江苏省", "zh-Hant": "江蘇省", "en": "Jiangsu", "ja": "江蘇省", "ko": "장쑤성"}},
	{ID: "CN-SH", Region: "310000", Names: map[string]string{"zh-Hans": "上海市", "zh-Hant": "上海市", "en": "Shanghai", "ja": "上海市", "ko": "상하이시"}},
	{ID: "CN-ZJ", Region: "330000", Names: map[string]string{"zh-Hans": "浙江省", "zh-Hant": "浙江省", "en": "Zhejiang", "ja": "浙江省", "ko": "저장성"}},
	{ID: "CN-AH", Region: "340000", Names: map[string]string{"zh-Hans": "安徽省", "zh-Hant": "安徽省", "en": "Anhui", "ja": "安徽省", "ko": "안후이성"}},
}

// DemoIssuerKey is the demo key of generation gen of an issuer: a rotation
// moves an issuer from one generation to the next.
func DemoIssuerKey(issuerID string, gen int) *ecdsa.PrivateKey {
	return DemoKey(fmt.Sprintf("issuer %s generation %d", issuerID, gen))
}

// DemoTrustList is the trust list of the four Delta issuers with their
// first-generation demo keys, valid from since, to be signed with the demo
// anchor.
func DemoTrustList(seq int64, since, now time.Time) (*TrustList, error) {
	tl := &TrustList{Seq: seq, IssuedAt: now.Unix(), NextUpdate: now.Add(7 * 24 * time.Hour).Unix()}
	for _, d := range DeltaIssuers {
		k, err := NewTrustedKey(&DemoIssuerKey(d.ID, 1).PublicKey, since, time.Time{})
		if err != nil {
			return nil, err
		}
		tl.Issuers = append(tl.Issuers, TrustedIssuer{ID: d.ID, Region: d.Region, Names: d.Names, Keys: []TrustedKey{k}})
	}
	return tl, nil
}
