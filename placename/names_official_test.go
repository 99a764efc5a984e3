package placename

import "testing"

// officialEnglish is a list written by hand of station, railway station,
// airport and line names with the English names their operators publish
// (Nanjing, Suzhou, Wuxi, Changzhou, Xuzhou and Nantong Metro signs and
// maps; the airports' own names). It is not taken from this package's
// output: where the rule and an operator differ, the rule or the override
// table is what must change.
var officialEnglish = []struct{ zh, en string }{
	// Nanjing Metro
	{"新街口", "Xinjiekou"},
	{"鼓楼", "Gulou"},
	{"大行宫", "Daxinggong"},
	{"夫子庙", "Fuzimiao"},
	{"南京站", "Nanjing Railway Station"},
	{"南京南站", "Nanjing South Railway Station"},
	{"禄口机场", "Lukou Airport"},
	{"珠江路", "Zhujiang Road"},
	{"玄武门", "Xuanwumen"},
	{"迈皋桥", "Maigaoqiao"},
	{"张府园", "Zhangfuyuan"},
	{"三山街", "Sanshanjie"},
	{"中华门", "Zhonghuamen"},
	{"安德门", "Andemen"},
	{"天隆寺", "Tianlongsi"},
	{"花神庙", "Huashenmiao"},
	{"双龙大道", "Shuanglong Avenue"},
	{"河定桥", "Hedingqiao"},
	{"胜太路", "Shengtai Road"},
	{"百家湖", "Baijiahu"},
	{"小龙湾", "Xiaolongwan"},
	{"竹山路", "Zhushan Road"},
	{"天印大道", "Tianyin Avenue"},
	{"龙眠大道", "Longmian Avenue"},
	{"中国药科大学", "China Pharmaceutical University"},
	{"新模范马路", "Xinmofan Road"},
	{"油坊桥", "Youfangqiao"},
	{"元通", "Yuantong"},
	{"兴隆大街", "Xinglong Street"},
	{"云锦路", "Yunjin Road"},
	{"汉中门", "Hanzhongmen"},
	{"上海路", "Shanghai Road"},
	{"西安门", "Xi'anmen"},
	{"明故宫", "Minggugong"},
	{"苜蓿园", "Muxuyuan"},
	{"下马坊", "Xiamafang"},
	{"孝陵卫", "Xiaolingwei"},
	{"钟灵街", "Zhongling Street"},
	{"马群", "Maqun"},
	{"金马路", "Jinma Road"},
	{"仙鹤门", "Xianhemen"},
	{"学则路", "Xueze Road"},
	{"仙林中心", "Xianlin Center"},
	{"羊山公园", "Yangshan Park"},
	{"经天路", "Jingtian Road"},
	{"林场", "Linchang"},
	{"星火路", "Xinghuo Road"},
	{"泰冯路", "Taifeng Road"},
	{"柳洲东路", "Liuzhou East Road"},
	{"上元门", "Shangyuanmen"},
	{"五塘广场", "Wutang Square"},
	{"小市", "Xiaoshi"},
	{"鸡鸣寺", "Jimingsi"},
	{"浮桥", "Fuqiao"},
	{"武定门", "Wudingmen"},
	{"雨花门", "Yuhuamen"},
	{"卡子门", "Kazimen"},
	{"大明路", "Daming Road"},
	{"明发广场", "Mingfa Square"},
	{"宏运大道", "Hongyun Avenue"},
	{"胜太西路", "Shengtai West Road"},
	{"天元西路", "Tianyuan West Road"},
	{"九龙湖", "Jiulonghu"},
	{"诚信大道", "Chengxin Avenue"},
	{"秣周东路", "Mozhou East Road"},
	{"龙江", "Longjiang"},
	{"草场门", "Caochangmen"},
	{"云南路", "Yunnan Road"},
	{"九华山", "Jiuhuashan"},
	{"岗子村", "Gangzicun"},
	{"蒋王庙", "Jiangwangmiao"},
	{"聚宝山", "Jubaoshan"},
	{"徐庄", "Xuzhuang"},
	{"小行", "Xiaohang"},
	{"中胜", "Zhongsheng"},
	{"江心洲", "Jiangxinzhou"},
	{"梦都大街", "Mengdu Street"},
	{"翔宇路北", "Xiangyu Road North"},
	{"翔宇路南", "Xiangyu Road South"},
	{"正方中路", "Zhengfang Middle Road"},
	{"长芦", "Changlu"},
	{"大厂", "Dachang"},
	{"卸甲甸", "Xiejiadian"},
	{"金牛湖", "Jinniuhu"},
	{"团结圩", "Tuanjiewei"},
	{"高淳", "Gaochun"},
	{"溧水", "Lishui"},
	{"句容", "Jurong"},
	{"汤山", "Tangshan"},
	{"麒麟门", "Qilinmen"},
	// Suzhou Metro
	{"乐桥", "Leqiao"},
	{"临顿路", "Lindun Road"},
	{"相门", "Xiangmen"},
	{"养育巷", "Yangyuxiang"},
	{"木渎", "Mudu"},
	{"苏州火车站", "Suzhou Railway Station"},
	{"山塘街", "Shantang Street"},
	{"星湖街", "Xinghu Street"},
	{"蠡口", "Likou"},
	{"陆慕", "Lumu"},
	{"广济南路", "Guangji South Road"},
	{"桐泾北路", "Tongjing North Road"},
	// Wuxi Metro
	{"无锡火车站", "Wuxi Railway Station"},
	{"无锡东站", "Wuxi East Railway Station"},
	{"三阳广场", "Sanyang Square"},
	{"南禅寺", "Nanchansi"},
	{"胜利门", "Shenglimen"},
	// Changzhou, Xuzhou and Nantong Metro
	{"常州火车站", "Changzhou Railway Station"},
	{"常州北站", "Changzhou North Railway Station"},
	{"茶山", "Chashan"},
	{"徐州东站", "Xuzhou East Railway Station"},
	{"彭城广场", "Pengcheng Square"},
	{"户部山", "Hubushan"},
	{"南通西站", "Nantong West Railway Station"},
}

