package codes

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
