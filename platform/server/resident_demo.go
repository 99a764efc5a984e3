package server

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"time"

	"jiangsupass/clock"
	"jiangsupass/platform"
)

// demoCity is a Jiangsu city that issues social-security cards.
type demoCity struct{ code, name string }

var demoCities = []demoCity{
	{"320100", "南京市"}, {"320200", "无锡市"}, {"320500", "苏州市"}, {"320400", "常州市"},
	{"321000", "扬州市"}, {"320600", "南通市"}, {"320300", "徐州市"}, {"321100", "镇江市"},
}

// demoCard makes up the card of a resident from their account id: the
// same account always gets the same card. It is labelled generated.
func demoCard(u User) platform.Card {
	h := sha256.Sum256([]byte("card " + u.ID))
	city := demoCities[int(h[0])%len(demoCities)]
	birth := time.Date(1950+int(h[1])%50, time.Month(1+int(h[2])%12), 1+int(h[3])%28, 0, 0, 0, 0, time.UTC)
	seq := binary.BigEndian.Uint16(h[4:6]) % 1000
	id17 := fmt.Sprintf("%s%s%03d", city.code[:4]+fmt.Sprintf("%02d", 2+int(h[6])%9), birth.Format("20060102"), seq)
	return platform.Card{
		Name:      u.Name,
		SocialNo:  id17 + idCheckDigit(id17),
		CardNo:    fmt.Sprintf("%c%08d", 'A'+rune(h[7]%26), binary.BigEndian.Uint32(h[8:12])%100000000),
		City:      city.name,
		CityCode:  city.code,
		Status:    platform.CardActive,
		IssuedOn:  time.Date(2015+int(h[12])%10, time.Month(1+int(h[13])%12), 1+int(h[14])%28, 0, 0, 0, 0, time.UTC).Format(time.DateOnly),
		Generated: true,
	}
}

// idCheckDigit is the check character of a citizen ID number (GB 11643):
// a weighted sum of the first 17 digits, modulo 11.
func idCheckDigit(id17 string) string {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(id17[i]-'0') * w
	}
	return string("10X98765432"[sum%11])
}

// demoInsurance makes up a resident's medical-insurance account and its
// records of the last two months, ending at now and dated in China. It is
// labelled generated.
func demoInsurance(u User, now time.Time) platform.Insurance {
	h := sha256.Sum256([]byte("insurance " + u.ID))
	kinds := []struct{ kind, place string }{
		{"outpatient", "社区卫生服务中心（示例）"},
		{"pharmacy", "医保定点药店（示例）"},
		{"outpatient", "市第一人民医院（示例）"},
		{"contribution", "医保个人账户划入"},
	}
	ins := platform.Insurance{Currency: "CNY", AsOf: now.UTC().Format(time.RFC3339), Generated: true, Records: []platform.InsuranceRecord{}}
	ins.BalanceCents = 50000 + int64(binary.BigEndian.Uint32(h[0:4])%400000)
	day := clock.Midnight(now)
	for i := range 8 {
		k := kinds[int(h[4+i])%len(kinds)]
		amount := -int64(1000 + int(binary.BigEndian.Uint16(h[12+2*i:14+2*i]))%30000)
		if k.kind == "contribution" {
			amount = 18000 + int64(h[4+i])*10
		}
		day = day.AddDate(0, 0, -(1 + int(h[20+i])%9))
		ins.Records = append(ins.Records, platform.InsuranceRecord{Date: day.Format(clock.DateLayout), Kind: k.kind, Place: k.place, AmountCents: amount})
	}
	return ins
}