// officialHubs are railway stations and airports as the hub file names
// them, with their official English names.
var officialHubs = []struct{ zh, kind, en string }{
	{"南京", "rail", "Nanjing Railway Station"},
	{"南京南", "rail", "Nanjing South Railway Station"},
	{"苏州北", "rail", "Suzhou North Railway Station"},
	{"无锡东", "rail", "Wuxi East Railway Station"},
	{"苏州新区", "rail", "Suzhou New District Railway Station"},
	{"苏州园区", "rail", "Suzhou Industrial Park Railway Station"},
	{"南京禄口国际机场 NKG", "air", "Nanjing Lukou International Airport"},
	{"苏南硕放国际机场 WUX", "air", "Sunan Shuofang International Airport"},
}

// officialLines are line names as the operators write them in English.
var officialLines = []struct{ zh, en string }{
	{"1号线", "Line 1"},
	{"10号线", "Line 10"},
	{"S1号线", "Line S1"},
	{"S9号线", "Line S9"},
}

func TestEnglishStationNamesAreTheOperators(t *testing.T) {
	if len(officialEnglish) < 30 {
		t.Fatalf("the list has %d names; it must have at least 30", len(officialEnglish))
	}
	for _, c := range officialEnglish {
		if got := Station(c.zh)["en"]; got != c.en {
			t.Errorf("%s: %q, the operator writes %q", c.zh, got, c.en)
		}
	}
}

func TestEnglishHubNamesAreOfficial(t *testing.T) {
	for _, c := range officialHubs {
		if got := Hub(c.zh, c.kind)["en"]; got != c.en {
			t.Errorf("%s: %q, officially %q", c.zh, got, c.en)
		}
	}
}

func TestEnglishLineNames(t *testing.T) {
	for _, c := range officialLines {
		if got := Line(c.zh)["en"]; got != c.en {
			t.Errorf("%s: %q, the operator writes %q", c.zh, got, c.en)
		}
	}
}
