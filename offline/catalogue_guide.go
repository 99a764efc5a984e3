package offline

// ServiceGuide is what a resident needs to know before applying for an
// item: who may apply, what to bring, how long it takes, what it costs
// and how it can be done. The seed and the platform carry none of this, so
// the app makes it up by the rule of GuideFor; it is always Generated and
// the UI says so, pointing to the official guide (办事指南) at the hall.
type ServiceGuide struct {
	Summary   string // what the item is
	Applicant string // who may apply
	Materials []string
	TimeLimit string // e.g. 即办, 5个工作日
	Fee       string
	Online    bool // can be applied for online (网上办)
	NoVisit   bool // can be done without a visit (不见面审批)
	Delta     bool // handled across the Yangtze River Delta (长三角一网通办)
	Generated bool
}

// guideRule is the generated guide of a theme.
type guideRule struct {
	materials       []string
	timeLimit, fee  string
	online, noVisit bool
	delta           bool
}

// guideRules are GuideFor's rule, by theme; other themes get defaultRule.
var guideRules = map[string]guideRule{
	"户籍":  {[]string{"居民户口簿"}, "即办", "不收费", true, false, true},
	"出入境": {[]string{"近期免冠证件照片", "原出入境证件（换发、补发时）"}, "7个工作日", "按国家规定标准收费", true, false, true},
	"车驾管": {[]string{"机动车驾驶证", "机动车登记证书（办理车辆业务时）"}, "即办", "按国家规定标准收费", true, true, true},
	"社保":  {[]string{"社会保障卡"}, "5个工作日", "不收费", true, true, true},
	"医保":  {[]string{"医保电子凭证或社会保障卡"}, "即办", "不收费", true, true, true},
	"公积金": {[]string{"住房公积金缴存证明"}, "3个工作日", "不收费", true, true, true},
}

var defaultRule = guideRule{[]string{"申请表"}, "10个工作日", "不收费", true, false, false}

// GuideFor makes an item's guide by this rule: the applicant is the
// person (个人) or the legal representative or agent (法人); the
// materials are an identity document (and for 法人 the business licence)
// plus those of the item's theme in guideRules; time limit, fee, online,
// 不见面 and 长三角一网通办 come from the theme's rule.
func GuideFor(it ServiceItem) ServiceGuide {
	r, ok := guideRules[it.Theme]
	if !ok {
		r = defaultRule
	}
	g := ServiceGuide{Summary: it.Name + "（" + it.Theme + "，" + it.Department + "）", TimeLimit: r.timeLimit, Fee: r.fee,
		Online: r.online, NoVisit: r.noVisit, Delta: r.delta, Generated: true}
	if it.Audience == "法人" {
		g.Applicant = "企业、单位的法定代表人或其委托的经办人"
		g.Materials = []string{"营业执照或统一社会信用代码证明", "经办人居民身份证", "授权委托书"}
	} else {
		g.Applicant = "本人，或其委托的代理人"
		g.Materials = []string{"居民身份证"}
	}
	g.Materials = append(g.Materials, r.materials...)
	return g
}
