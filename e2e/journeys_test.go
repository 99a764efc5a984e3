//go:build e2e

package e2e

import (
	"testing"
	"time"

	"jiangsupass/codes"
	"jiangsupass/platform/server"
)

// TestDesktopSearchInChinese: on a 1280×800 desktop in Chinese, Home is
// read by OCR; typing shebao (pinyin, as the search takes it) in Home's
// search bar lists the social-security services, and a tap opens one.
func TestDesktopSearchInChinese(t *testing.T) {
	t.Parallel()
	zh := Words(t, "zh-Hans")
	s := StartScreen(t, "desktop-zh", 1280, 800)
	StartApp(t, s, "--lang", "zh-Hans", "--theme", "light")
	s.ReadUntil("home", 30*time.Second, zh.T("TabHome"), zh.T("HomeIntro"), zh.T("AttractionsTitle"), zh.T("CardTitle"))
	s.ClickText("home", zh.T("SearchPlaceholder"))
	s.Type("shebao", 60*time.Millisecond)
	r := s.ReadUntil("search-shebao", 30*time.Second, zh.T("SearchTitle"), zh.T("SearchKindService"), "社会保障卡申领")
	box, _ := r.Find("社会保障卡申领")
	s.Click(center(box))
	s.ReadUntil("service-item", 30*time.Second, zh.T("ServiceItemTitle"), "社会保障卡申领", zh.T("ServiceItemWhat"))
}

// TestPhoneAttractionToMapInEnglish: a 390×844 window (the phone layout)
// in English: Home → Attractions → the Humble Administrator's Garden →
// its place on the map.
func TestPhoneAttractionToMapInEnglish(t *testing.T) {
	t.Parallel()
	en := Words(t, "en")
	s := StartScreen(t, "phone-en", 1280, 900)
	a := StartApp(t, s, "--lang", "en", "--theme", "light")
	a.Resize(390, 844)
	s.ReadUntil("home", 30*time.Second, en.T("TabHome"), en.T("TransportTitle"), en.T("AttractionsTitle"))
	s.ClickText("home", en.T("AttractionsTitle"))
	s.ClickText("attractions", "Classical Gardens of Suzhou")
	s.ReadUntil("garden", 30*time.Second, "Humble Administrator", en.T("AttractionShowOnMap"))
	s.ClickText("garden", en.T("AttractionShowOnMap"))
	s.ReadUntil("map", 40*time.Second, en.T("TabMap"), "Suzhou")
}

// TestElderHomeIsReadAndTapped: in 长辈版 Home's large tiles are read by
// OCR, the resident's card, 苏服码 and 12345 first, and a tap at the
// middle of a tile's title opens it.
func TestElderHomeIsReadAndTapped(t *testing.T) {
	t.Parallel()
	zh := Words(t, "zh-Hans")
	s := StartScreen(t, "elder-zh", 1280, 800)
	StartApp(t, s, "--lang", "zh-Hans", "--theme", "light", "--elder")
	s.ReadUntil("home", 30*time.Second, zh.T("TabHome"), zh.T("CardTitle"), zh.T("ServiceCodeTitle"), zh.T("HotlineTitle"))
	s.ClickText("home", zh.T("HotlineTitle"))
	s.ReadUntil("hotline", 40*time.Second, zh.T("HotlineCall"), zh.T("FeedbackTitle"))
}

// TestResidentShowsServiceCode: a resident signs in on a desktop in
// English with their phone number and the code the platform (on loopback)
// sent, and is taken to the 苏服码: zbarimg reads the QR code off the screen, and
// it verifies against the platform's trust list, naming the resident.
func TestResidentShowsServiceCode(t *testing.T) {
	t.Parallel()
	en := Words(t, "en")
	p := StartPlatform(t)
	s := StartScreen(t, "resident-en", 1280, 800)
	StartApp(t, s, "--lang", "en", "--theme", "light", "--api", p.URL)
	s.ReadUntil("home", 30*time.Second, en.T("TabHome"), en.T("ServiceCodeTitle"))
	s.ClickText("home", en.T("ServiceCodeTitle"))
	s.ClickLowest("sign-in-first", en.T("SignInAction"))
	phone := server.DemoAccounts[0].Phone
	s.ClickText("sign-in", en.T("SignInPhoneAny"))
	s.Type(phone, 40*time.Millisecond)
	s.ClickText("sign-in-phone", en.T("SignInSendCode"))
	s.ReadUntil("code-sent", 30*time.Second, en.T("SignInCodeSent"))
	s.ClickText("code-sent", en.T("SignInCode"))
	s.Type(p.Code(phone), 40*time.Millisecond)
	s.ClickLowest("sign-in-code", en.T("SignInAction")) // then the app shows the 苏服码
	var read []string
	for deadline := time.Now().Add(30 * time.Second); len(read) == 0 && time.Now().Before(deadline); {
		read = s.QR("service-code")
	}
	if len(read) != 1 {
		t.Fatalf("zbarimg read %d codes on the 苏服码 screen", len(read))
	}
	res, err := codes.Check(read[0], p.Trust(t), p.Now())
	if err != nil {
		t.Fatalf("the code on the screen does not verify: %v", err)
	}
	if res.Kind != codes.KindService || res.Credential.Holder == "" {
		t.Errorf("verified as %+v", res)
	}
	t.Logf("read a %s code for %s", res.Kind, res.Credential.Holder)
}
